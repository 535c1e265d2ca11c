package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Types;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Compiles a resolved {@link Expr} once into a tree of closures over a row ({@code Object[]} in
 * the {@link Values} representation, laid out as a schema). Types are dispatched at compile
 * time; literals are converted and constant subtrees folded.
 *
 * <p>Semantics follow Spark SQL (non-ANSI) and Hive: int / int is double; division by zero is
 * NULL; decimal +, -, * are exact at the result type's scale, / rounds HALF_UP to it; a decimal
 * result wider than its type's precision is NULL; integer arithmetic is exact 64-bit and a
 * result overflowing a long is NULL (no wrapping; an INT-typed result is not narrowed to 32
 * bits); comparisons widen both sides to {@link Types#common} (decimal vs int, date vs string);
 * AND, OR, NOT are three-valued; {@code CAST} as {@link Values#cast} (decimal to int truncates,
 * as Spark); {@code date +/- interval} adds days, or months clamping the day to the month's end;
 * {@code substring} is Spark's (1-based, 0 is 1, negative counts from the end); {@code trim}
 * removes spaces only.
 */
public final class Evaluator {
  private Evaluator() {}

  /** A compiled expression. */
  @FunctionalInterface
  public interface Fn {
    Object eval(Object[] row);
  }

  /** A constant (so callers up the tree can fold it). */
  private static final class Const implements Fn {
    final Object value;

    Const(Object value) {
      this.value = value;
    }

    public Object eval(Object[] row) {
      return value;
    }
  }

  private static final Const NULL = new Const(null);

  /** {@code e} over rows laid out as {@code schema}, in UTC. */
  public static Fn compile(Expr e, List<Field> schema) {
    return compile(e, schema, java.time.ZoneOffset.UTC);
  }

  /**
   * {@code e} over rows laid out as {@code schema}; {@code zone}: the session time zone, that of
   * the functions between timestamps (wall-clock times in it) and instants.
   */
  public static Fn compile(Expr e, List<Field> schema, java.time.ZoneId zone) {
    return new Compiler(schema, zone).compile(e);
  }

  /** A filter: true only where {@code e} is TRUE (NULL and FALSE reject). */
  public static Predicate<Object[]> condition(Expr e, List<Field> schema,
      java.time.ZoneId zone) {
    Fn f = compile(e, schema, zone);
    if (f instanceof Const c) {
      boolean v = Boolean.TRUE.equals(c.value);
      return row -> v;
    }
    return row -> f.eval(row) == Boolean.TRUE;
  }

  /** The index of the field {@code ref} names; IllegalArgumentException if none or several. */
  public static int resolve(Expr.ColumnRef ref, List<Field> schema) {
    int found = -1;
    for (int i = 0; i < schema.size(); i++) {
      Field f = schema.get(i);
      if (f.name().equals(ref.name())
          && (ref.qualifier() == null || ref.qualifier().equals(f.qualifier()))) {
        if (found >= 0) {
          throw new IllegalArgumentException("column " + ref + " is ambiguous in " + schema);
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("column " + ref + " is not in " + schema);
    }
    return found;
  }

  private static final class Compiler {
    final List<Field> schema;
    final java.time.ZoneId zone;

    Compiler(List<Field> schema, java.time.ZoneId zone) {
      this.schema = schema;
      this.zone = zone;
    }

    Fn compile(Expr e) {
      Fn f = build(e);
      if (!(f instanceof Const) && !(e instanceof Expr.ColumnRef) && constant(e)) {
        return new Const(f.eval(null));
      }
      return f;
    }

    /** Whether {@code e} has no column (folding it once is safe). */
    private boolean constant(Expr e) {
      if (e instanceof Expr.ColumnRef) {
        return false;
      }
      for (Expr c : e.children()) {
        if (!constant(c)) {
          return false;
        }
      }
      return true;
    }

    private Fn build(Expr e) {
      if (e instanceof Expr.ColumnRef r) {
        int i = resolve(r, schema);
        return row -> row[i];
      }
      if (e instanceof Expr.Literal l) {
        return literal(l);
      }
      if (e instanceof Expr.Binary b) {
        if (b.op() == Expr.Op.AND || b.op() == Expr.Op.OR) {
          return logic(b.op(), compile(b.left()), compile(b.right()));
        }
        if (b.op().isComparison()) {
          return comparison(b.op(), b.left(), b.right());
        }
        return arithmetic(b);
      }
      if (e instanceof Expr.Not n) {
        Fn x = compile(n.input());
        return row -> {
          Object v = x.eval(row);
          return v == null ? null : !(Boolean) v;
        };
      }
      if (e instanceof Expr.IsNull n) {
        Fn x = compile(n.input());
        return n.negated() ? row -> x.eval(row) != null : row -> x.eval(row) == null;
      }
      if (e instanceof Expr.Negate n) {
        return negate(compile(n.input()), n.input().type());
      }
      if (e instanceof Expr.Case c) {
        return caseWhen(c);
      }
      if (e instanceof Expr.Like l) {
        return like(l);
      }
      if (e instanceof Expr.InList in) {
        return inList(in);
      }
      if (e instanceof Expr.Between b) {
        return between(b);
      }
      if (e instanceof Expr.Cast c) {
        return convert(compile(c.input()), c.input().type(), c.type());
      }
      if (e instanceof Expr.Call c) {
        return call(c);
      }
      throw new IllegalArgumentException("not compiled: " + e);
    }

    private Fn literal(Expr.Literal l) {
      Object v = l.value();
      if (v == null) {
        return NULL;
      }
      DataType t = l.type();
      switch (t.kind()) {
        case INT:
        case BIGINT:
          return new Const(((Number) v).longValue());
        case DOUBLE:
          return new Const(((Number) v).doubleValue());
        case DECIMAL:
          return new Const(((BigDecimal) v).setScale(t.scale(), RoundingMode.HALF_UP));
        case TIMESTAMP:
          return new Const(v instanceof LocalDate d ? d.atStartOfDay() : v);
        default:
          return new Const(v);
      }
    }

    /** {@code f} (of type {@code from}) cast to {@code to}: full CAST semantics. */
    private Fn convert(Fn f, DataType from, DataType to) {
      if (from.equals(to) || to.kind() == Kind.STRING && from.isText()
          || from.kind() == Kind.NULL) {
        return f;
      }
      if (f instanceof Const c) {
        return new Const(Values.cast(c.value, from, to));
      }
      if ((from.kind() == Kind.INT || from.kind() == Kind.BIGINT) && to.kind() == Kind.BIGINT) {
        return f;
      }
      if ((from.kind() == Kind.INT || from.kind() == Kind.BIGINT) && to.kind() == Kind.DOUBLE) {
        return row -> {
          Object v = f.eval(row);
          return v == null ? null : (Object) ((Long) v).doubleValue();
        };
      }
      return row -> Values.cast(f.eval(row), from, to);
    }

    /**
     * {@code f} in the representation of {@code to}, for comparing: like {@link #convert} but a
     * decimal keeps its scale (compareTo ignores it) and text is not cut to a length.
     */
    private Fn widen(Fn f, DataType from, DataType to) {
      Kind a = from.kind();
      Kind b = to.kind();
      if (a == b || from.isText() && to.isText() || a == Kind.NULL
          || (a == Kind.INT || a == Kind.BIGINT) && (b == Kind.INT || b == Kind.BIGINT)) {
        return f;
      }
      if (b == Kind.DECIMAL && (a == Kind.INT || a == Kind.BIGINT)) {
        if (f instanceof Const c) {
          return new Const(c.value == null ? null : BigDecimal.valueOf((Long) c.value));
        }
        return row -> {
          Object v = f.eval(row);
          return v == null ? null : BigDecimal.valueOf((Long) v);
        };
      }
      return convert(f, from, to);
    }

    private Fn logic(Expr.Op op, Fn l, Fn r) {
      if (op == Expr.Op.AND) {
        return row -> {
          Object a = l.eval(row);
          if (a == Boolean.FALSE) {
            return Boolean.FALSE;
          }
          Object b = r.eval(row);
          if (b == Boolean.FALSE) {
            return Boolean.FALSE;
          }
          return a == null || b == null ? null : Boolean.TRUE;
        };
      }
      return row -> {
        Object a = l.eval(row);
        if (a == Boolean.TRUE) {
          return Boolean.TRUE;
        }
        Object b = r.eval(row);
        if (b == Boolean.TRUE) {
          return Boolean.TRUE;
        }
        return a == null || b == null ? null : Boolean.FALSE;
      };
    }

    /** Functional comparison result test for {@code op}. */
    private static java.util.function.IntPredicate test(Expr.Op op) {
      switch (op) {
        case EQ:
          return c -> c == 0;
        case NE:
          return c -> c != 0;
        case LT:
          return c -> c < 0;
        case LE:
          return c -> c <= 0;
        case GT:
          return c -> c > 0;
        case GE:
          return c -> c >= 0;
        default:
          throw new IllegalArgumentException(op + " is not a comparison");
      }
    }

    private Fn comparison(Expr.Op op, Expr left, Expr right) {
      DataType t = Types.common(left.type(), right.type());
      if (t.kind() == Kind.NULL || left.type().kind() == Kind.NULL
          || right.type().kind() == Kind.NULL) {
        return NULL;
      }
      Fn l = widen(compile(left), left.type(), t);
      Fn r = widen(compile(right), right.type(), t);
      java.util.function.IntPredicate p = test(op);
      if (t.kind() == Kind.INT || t.kind() == Kind.BIGINT) {
        return row -> {
          Object a = l.eval(row);
          if (a == null) {
            return null;
          }
          Object b = r.eval(row);
          return b == null ? null : (Object) p.test(Long.compare((Long) a, (Long) b));
        };
      }
      return row -> {
        Object a = l.eval(row);
        if (a == null) {
          return null;
        }
        Object b = r.eval(row);
        return b == null ? null : (Object) p.test(Values.compare(a, b));
      };
    }

    private Fn arithmetic(Expr.Binary b) {
      DataType t = b.type();
      Expr.Op op = b.op();
      DataType lt = b.left().type();
      DataType rt = b.right().type();
      if (lt.kind() == Kind.NULL || rt.kind() == Kind.NULL) {
        return NULL;
      }
      Fn l = compile(b.left());
      Fn r = compile(b.right());
      if (t.kind() == Kind.DATE) {
        return dateArithmetic(op, b.left(), l, b.right(), r);
      }
      switch (t.kind()) {
        case DOUBLE: {
          Fn x = widen(l, lt, DataType.DOUBLE);
          Fn y = widen(r, rt, DataType.DOUBLE);
          return doubleOp(op, x, y);
        }
        case INT:
        case BIGINT:
          return longOp(op, l, r);
        case DECIMAL: {
          Fn x = widen(l, lt, Types.asDecimal(lt));
          Fn y = widen(r, rt, Types.asDecimal(rt));
          return decimalOp(op, x, y, t);
        }
        default:
          throw new IllegalArgumentException("not compiled: " + b + " of type " + t);
      }
    }

    private Fn doubleOp(Expr.Op op, Fn x, Fn y) {
      switch (op) {
        case ADD:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            return c == null ? null : (Object) ((Double) a + (Double) c);
          };
        case SUB:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            return c == null ? null : (Object) ((Double) a - (Double) c);
          };
        case MUL:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            return c == null ? null : (Object) ((Double) a * (Double) c);
          };
        case DIV:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            if (c == null || (Double) c == 0.0) {
              return null;
            }
            return (Double) a / (Double) c;
          };
        default:
          throw new IllegalArgumentException(op + " is not arithmetic");
      }
    }

    private Fn longOp(Expr.Op op, Fn x, Fn y) {
      switch (op) {
        case ADD:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            if (c == null) {
              return null;
            }
            long p = (Long) a;
            long q = (Long) c;
            long s = p + q;
            return ((p ^ s) & (q ^ s)) < 0 ? null : (Object) s;
          };
        case SUB:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            if (c == null) {
              return null;
            }
            long p = (Long) a;
            long q = (Long) c;
            long s = p - q;
            return ((p ^ q) & (p ^ s)) < 0 ? null : (Object) s;
          };
        case MUL:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            if (c == null) {
              return null;
            }
            try {
              return Math.multiplyExact((Long) a, (Long) c);
            } catch (ArithmeticException e) {
              return null;
            }
          };
        default:
          throw new IllegalArgumentException(op + " on integers is not " + op);
      }
    }

    private Fn decimalOp(Expr.Op op, Fn x, Fn y, DataType t) {
      int scale = t.scale();
      switch (op) {
        case ADD:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            return c == null ? null : Values.fit(((BigDecimal) a).add((BigDecimal) c), t);
          };
        case SUB:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            return c == null ? null : Values.fit(((BigDecimal) a).subtract((BigDecimal) c), t);
          };
        case MUL:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            return c == null ? null : Values.fit(((BigDecimal) a).multiply((BigDecimal) c), t);
          };
        case DIV:
          return row -> {
            Object a = x.eval(row);
            Object c = a == null ? null : y.eval(row);
            if (c == null || ((BigDecimal) c).signum() == 0) {
              return null;
            }
            return Values.fit(
                ((BigDecimal) a).divide((BigDecimal) c, scale, RoundingMode.HALF_UP), t);
          };
        default:
          throw new IllegalArgumentException(op + " is not arithmetic");
      }
    }

    private Fn dateArithmetic(Expr.Op op, Expr left, Fn l, Expr right, Fn r) {
      Fn date = left.type().kind() == Kind.DATE ? l : r;
      Fn interval = left.type().kind() == Kind.DATE ? r : l;
      if (!(interval instanceof Const c)) {
        throw new IllegalArgumentException("not compiled: a non-constant interval in "
            + left + " " + op.sql + " " + right);
      }
      if (c.value == null) {
        return NULL;
      }
      Expr.Interval iv = (Expr.Interval) c.value;
      if (op == Expr.Op.SUB && left.type().kind() != Kind.DATE) {
        throw new IllegalArgumentException("not compiled: interval - date");
      }
      long sign = op == Expr.Op.SUB ? -1 : 1;
      long months = sign * iv.months();
      long days = sign * iv.days();
      return row -> {
        Object v = date.eval(row);
        if (v == null) {
          return null;
        }
        LocalDate d = (LocalDate) v;
        return d.plusMonths(months).plusDays(days);
      };
    }

    private Fn negate(Fn x, DataType t) {
      switch (t.kind()) {
        case INT:
        case BIGINT:
          return row -> {
            Object v = x.eval(row);
            return v == null || (Long) v == Long.MIN_VALUE ? null : (Object) (-(Long) v);
          };
        case DOUBLE:
          return row -> {
            Object v = x.eval(row);
            return v == null ? null : (Object) (-(Double) v);
          };
        case DECIMAL:
          return row -> {
            Object v = x.eval(row);
            return v == null ? null : ((BigDecimal) v).negate();
          };
        case NULL:
          return NULL;
        default:
          throw new IllegalArgumentException("not compiled: -(" + t + ")");
      }
    }

    private Fn caseWhen(Expr.Case c) {
      int n = c.whenThen().size() / 2;
      Fn[] when = new Fn[n];
      Fn[] then = new Fn[n];
      for (int i = 0; i < n; i++) {
        when[i] = compile(c.whenThen().get(2 * i));
        Expr v = c.whenThen().get(2 * i + 1);
        then[i] = convert(compile(v), v.type(), c.type());
      }
      Fn otherwise = convert(compile(c.otherwise()), c.otherwise().type(), c.type());
      return row -> {
        for (int i = 0; i < when.length; i++) {
          if (when[i].eval(row) == Boolean.TRUE) {
            return then[i].eval(row);
          }
        }
        return otherwise.eval(row);
      };
    }

    private Fn like(Expr.Like l) {
      Fn in = compile(l.input());
      Fn pat = compile(l.pattern());
      boolean neg = l.negated();
      if (pat instanceof Const c) {
        if (c.value == null) {
          return NULL;
        }
        Predicate<String> m = likeMatcher((String) c.value);
        return row -> {
          Object v = in.eval(row);
          return v == null ? null : (Object) (m.test((String) v) != neg);
        };
      }
      return row -> {
        Object v = in.eval(row);
        Object p = v == null ? null : pat.eval(row);
        return p == null ? null : (Object) (likeMatcher((String) p).test((String) v) != neg);
      };
    }

    private Fn inList(Expr.InList in) {
      DataType t = in.input().type();
      for (Expr v : in.values()) {
        t = Types.common(t, v.type());
      }
      if (in.input().type().kind() == Kind.NULL) {
        return NULL;
      }
      Fn x = widen(compile(in.input()), in.input().type(), t);
      List<Fn> values = new ArrayList<>();
      boolean allConst = true;
      boolean hasNull = false;
      for (Expr v : in.values()) {
        Fn f = widen(compile(v), v.type(), t);
        if (f instanceof Const c) {
          if (c.value == null) {
            hasNull = true;
            continue;
          }
        } else {
          allConst = false;
        }
        values.add(f);
      }
      boolean neg = in.negated();
      Object miss = hasNull ? null : (Object) neg;
      if (allConst && (t.kind() == Kind.INT || t.kind() == Kind.BIGINT || t.isText()
          || t.kind() == Kind.DATE || t.kind() == Kind.BOOLEAN)) {
        Set<Object> set = new HashSet<>();
        for (Fn f : values) {
          set.add(((Const) f).value);
        }
        return row -> {
          Object v = x.eval(row);
          if (v == null) {
            return null;
          }
          return set.contains(v) ? (Object) !neg : miss;
        };
      }
      Fn[] vs = values.toArray(new Fn[0]);
      boolean constNull = hasNull;
      return row -> {
        Object v = x.eval(row);
        if (v == null) {
          return null;
        }
        boolean sawNull = constNull;
        for (Fn f : vs) {
          Object w = f.eval(row);
          if (w == null) {
            sawNull = true;
          } else if (Values.compare(v, w) == 0) {
            return !neg;
          }
        }
        return sawNull ? null : (Object) neg;
      };
    }

    private Fn between(Expr.Between b) {
      DataType t = Types.common(Types.common(b.input().type(), b.low().type()),
          b.high().type());
      Fn x = widen(compile(b.input()), b.input().type(), t);
      Fn lo = widen(compile(b.low()), b.low().type(), t);
      Fn hi = widen(compile(b.high()), b.high().type(), t);
      boolean neg = b.negated();
      return row -> {
        Object v = x.eval(row);
        if (v == null) {
          return null;
        }
        Object l = lo.eval(row);
        Object h = hi.eval(row);
        Boolean ge = l == null ? null : Values.compare(v, l) >= 0;
        Boolean le = h == null ? null : Values.compare(v, h) <= 0;
        Boolean r;
        if (ge == Boolean.FALSE || le == Boolean.FALSE) {
          r = Boolean.FALSE;
        } else if (ge == null || le == null) {
          r = null;
        } else {
          r = Boolean.TRUE;
        }
        return r == null ? null : (Object) (r != neg);
      };
    }

    private Fn call(Expr.Call c) {
      List<Fn> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(compile(a));
      }
      switch (c.name()) {
        case "year":
        case "month":
        case "day":
        case "quarter": {
          Fn x = args.get(0);
          String field = c.name();
          boolean ts = c.args().get(0).type().kind() == Kind.TIMESTAMP;
          return row -> {
            Object v = x.eval(row);
            if (v == null) {
              return null;
            }
            LocalDate d = ts ? ((LocalDateTime) v).toLocalDate() : (LocalDate) v;
            return (long) switch (field) {
              case "year" -> d.getYear();
              case "month" -> d.getMonthValue();
              case "quarter" -> (d.getMonthValue() + 2) / 3;
              default -> d.getDayOfMonth();
            };
          };
        }
        case "substring": {
          Fn s = args.get(0);
          Fn pos = widen(args.get(1), c.args().get(1).type(), DataType.BIGINT);
          Fn len = args.size() > 2 ? widen(args.get(2), c.args().get(2).type(), DataType.BIGINT)
              : new Const(Long.valueOf(Integer.MAX_VALUE));
          return row -> {
            Object v = s.eval(row);
            Object p = v == null ? null : pos.eval(row);
            Object n = p == null ? null : len.eval(row);
            return n == null ? null : substring((String) v, (Long) p, (Long) n);
          };
        }
        case "upper":
          return text(args.get(0), v -> v.toUpperCase(Locale.ROOT));
        case "lower":
          return text(args.get(0), v -> v.toLowerCase(Locale.ROOT));
        case "trim":
          return text(args.get(0), Evaluator::trimSpaces);
        case "ltrim":
          return text(args.get(0), v -> trimSpaces(v, true, false));
        case "rtrim":
          return text(args.get(0), v -> trimSpaces(v, false, true));
        case "concat": {
          // Spark's concat: NULL if any argument is NULL; other types as their text
          Fn[] xs = new Fn[args.size()];
          for (int i = 0; i < xs.length; i++) {
            xs[i] = convert(args.get(i), c.args().get(i).type(), DataType.STRING);
          }
          return row -> {
            StringBuilder b = new StringBuilder();
            for (Fn f : xs) {
              Object v = f.eval(row);
              if (v == null) {
                return null;
              }
              b.append((String) v);
            }
            return b.toString();
          };
        }
        case "round":
          return round(args.get(0), c.args().get(0).type(),
              ((Long) ((Expr.Literal) c.args().get(1)).value()).intValue(), c.type());
        case "length": {
          Fn x = args.get(0);
          return row -> {
            Object v = x.eval(row);
            return v == null ? null : (Object) (long) ((String) v).codePointCount(0,
                ((String) v).length());
          };
        }
        case "abs": {
          Fn x = args.get(0);
          switch (c.type().kind()) {
            case INT:
            case BIGINT:
              return row -> {
                Object v = x.eval(row);
                return v == null || (Long) v == Long.MIN_VALUE ? null
                    : (Object) Math.abs((Long) v);
              };
            case DOUBLE:
              return row -> {
                Object v = x.eval(row);
                return v == null ? null : (Object) Math.abs((Double) v);
              };
            case DECIMAL:
              return row -> {
                Object v = x.eval(row);
                return v == null ? null : ((BigDecimal) v).abs();
              };
            default:
              return NULL;
          }
        }
        case "coalesce": {
          Fn[] xs = new Fn[args.size()];
          for (int i = 0; i < xs.length; i++) {
            xs[i] = convert(args.get(i), c.args().get(i).type(), c.type());
          }
          return row -> {
            for (Fn f : xs) {
              Object v = f.eval(row);
              if (v != null) {
                return v;
              }
            }
            return null;
          };
        }
        default:
          return more(c, args);
      }
    }

    /** The functions of {@code parse/ScalarFunctions} (Hive's and Spark's everyday ones). */
    private Fn more(Expr.Call c, List<Fn> args) {
      List<Expr> in = c.args();
      DataType t = c.type();
      switch (c.name()) {
        case "greatest":
        case "least": {
          Fn[] xs = new Fn[args.size()];
          for (int i = 0; i < xs.length; i++) {
            xs[i] = convert(args.get(i), in.get(i).type(), t);
          }
          int sign = c.name().equals("greatest") ? 1 : -1;
          return row -> {
            Object best = null;
            for (Fn f : xs) {
              Object v = f.eval(row);
              if (v != null && (best == null || sign * Values.compare(v, best) > 0)) {
                best = v;
              }
            }
            return best;
          };
        }
        case "floor":
        case "ceil": {
          boolean up = c.name().equals("ceil");
          DataType from = in.get(0).type();
          Fn x = args.get(0);
          if (from.kind() == Kind.DECIMAL) {
            RoundingMode mode = up ? RoundingMode.CEILING : RoundingMode.FLOOR;
            return row -> {
              Object v = x.eval(row);
              return v == null ? null : Values.fit(((BigDecimal) v).setScale(0, mode), t);
            };
          }
          if (from.kind() != Kind.DOUBLE) {
            return x; // a whole number already
          }
          // Spark's and Hive's (long) of the floor: saturating, NaN is 0
          return row -> {
            Object v = x.eval(row);
            return v == null ? null
                : (Object) (long) (up ? Math.ceil((Double) v) : Math.floor((Double) v));
          };
        }
        case "sqrt":
        case "ln":
        case "log10":
        case "log2":
        case "exp":
        case "sign": {
          Fn x = convert(args.get(0), in.get(0).type(), DataType.DOUBLE);
          java.util.function.DoubleFunction<Double> f = switch (c.name()) {
            case "sqrt" -> d -> d < 0 ? null : Math.sqrt(d); // Hive: NULL, not NaN
            case "ln" -> d -> d <= 0 ? null : Math.log(d);
            case "log10" -> d -> d <= 0 ? null : Math.log10(d);
            case "log2" -> d -> d <= 0 ? null : Math.log(d) / Math.log(2);
            case "exp" -> Math::exp;
            default -> Math::signum;
          };
          return row -> {
            Object v = x.eval(row);
            return v == null ? null : f.apply((Double) v);
          };
        }
        case "log": { // Spark's Logarithm: NULL where the base or the value is not positive
          Fn b = convert(args.get(0), in.get(0).type(), DataType.DOUBLE);
          Fn x = convert(args.get(1), in.get(1).type(), DataType.DOUBLE);
          return row -> {
            Object base = b.eval(row);
            Object v = base == null ? null : x.eval(row);
            if (v == null || (Double) base <= 0 || (Double) v <= 0) {
              return null;
            }
            return Math.log((Double) v) / Math.log((Double) base);
          };
        }
        case "power": {
          Fn x = convert(args.get(0), in.get(0).type(), DataType.DOUBLE);
          Fn y = convert(args.get(1), in.get(1).type(), DataType.DOUBLE);
          return row -> {
            Object a = x.eval(row);
            Object b = a == null ? null : y.eval(row);
            return b == null ? null : (Object) Math.pow((Double) a, (Double) b);
          };
        }
        case "mod":
          return mod(args.get(0), in.get(0).type(), args.get(1), in.get(1).type(), t);
        case "datediff": {
          Fn end = args.get(0);
          Fn start = args.get(1);
          return row -> {
            Object a = end.eval(row);
            Object b = a == null ? null : start.eval(row);
            return b == null ? null
                : (Object) (((LocalDate) a).toEpochDay() - ((LocalDate) b).toEpochDay());
          };
        }
        case "date_add":
        case "date_sub": {
          Fn d = args.get(0);
          Fn n = args.get(1);
          long sign = c.name().equals("date_add") ? 1 : -1;
          return row -> {
            Object a = d.eval(row);
            Object b = a == null ? null : n.eval(row);
            if (b == null) {
              return null;
            }
            try {
              return ((LocalDate) a).plusDays(Math.multiplyExact(sign, (Long) b));
            } catch (java.time.DateTimeException | ArithmeticException e) {
              return null; // past year 999,999,999
            }
          };
        }
        case "to_date": {
          Fn s = args.get(0);
          java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern(
              (String) ((Expr.Literal) in.get(1)).value(), Locale.ROOT);
          return row -> {
            Object v = s.eval(row);
            if (v == null) {
              return null;
            }
            try {
              return LocalDate.from(f.parse(((String) v).strip()));
            } catch (java.time.DateTimeException e) {
              return null; // Spark (not ANSI) and Hive: text that does not parse is NULL
            }
          };
        }
        case "concat_ws": {
          Fn[] xs = new Fn[args.size()];
          for (int i = 0; i < xs.length; i++) {
            xs[i] = convert(args.get(i), in.get(i).type(), DataType.STRING);
          }
          return row -> {
            Object sep = xs[0].eval(row);
            if (sep == null) {
              return null;
            }
            StringBuilder b = new StringBuilder();
            boolean first = true;
            for (int i = 1; i < xs.length; i++) {
              Object v = xs[i].eval(row);
              if (v != null) { // NULLs are skipped, as Spark and Hive do
                if (!first) {
                  b.append((String) sep);
                }
                b.append((String) v);
                first = false;
              }
            }
            return b.toString();
          };
        }
        case "lpad":
        case "rpad": {
          boolean left = c.name().equals("lpad");
          Fn s = args.get(0);
          Fn len = args.get(1);
          Fn pad = args.get(2);
          return row -> {
            Object v = s.eval(row);
            Object n = v == null ? null : len.eval(row);
            Object p = n == null ? null : pad.eval(row);
            return p == null ? null : pad((String) v, (Long) n, (String) p, left);
          };
        }
        case "replace": {
          Fn s = args.get(0);
          Fn from = args.get(1);
          Fn to = args.get(2);
          return row -> {
            Object v = s.eval(row);
            Object a = v == null ? null : from.eval(row);
            Object b = a == null ? null : to.eval(row);
            if (b == null) {
              return null;
            }
            return ((String) a).isEmpty() ? v : ((String) v).replace((String) a, (String) b);
          };
        }
        case "instr": {
          Fn s = args.get(0);
          Fn sub = args.get(1);
          return row -> {
            Object v = s.eval(row);
            Object w = v == null ? null : sub.eval(row);
            return w == null ? null : (Object) locate((String) w, (String) v, 1);
          };
        }
        case "locate": {
          Fn sub = args.get(0);
          Fn s = args.get(1);
          Fn pos = args.get(2);
          return row -> {
            Object p = pos.eval(row);
            if (p == null) {
              return 0L; // Spark's (and Hive's) answer for a NULL position
            }
            Object w = sub.eval(row);
            Object v = w == null ? null : s.eval(row);
            return v == null ? null : (Object) locate((String) w, (String) v, (Long) p);
          };
        }
        case "regexp_replace": {
          Fn s = args.get(0);
          Function<Object, Pattern> re = patterns(c.name(), args.get(1));
          Fn rep = args.get(2);
          return row -> {
            Object v = s.eval(row);
            Object r = v == null ? null : args.get(1).eval(row);
            Object w = r == null ? null : rep.eval(row);
            if (w == null) {
              return null;
            }
            java.util.regex.Matcher m = re.apply(r).matcher((String) v);
            try {
              return m.replaceAll((String) w);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
              throw new IllegalArgumentException("regexp_replace: bad replacement '" + w + "': "
                  + e.getMessage());
            }
          };
        }
        case "regexp_extract": {
          Fn s = args.get(0);
          Function<Object, Pattern> re = patterns(c.name(), args.get(1));
          Fn idx = args.get(2);
          return row -> {
            Object v = s.eval(row);
            Object r = v == null ? null : args.get(1).eval(row);
            Object g = r == null ? null : idx.eval(row);
            if (g == null) {
              return null;
            }
            java.util.regex.Matcher m = re.apply(r).matcher((String) v);
            long group = (Long) g;
            if (group < 0 || group > m.groupCount()) {
              throw new IllegalArgumentException("regexp_extract: the regular expression '" + r
                  + "' has " + m.groupCount() + " groups, group " + group + " was asked for");
            }
            if (!m.find()) {
              return "";
            }
            String out = m.group((int) group);
            return out == null ? "" : out; // Spark and Hive: no match is '', not NULL
          };
        }
        default:
          if (AggregateLibrary.isScalar(c.name())) {
            return AggregateLibrary.compile(c, args, zone);
          }
          throw new IllegalArgumentException("not compiled: unknown function " + c.name());
      }
    }

    /** {@code a % b} in type {@code t}: the dividend's sign, NULL for a zero divisor. */
    private Fn mod(Fn a, DataType at, Fn b, DataType bt, DataType t) {
      if (at.kind() == Kind.NULL || bt.kind() == Kind.NULL) {
        return NULL;
      }
      switch (t.kind()) {
        case DOUBLE: {
          Fn x = widen(a, at, DataType.DOUBLE);
          Fn y = widen(b, bt, DataType.DOUBLE);
          return row -> {
            Object p = x.eval(row);
            Object q = p == null ? null : y.eval(row);
            return q == null || (Double) q == 0.0 ? null : (Object) ((Double) p % (Double) q);
          };
        }
        case DECIMAL: {
          Fn x = widen(a, at, Types.asDecimal(at));
          Fn y = widen(b, bt, Types.asDecimal(bt));
          return row -> {
            Object p = x.eval(row);
            Object q = p == null ? null : y.eval(row);
            return q == null || ((BigDecimal) q).signum() == 0 ? null
                : Values.fit(((BigDecimal) p).remainder((BigDecimal) q), t);
          };
        }
        default:
          return row -> {
            Object p = a.eval(row);
            Object q = p == null ? null : b.eval(row);
            return q == null || (Long) q == 0 ? null : (Object) ((Long) p % (Long) q);
          };
      }
    }

    /** A pattern per value of {@code re}: compiled once when constant, else the last one kept. */
    private static Function<Object, Pattern> patterns(String fn, Fn re) {
      if (re instanceof Const k && k.value != null) {
        Pattern p = compilePattern(fn, (String) k.value);
        return v -> p;
      }
      Object[] last = new Object[2];
      return v -> {
        if (!v.equals(last[0])) {
          last[1] = compilePattern(fn, (String) v);
          last[0] = v;
        }
        return (Pattern) last[1];
      };
    }

    private static Pattern compilePattern(String fn, String re) {
      try {
        return Pattern.compile(re);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException(fn + ": bad regular expression '" + re + "': "
            + e.getDescription());
      }
    }

    private static Fn text(Fn x, java.util.function.UnaryOperator<String> f) {
      return row -> {
        Object v = x.eval(row);
        return v == null ? null : f.apply((String) v);
      };
    }
  }

  /** Spark's {@code substring(s, pos, len)} on code points. */
  static String substring(String s, long pos, long len) {
    int n = s.codePointCount(0, s.length());
    long start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
    long end = start + len;
    start = Math.max(start, 0);
    end = Math.min(end, n);
    if (start >= end) {
      return "";
    }
    int from = s.offsetByCodePoints(0, (int) start);
    int to = s.offsetByCodePoints(from, (int) (end - start));
    return s.substring(from, to);
  }

  /**
   * Spark's {@code lpad}/{@code rpad} on code points: {@code s} cut to {@code len}, or padded to
   * it with {@code pad} repeated (an empty pad pads nothing); a negative length gives ''.
   */
  static String pad(String s, long len, String pad, boolean left) {
    int n = s.codePointCount(0, s.length());
    if (len <= n || pad.isEmpty()) {
      return len >= n ? s : s.substring(0, s.offsetByCodePoints(0, (int) Math.max(0, len)));
    }
    int[] p = pad.codePoints().toArray();
    StringBuilder fill = new StringBuilder();
    for (long i = 0; i < len - n; i++) {
      fill.appendCodePoint(p[(int) (i % p.length)]);
    }
    return left ? fill.append(s).toString() : s + fill;
  }

  /**
   * Spark's {@code locate(sub, s, pos)}: the 1-based code point position of {@code sub} in
   * {@code s} at or after {@code pos}, 0 when absent or {@code pos < 1}; '' is found at 1.
   */
  static long locate(String sub, String s, long pos) {
    if (pos < 1) {
      return 0;
    }
    if (sub.isEmpty()) {
      return 1;
    }
    int n = s.codePointCount(0, s.length());
    if (pos - 1 > n) {
      return 0;
    }
    int from = s.offsetByCodePoints(0, (int) (pos - 1));
    int at = s.indexOf(sub, from);
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  static String trimSpaces(String s) {
    return trimSpaces(s, true, true);
  }

  static String trimSpaces(String s, boolean leading, boolean trailing) {
    int a = 0;
    int b = s.length();
    while (leading && a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (trailing && b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }

  /** round(x, places), HALF_UP, as Spark: see the translator for the result types. */
  static Fn round(Fn x, DataType from, int places, DataType to) {
    switch (from.kind()) {
      case DECIMAL:
        return row -> {
          Object v = x.eval(row);
          return v == null ? null
              : Values.fit(((BigDecimal) v).setScale(places, RoundingMode.HALF_UP)
                  .setScale(to.scale(), RoundingMode.HALF_UP), to);
        };
      case DOUBLE:
        return row -> {
          Object v = x.eval(row);
          if (v == null || ((Double) v).isNaN() || ((Double) v).isInfinite()) {
            return v;
          }
          return BigDecimal.valueOf((Double) v).setScale(places, RoundingMode.HALF_UP)
              .doubleValue();
        };
      default: // INT, BIGINT: whole already unless places < 0
        return row -> {
          Object v = x.eval(row);
          if (v == null || places >= 0) {
            return v;
          }
          BigDecimal r = BigDecimal.valueOf((Long) v).setScale(places, RoundingMode.HALF_UP);
          try {
            return r.longValueExact();
          } catch (ArithmeticException e) {
            return null; // past the long range: NULL, as Spark's non-ANSI overflow
          }
        };
    }
  }

  /**
   * A LIKE pattern ({@code %} any run, {@code _} one character) as a test; a backslash before
   * {@code %}, {@code _} or a backslash makes it literal (Spark's and Hive's default escape),
   * before any other character it is itself.
   */
  static Predicate<String> likeMatcher(String pattern) {
    boolean plain = pattern.indexOf('_') < 0 && pattern.indexOf('\\') < 0;
    String core = pattern;
    if (plain) {
      boolean lead = core.startsWith("%");
      boolean trail = core.length() > (lead ? 1 : 0) && core.endsWith("%");
      String mid = core.substring(lead ? 1 : 0, core.length() - (trail ? 1 : 0));
      if (mid.indexOf('%') < 0) {
        if (lead && trail) {
          return s -> s.contains(mid);
        }
        if (lead) {
          return s -> s.endsWith(mid);
        }
        if (trail) {
          return s -> s.startsWith(mid);
        }
        return s -> s.equals(mid);
      }
    }
    StringBuilder re = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length() && "%_\\".indexOf(pattern.charAt(i + 1)) >= 0) {
        lit.append(pattern.charAt(++i));
      } else if (ch == '%' || ch == '_') {
        if (lit.length() > 0) {
          re.append(Pattern.quote(lit.toString()));
          lit.setLength(0);
        }
        re.append(ch == '%' ? ".*" : ".");
      } else {
        lit.append(ch);
      }
    }
    if (lit.length() > 0) {
      re.append(Pattern.quote(lit.toString()));
    }
    Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
    return s -> p.matcher(s).matches();
  }
}
