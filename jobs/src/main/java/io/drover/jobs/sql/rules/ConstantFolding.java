package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Expr.Binary;
import io.drover.jobs.sql.logical.Expr.Literal;
import io.drover.jobs.sql.logical.Expr.Op;
import io.drover.jobs.sql.logical.Plan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Folds constant expressions: {@code +, -, *} of numeric literals (decimals exactly, at the
 * result type's scale; division is left to run time, whose rounding is the evaluator's), the six
 * comparisons of two literals of comparable types, {@code DATE ± INTERVAL} literals to a DATE
 * literal, {@code NOT} of a literal, and {@code AND}/{@code OR} with a TRUE or FALSE side (SQL's
 * three-valued logic: {@code FALSE AND NULL} is FALSE, {@code TRUE OR NULL} is TRUE; any other
 * NULL literal operand of arithmetic or comparison, even beside a column, folds the
 * operation to a NULL literal), and a conjunct common to both sides of an OR factored out. A
 * Filter whose condition
 * folds to TRUE is removed. Runs in subquery plans too.
 */
public final class ConstantFolding implements Rule {
  @Override
  public Plan apply(Plan plan) {
    return PlanUtil.transformUp(plan, p -> {
      Plan q = PlanUtil.mapSubqueryPlans(p, this::apply);
      q = PlanUtil.mapExprs(q, ConstantFolding::fold);
      if (q instanceof Plan.Filter f && f.condition() instanceof Literal l
          && Boolean.TRUE.equals(l.value())) {
        return f.input();
      }
      return q.equals(p) ? p : q;
    });
  }

  /** {@code e} with its constant parts folded. */
  public static Expr fold(Expr e) {
    return e.map(ConstantFolding::foldNode);
  }

  /**
   * {@code (a AND b) OR (a AND c)} is {@code a AND (b OR c)}, and {@code a OR (a AND c)} is
   * {@code a} (distributivity and absorption hold in SQL's three-valued logic too), so a
   * condition common to every branch of an OR (TPC-H Q19's join equality) comes out where
   * predicate pushdown can make it a join key.
   */
  private static Expr factorOr(Binary or) {
    java.util.List<Expr> l = PlanUtil.conjuncts(or.left());
    java.util.List<Expr> r = PlanUtil.conjuncts(or.right());
    java.util.Set<Expr> rs = new java.util.HashSet<>(r.stream().map(ConstantFolding::canon).toList());
    java.util.List<Expr> common = l.stream().filter(x -> rs.contains(canon(x))).distinct().toList();
    if (common.isEmpty()) {
      return or;
    }
    java.util.Set<Expr> cs = new java.util.HashSet<>(common.stream().map(ConstantFolding::canon).toList());
    java.util.List<Expr> lr = l.stream().filter(x -> !cs.contains(canon(x))).toList();
    java.util.List<Expr> rr = r.stream().filter(x -> !cs.contains(canon(x))).toList();
    java.util.List<Expr> all = new java.util.ArrayList<>(common);
    if (!lr.isEmpty() && !rr.isEmpty()) {
      all.add(new Binary(Op.OR, PlanUtil.and(lr), PlanUtil.and(rr), DataType.BOOLEAN));
    }
    return PlanUtil.and(all);
  }

  /** {@code e} with the sides of an equality in one order ({@code a = b} is {@code b = a}). */
  private static Expr canon(Expr e) {
    if (e instanceof Binary b && (b.op() == Op.EQ || b.op() == Op.NE)
        && b.left().toString().compareTo(b.right().toString()) > 0) {
      return new Binary(b.op(), b.right(), b.left(), b.type());
    }
    return e;
  }

