package io.drover.jobs.sql.logical;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;

/**
 * Result types, following Spark SQL (and Hive) for decimals: exact decimal arithmetic, {@code
 * sum(decimal(p,s))} is {@code decimal(p+10,s)}, {@code avg} {@code decimal(p+4,s+4)}, division
 * {@code decimal(p1-s1+s2+max(6,s1+p2+1), max(6,s1+p2+1))}, precision capped at 38 (the scale cut
 * to keep at least 6 fraction digits, as Spark does). int / int is double.
 */
public final class Types {
  private Types() {}

  /** The type of {@code a op b} for an arithmetic operator. */
  public static DataType arithmetic(Expr.Op op, DataType a, DataType b) {
    if (a.kind() == Kind.DATE && b.kind() == Kind.INTERVAL
        || a.kind() == Kind.INTERVAL && b.kind() == Kind.DATE) {
      return DataType.DATE;
    }
    if (a.kind() == Kind.NULL) {
      return b;
    }
    if (b.kind() == Kind.NULL) {
      return a;
    }
    if (!a.isNumeric() || !b.isNumeric()) {
      throw new IllegalArgumentException(
          "cannot apply " + op.sql + " to " + a + " and " + b);
    }
    if (a.kind() == Kind.DOUBLE || b.kind() == Kind.DOUBLE) {
      return DataType.DOUBLE;
    }
    if (a.kind() != Kind.DECIMAL && b.kind() != Kind.DECIMAL) {
      if (op == Expr.Op.DIV) {
        return DataType.DOUBLE;
      }
      return a.kind() == Kind.BIGINT || b.kind() == Kind.BIGINT ? DataType.BIGINT : DataType.INT;
    }
    DataType x = asDecimal(a);
    DataType y = asDecimal(b);
    int p1 = x.precision();
    int s1 = x.scale();
    int p2 = y.precision();
    int s2 = y.scale();
    return switch (op) {
      case ADD, SUB -> {
        int scale = Math.max(s1, s2);
        yield bounded(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
      }
      case MUL -> bounded(p1 + p2 + 1, s1 + s2);
      case DIV -> {
        int scale = Math.max(6, s1 + p2 + 1);
        yield bounded(p1 - s1 + s2 + scale, scale);
      }
      default -> throw new IllegalArgumentException(op + " is not arithmetic");
    };
  }

  /**
   * The type of {@code a % b} ({@code mod}), Spark's: integers stay integers (bigint if either
   * is), a double makes a double, decimals {@code decimal(min(p1-s1, p2-s2) + max(s1,s2),
   * max(s1,s2))}.
   */
  public static DataType remainder(DataType a, DataType b) {
    if (a.kind() == Kind.NULL || b.kind() == Kind.NULL) {
      DataType other = a.kind() == Kind.NULL ? b : a;
      return other.kind() == Kind.NULL ? DataType.INT : remainder(other, other);
    }
    if (!a.isNumeric() || !b.isNumeric()) {
      throw new IllegalArgumentException("cannot apply % to " + a + " and " + b);
    }
    if (a.kind() == Kind.DOUBLE || b.kind() == Kind.DOUBLE) {
      return DataType.DOUBLE;
    }
    if (a.kind() != Kind.DECIMAL && b.kind() != Kind.DECIMAL) {
      return a.kind() == Kind.BIGINT || b.kind() == Kind.BIGINT ? DataType.BIGINT : DataType.INT;
    }
    DataType x = asDecimal(a);
    DataType y = asDecimal(b);
    int scale = Math.max(x.scale(), y.scale());
    return bounded(Math.min(x.precision() - x.scale(), y.precision() - y.scale()) + scale, scale);
  }

  /** An integer or decimal type as a decimal: int is decimal(10,0), bigint decimal(20,0). */
  public static DataType asDecimal(DataType t) {
    return switch (t.kind()) {
      case DECIMAL -> t;
      case INT -> DataType.decimal(10, 0);
      case BIGINT -> DataType.decimal(20, 0);
      default -> throw new IllegalArgumentException(t + " is not exact");
    };
  }

  /** Spark's bound: precision at most 38, keeping at least min(scale, 6) fraction digits. */
  static DataType bounded(int precision, int scale) {
    if (precision <= DataType.MAX_PRECISION) {
      return DataType.decimal(precision, scale);
    }
    int integral = precision - scale;
    int minScale = Math.min(scale, 6);
    int newScale = Math.max(DataType.MAX_PRECISION - integral, minScale);
    return DataType.decimal(DataType.MAX_PRECISION, newScale);
  }

  /**
   * Spark's {@code DecimalType.bounded} for sum and avg: precision and scale each cut to 38,
   * the scale kept ({@code sum(decimal(38,10))} is {@code decimal(38,10)}, not the arithmetic
   * operators' {@code decimal(38,6)}).
   */
  static DataType capped(int precision, int scale) {
    int p = Math.min(precision, DataType.MAX_PRECISION);
    return DataType.decimal(p, Math.min(scale, p));
  }

  /** The type both of two values (CASE branches, IN lists, comparisons) are widened to. */
  public static DataType common(DataType a, DataType b) {
    if (a.equals(b) || b.kind() == Kind.NULL) {
      return a;
    }
    if (a.kind() == Kind.NULL) {
      return b;
    }
    if (a.isText() && b.isText()) {
      return DataType.STRING;
    }
    if (a.isNumeric() && b.isNumeric()) {
      if (a.kind() == Kind.DOUBLE || b.kind() == Kind.DOUBLE) {
        return DataType.DOUBLE;
      }
      if (a.kind() != Kind.DECIMAL && b.kind() != Kind.DECIMAL) {
        return DataType.BIGINT;
      }
      DataType x = asDecimal(a);
      DataType y = asDecimal(b);
      int scale = Math.max(x.scale(), y.scale());
      return bounded(Math.max(x.precision() - x.scale(), y.precision() - y.scale()) + scale,
          scale);
    }
    if (a.kind() == Kind.DATE && b.isText() || b.kind() == Kind.DATE && a.isText()) {
      return DataType.DATE;
    }
    throw new IllegalArgumentException("no common type of " + a + " and " + b);
  }

  /**
   * The statistical aggregates, double whatever the numeric input: {@code stddev} and {@code
   * std} are {@code stddev_samp} and {@code variance} is {@code var_samp}, as in Spark and DuckDB
   * (Hive's {@code stddev} and {@code variance} are the population ones).
   */
  public static final java.util.Set<String> STATISTICAL = java.util.Set.of("stddev", "std",
      "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop");

  /** The aggregates sql computes itself (aggregate's others run through runtime/AggregateLibrary). */
  public static final java.util.Set<String> AGGREGATES = java.util.Set.of("count", "sum", "avg",
      "min", "max", "stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp",
      "var_pop");

  /** The result type of aggregate {@code name} over {@code arg} (null for count(*)). */
  public static DataType aggregate(String name, DataType arg) {
    switch (name) {
      case "count":
        return DataType.BIGINT;
      case "min":
      case "max":
        return arg;
      case "sum":
        return switch (arg.kind()) {
          case INT, BIGINT -> DataType.BIGINT;
          case DECIMAL -> capped(arg.precision() + 10, arg.scale());
          case DOUBLE -> DataType.DOUBLE;
          default -> throw new IllegalArgumentException("sum of " + arg);
        };
      case "avg":
        return switch (arg.kind()) {
          case INT, BIGINT, DOUBLE -> DataType.DOUBLE;
          case DECIMAL -> capped(arg.precision() + 4, arg.scale() + 4);
          default -> throw new IllegalArgumentException("avg of " + arg);
        };
      case "stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
        if (!arg.isNumeric()) {
          throw new IllegalArgumentException(name + " of " + arg);
        }
        return DataType.DOUBLE;
      default:
        throw new IllegalArgumentException("unknown aggregate " + name);
    }
  }
}
