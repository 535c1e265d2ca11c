package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Operator;
import io.drover.jobs.sql.physical.Source;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The predicate by which a Parquet table's reader skips row groups (and pages) whose statistics
 * rule out every row of the filter right above the scan: its conjuncts of the form {@code column
 * op literal} ({@code = <> < <= > >=}, either way round), {@code column [NOT] BETWEEN literal
 * AND literal}, {@code column IN (literal, ...)} and {@code column IS [NOT] NULL}, and ORs of
 * them (every side pushable; an AND inside keeps its pushable parts), on int, bigint, decimal (int32 or int64 backed),
 * date, boolean (= and <> only) and string columns (ranges only for literals below U+D800, where
 * Parquet's byte order and Drover's UTF-16 order agree); other conjuncts are left out, which only
 * keeps more. The filter operator still runs on every row read: this prunes, it never decides.
 * Doubles are left out (Parquet's statistics leave NaN out; Drover orders it greatest).
 */
public final class ParquetFilters {
  private ParquetFilters() {}

  /** The predicate of {@code branch}'s first filter over {@code file}'s schema, or null. */
  public static FilterPredicate predicate(Branch branch, MessageType file) {
    if (!(branch.source() instanceof Source.TableScan scan) || branch.ops().isEmpty()
        || !(branch.ops().get(0) instanceof Operator.Filter f)) {
      return null;
    }
    List<Expr> conjuncts = new ArrayList<>();
    split(f.condition(), conjuncts);
    FilterPredicate all = null;
    for (Expr c : conjuncts) {
      FilterPredicate p = conjunct(c, scan, file);
      if (p != null) {
        all = all == null ? p : FilterApi.and(all, p);
      }
    }
    return all;
  }

  /** Whether {@code branch} has a filter right above its scan (worth a look at the footer). */
  public static boolean hasFilter(Branch branch) {
    return !branch.ops().isEmpty() && branch.ops().get(0) instanceof Operator.Filter;
  }

  private static void split(Expr e, List<Expr> out) {
    if (e instanceof Expr.Binary b && b.op() == Expr.Op.AND) {
      split(b.left(), out);
      split(b.right(), out);
    } else {
      out.add(e);
    }
  }

  private static FilterPredicate conjunct(Expr e, Source.TableScan scan, MessageType file) {
    if (e instanceof Expr.Binary b && b.op() == Expr.Op.AND) { // inside an OR
      FilterPredicate l = conjunct(b.left(), scan, file);
      FilterPredicate r = conjunct(b.right(), scan, file);
      return l == null ? r : r == null ? l : FilterApi.and(l, r);
    }
    if (e instanceof Expr.Binary b && b.op() == Expr.Op.OR) { // every side pushed, or nothing
      FilterPredicate l = conjunct(b.left(), scan, file);
      FilterPredicate r = l == null ? null : conjunct(b.right(), scan, file);
      return r == null ? null : FilterApi.or(l, r);
    }
    if (e instanceof Expr.InList in && !in.negated()) { // x IN (a, b): x = a OR x = b
      Col c = column(in.input(), scan, file);
      FilterPredicate any = null;
      for (Expr v : in.values()) {
        FilterPredicate eq = c == null || !(v instanceof Expr.Literal lit) ? null
            : c.compare(Expr.Op.EQ, lit.value());
        if (eq == null) {
          return null;
        }
        any = any == null ? eq : FilterApi.or(any, eq);
      }
      return any;
    }
    if (e instanceof Expr.IsNull n) {
      Col c = column(n.input(), scan, file);
      if (c == null) {
        return null;
      }
      return n.negated() ? c.compare(Expr.Op.NE, null) : c.compare(Expr.Op.EQ, null);
    }
    if (e instanceof Expr.Between b && !b.negated()) {
      Col c = column(b.input(), scan, file);
      if (c == null || !(b.low() instanceof Expr.Literal lo)
          || !(b.high() instanceof Expr.Literal hi)) {
        return null;
      }
      FilterPredicate l = c.compare(Expr.Op.GE, lo.value());
      FilterPredicate h = c.compare(Expr.Op.LE, hi.value());
      return l == null ? h : h == null ? l : FilterApi.and(l, h);
    }
    if (e instanceof Expr.Binary b && b.op().isComparison()) {
      if (b.right() instanceof Expr.Literal lit) {
        Col c = column(b.left(), scan, file);
        return c == null ? null : c.compare(b.op(), lit.value());
      }
      if (b.left() instanceof Expr.Literal lit) {
        Col c = column(b.right(), scan, file);
        return c == null ? null : c.compare(flip(b.op()), lit.value());
      }
    }
    return null;
  }

  private static Expr.Op flip(Expr.Op op) {
    return switch (op) {
      case LT -> Expr.Op.GT;
      case LE -> Expr.Op.GE;
      case GT -> Expr.Op.LT;
      case GE -> Expr.Op.LE;
      default -> op;
    };
  }

  /** The file's column that {@code e} names (a plain column of the scan), or null. */
  private static Col column(Expr e, Source.TableScan scan, MessageType file) {
    if (!(e instanceof Expr.ColumnRef r) || r.outer()
        || r.qualifier() != null && !r.qualifier().equals(scan.alias())
        || scan.columns().stream().noneMatch(c -> c.name().equals(r.name()))) {
      return null;
    }
    for (Type t : file.getFields()) {
      if (t.getName().equalsIgnoreCase(r.name()) && t.getName().indexOf('.') < 0
          && t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
          && ParquetRows.compatible(t, r.type())) {
        return new Col(t.getName(), t.asPrimitiveType(), r.type());
      }
    }
    return null;
  }

  /** A file column and the type the table declares for it. */
  private record Col(String name, PrimitiveType p, DataType type) {
    /** {@code column op value} in the file's representation, or null when not pushable. */
    FilterPredicate compare(Expr.Op op, Object v) {
      PrimitiveTypeName n = p.getPrimitiveTypeName();
      LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
      if (v == null && op != Expr.Op.EQ && op != Expr.Op.NE) {
        return null; // compared with NULL: no row passes, the filter says so
      }
      switch (type.kind()) {
        case INT:
        case BIGINT:
        case DATE:
        case DECIMAL: {
          if (n != PrimitiveTypeName.INT32 && n != PrimitiveTypeName.INT64
              || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
            return null;
          }
          Long l = v == null ? null : asLong(v, a);
          if (v != null && l == null) {
            return null;
          }
          if (n == PrimitiveTypeName.INT32) {
            if (l != null && l != l.intValue()) {
              return null;
            }
            return cmp(FilterApi.intColumn(name), op, l == null ? null : l.intValue());
          }
          return cmp(FilterApi.longColumn(name), op, l);
        }
        case BOOLEAN:
          if (op != Expr.Op.EQ && op != Expr.Op.NE || v != null && !(v instanceof Boolean)) {
            return null;
          }
          return op == Expr.Op.EQ ? FilterApi.eq(FilterApi.booleanColumn(name), (Boolean) v)
              : FilterApi.notEq(FilterApi.booleanColumn(name), (Boolean) v);
        case STRING: // varchar and char cut values to their length: not pushed
          boolean range = op != Expr.Op.EQ && op != Expr.Op.NE;
          if (v != null && (!(v instanceof String) || range && !belowSurrogates((String) v))) {
            return null;
          }
          return cmp(FilterApi.binaryColumn(name), op, v == null ? null : Binary.fromString(
              (String) v));
        default:
          return null;
      }
    }

    /** An integer-backed value as the file stores it: ints, epoch days, unscaled decimals. */
    private Long asLong(Object v, LogicalTypeAnnotation a) {
      if (v instanceof Long l && type.kind() != DataType.Kind.DECIMAL) {
        return l;
      }
      if (v instanceof LocalDate d && type.kind() == DataType.Kind.DATE) {
        return d.toEpochDay();
      }
      if (type.kind() == DataType.Kind.DECIMAL && a instanceof DecimalLogicalTypeAnnotation d) {
        BigDecimal x = v instanceof BigDecimal b ? b : v instanceof Long l ? BigDecimal.valueOf(l)
            : null;
        if (x == null) {
          return null;
        }
        try {
          return x.setScale(d.getScale()).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
          return null; // needs rounding or more than 64 bits
        }
      }
      return null;
    }

    private static boolean belowSurrogates(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0xD800) {
          return false;
        }
      }
      return true;
    }
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T>
      & Operators.SupportsLtGt> FilterPredicate cmp(C col, Expr.Op op, T v) {
    return switch (op) {
      case EQ -> FilterApi.eq(col, v);
      case NE -> FilterApi.notEq(col, v);
      case LT -> FilterApi.lt(col, v);
      case LE -> FilterApi.ltEq(col, v);
      case GT -> FilterApi.gt(col, v);
      case GE -> FilterApi.gtEq(col, v);
      default -> null;
    };
  }
}