  private static Expr foldNode(Expr e) {
    if (e instanceof Expr.Not n && n.input() instanceof Literal l) {
      return l.value() == null ? l : bool(!(Boolean) l.value());
    }
    if (e instanceof Expr.IsNull n && n.input() instanceof Literal l) {
      return bool((l.value() == null) != n.negated());
    }
    if (!(e instanceof Binary b)) {
      return e;
    }
    if (b.op() == Op.AND || b.op() == Op.OR) {
      boolean and = b.op() == Op.AND;
      for (int side = 0; side < 2; side++) {
        Expr x = side == 0 ? b.left() : b.right();
        Expr other = side == 0 ? b.right() : b.left();
        if (x instanceof Literal l && l.value() instanceof Boolean v) {
          // TRUE AND y = y; FALSE AND y = FALSE; TRUE OR y = TRUE; FALSE OR y = y.
          return v == and ? other : l;
        }
      }
      return and ? e : factorOr(b);
    }
    if (b.left() instanceof Literal x && x.value() == null
        || b.right() instanceof Literal y && y.value() == null) {
      return new Literal(null, b.type());
    }
    if (!(b.left() instanceof Literal l) || !(b.right() instanceof Literal r)) {
      return e;
    }
    if (l.value() == null || r.value() == null) {
      return new Literal(null, b.type());
    }
    Object a = l.value();
    Object c = r.value();
    if (b.op().isComparison()) {
      Integer cmp = compare(a, c);
      if (cmp == null) {
        return e;
      }
      return bool(switch (b.op()) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        default -> cmp >= 0;
      });
    }
    if (a instanceof LocalDate d && c instanceof Expr.Interval i
        && (b.op() == Op.ADD || b.op() == Op.SUB)) {
      int sign = b.op() == Op.ADD ? 1 : -1;
      return new Literal(d.plusMonths(sign * i.months()).plusDays(sign * i.days()),
          DataType.DATE);
    }
    if (a instanceof Expr.Interval i && c instanceof LocalDate d && b.op() == Op.ADD) {
      return new Literal(d.plusMonths(i.months()).plusDays(i.days()), DataType.DATE);
    }
    if (b.op() == Op.DIV || !(a instanceof Number) || !(c instanceof Number)) {
      return e;
    }
    DataType t = b.type();
    if (t.kind() == Kind.DECIMAL) {
      BigDecimal x = decimal(a);
      BigDecimal y = decimal(c);
      BigDecimal v = switch (b.op()) {
        case ADD -> x.add(y);
        case SUB -> x.subtract(y);
        default -> x.multiply(y);
      };
      return new Literal(v.setScale(t.scale(), RoundingMode.HALF_UP), t);
    }
    if (t.kind() == Kind.DOUBLE) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) c).doubleValue();
      return new Literal(switch (b.op()) {
        case ADD -> x + y;
        case SUB -> x - y;
        default -> x * y;
      }, t);
    }
    if ((t.kind() == Kind.INT || t.kind() == Kind.BIGINT) && a instanceof Long x
        && c instanceof Long y) {
      try {
        long v = switch (b.op()) {
          case ADD -> Math.addExact(x, y);
          case SUB -> Math.subtractExact(x, y);
          default -> Math.multiplyExact(x, y);
        };
        if (t.kind() == Kind.INT && v != (int) v) {
          return e;
        }
        return new Literal(v, t);
      } catch (ArithmeticException overflow) {
        return e;
      }
    }
    return e;
  }

  private static Literal bool(boolean v) {
    return new Literal(v, DataType.BOOLEAN);
  }

  private static BigDecimal decimal(Object n) {
    return n instanceof BigDecimal d ? d
        : n instanceof Double d ? BigDecimal.valueOf(d)
        : BigDecimal.valueOf(((Number) n).longValue());
  }

  private static Integer compare(Object a, Object c) {
    if (a instanceof Number x && c instanceof Number y) {
      return decimal(x).compareTo(decimal(y));
    }
    if (a instanceof String x && c instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof LocalDate x && c instanceof LocalDate y) {
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && c instanceof Boolean y) {
      return x.compareTo(y);
    }
    return null;
  }
}
