package io.drover.jobs.sql.catalog;

import java.util.Locale;

/**
 * A SQL column type as Hive declares it: {@code boolean, int, bigint, double, decimal(p,s),
 * string, varchar(n), char(n), date, timestamp}. Immutable; {@link #toString} prints Hive's
 * spelling ({@code decimal(15,2)}, {@code varchar(44)}).
 *
 * @param kind the type's family
 * @param precision decimal's total digits (1..38), else 0
 * @param scale decimal's digits after the point (0..precision), else 0
 * @param length varchar's or char's length (1..65535), else 0
 */
public record DataType(Kind kind, int precision, int scale, int length)
    implements java.io.Serializable {
  /** The type families. */
  public enum Kind {
    BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL, STRING, VARCHAR, CHAR, DATE, TIMESTAMP,
    /** An interval literal's type (expressions only; no column has it). */
    INTERVAL,
    /** The type of NULL (expressions only). */
    NULL
  }

  /** Hive's widest decimal. */
  public static final int MAX_PRECISION = 38;

  public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, 0, 0);
  public static final DataType INT = new DataType(Kind.INT, 0, 0, 0);
  public static final DataType BIGINT = new DataType(Kind.BIGINT, 0, 0, 0);
  public static final DataType DOUBLE = new DataType(Kind.DOUBLE, 0, 0, 0);
  public static final DataType STRING = new DataType(Kind.STRING, 0, 0, 0);
  public static final DataType DATE = new DataType(Kind.DATE, 0, 0, 0);
  public static final DataType TIMESTAMP = new DataType(Kind.TIMESTAMP, 0, 0, 0);
  public static final DataType INTERVAL = new DataType(Kind.INTERVAL, 0, 0, 0);
  public static final DataType NULL = new DataType(Kind.NULL, 0, 0, 0);

  public DataType {
    if (kind == null) {
      throw new IllegalArgumentException("a type needs a kind");
    }
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
        throw new IllegalArgumentException("decimal(" + precision + "," + scale
            + "): precision must be 1.." + MAX_PRECISION + " and scale 0..precision");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind + " has no precision or scale");
    }
    if (kind == Kind.VARCHAR || kind == Kind.CHAR) {
      if (length < 1 || length > 65535) {
        throw new IllegalArgumentException(
            kind.name().toLowerCase(Locale.ROOT) + "(" + length + "): length must be 1..65535");
      }
    } else if (length != 0) {
      throw new IllegalArgumentException(kind + " has no length");
    }
  }

  /** {@code decimal(precision, scale)}. */
  public static DataType decimal(int precision, int scale) {
    return new DataType(Kind.DECIMAL, precision, scale, 0);
  }

  /** {@code varchar(length)}. */
  public static DataType varchar(int length) {
    return new DataType(Kind.VARCHAR, 0, 0, length);
  }

  /** {@code char(length)}. */
  public static DataType fixedChar(int length) {
    return new DataType(Kind.CHAR, 0, 0, length);
  }

  /** Whether values are text (string, varchar, char). */
  public boolean isText() {
    return kind == Kind.STRING || kind == Kind.VARCHAR || kind == Kind.CHAR;
  }

  /** Whether values are numbers (int, bigint, double, decimal). */
  public boolean isNumeric() {
    return kind == Kind.INT || kind == Kind.BIGINT || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  @Override
  public String toString() {
    String name = kind.name().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case DECIMAL -> name + "(" + precision + "," + scale + ")";
      case VARCHAR, CHAR -> name + "(" + length + ")";
      default -> name;
    };
  }
}
