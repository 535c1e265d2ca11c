package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;
import io.drover.jobs.sql.logical.Expr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * SQL values at run time: parsing Hive text fields, formatting output text, casts and ordering.
 *
 * <p><b>The value representation</b> (shared by the evaluator, the row codec, the accumulators
 * and the MapReduce glue): {@code BOOLEAN -> Boolean}; {@code INT} and {@code BIGINT -> Long};
 * {@code DOUBLE -> Double}; {@code DECIMAL(p,s) -> BigDecimal} whose {@code scale()} is exactly
 * {@code s}; {@code STRING, VARCHAR, CHAR -> String}; {@code DATE -> LocalDate}; {@code TIMESTAMP
 * -> LocalDateTime}; {@code INTERVAL -> Expr.Interval} (literals only); SQL NULL -> Java {@code
 * null}. A {@code CHAR(n)} value is held without its trailing spaces ({@link #fixedChar}) and
 * written padded to n.
 *
 * <p><b>Bad values.</b> {@link #parse} returns the sentinel {@link #BAD} (never null, never a
 * value) for a field that does not convert to its column's type; the caller counts it and stores
 * NULL, as Hive does. Parsing is strict: no surrounding blanks for integers, decimals and dates
 * (Hive's LazyInteger also rejects them); {@code true}/{@code false} in any case for booleans; a
 * decimal is rounded HALF_UP to the column's scale and is bad when it then has more than {@code
 * p-s} integer digits; an int outside 32 bits is bad.
 *
 * <p><b>Output text</b> ({@link #format}): NULL is {@code \N} (Hive text); decimals plain with
 * their scale; dates ISO {@code yyyy-MM-dd}; timestamps {@code yyyy-MM-dd HH:mm:ss[.f]} with the
 * fraction's trailing zeros dropped; doubles as {@link Double#toString} (which is Hive's form: no
 * exponent for |x| in [1e-3, 1e7), {@code NaN}, {@code Infinity}); booleans {@code true/false}.
 */
public final class Values {
  private Values() {}

  /** What {@link #parse} returns for a field that does not convert (count it, store NULL). */
  public static final Object BAD = new Object() {
    @Override
    public String toString() {
      return "BAD";
    }
  };

  private static final DateTimeFormatter TIMESTAMP_IN = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter TIMESTAMP_OUT = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter(Locale.ROOT);

  /** A Hive text field as a value of {@code type}: null, a value, or {@link #BAD}. */
  public static Object parse(String text, DataType type) {
    if (text.equals("\\N")) {
      return null;
    }
    if (text.isEmpty()) {
      return type.isText() ? "" : null;
    }
    try {
      switch (type.kind()) {
        case BOOLEAN:
          if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
          }
          return text.equalsIgnoreCase("false") ? Boolean.FALSE : BAD;
        case INT: {
          long v = Long.parseLong(text);
          return v == (int) v ? (Object) v : BAD;
        }
        case BIGINT:
          return Long.parseLong(text);
        case DOUBLE: {
          char last = text.charAt(text.length() - 1);
          if (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(last)
              || last == 'd' || last == 'D' || last == 'f' || last == 'F') {
            return BAD;
          }
          return Double.parseDouble(text);
        }
        case DECIMAL: {
          BigDecimal d = fit(new BigDecimal(text), type);
          return d == null ? BAD : d;
        }
        case STRING:
          return text;
        case VARCHAR:
          return text.length() <= type.length() ? text : text.substring(0, type.length());
        case CHAR:
          return fixedChar(text, type);
        case DATE:
          return LocalDate.parse(text);
        case TIMESTAMP:
          return LocalDateTime.parse(text, TIMESTAMP_IN);
        default:
          throw new IllegalArgumentException("no column has type " + type);
      }
    } catch (NumberFormatException | DateTimeException e) {
      return BAD;
    }
  }

  /**
   * {@link #parse(String, DataType)} of the UTF-8 bytes {@code b[off, off+len)}; integers,
   * short decimals and {@code yyyy-MM-dd} dates without making a String.
   */
  public static Object parse(byte[] b, int off, int len, DataType type) {
    if (len == 2 && b[off] == '\\' && b[off + 1] == 'N') {
      return null;
    }
    if (len == 0) {
      return type.isText() ? "" : null;
    }
    switch (type.kind()) {
      case INT:
      case BIGINT: {
        if (len > 18) {
          break;
        }
        int i = off;
        int end = off + len;
        boolean neg = b[i] == '-';
        if (neg || b[i] == '+') {
          i++;
          if (i == end) {
            return BAD;
          }
        }
        long v = 0;
        for (; i < end; i++) {
          int d = b[i] - '0';
          if (d < 0 || d > 9) {
            return BAD;
          }
          v = v * 10 + d;
        }
        v = neg ? -v : v;
        return type.kind() == Kind.INT && v != (int) v ? BAD : (Object) v;
      }
      case DECIMAL: {
        if (len > 18) {
          break;
        }
        int i = off;
        int end = off + len;
        boolean neg = b[i] == '-';
        if (neg || b[i] == '+') {
          i++;
        }
        long unscaled = 0;
        int scale = -1;
        int digits = 0;
        for (; i < end; i++) {
          byte c = b[i];
          if (c == '.' && scale < 0) {
            scale = 0;
            continue;
          }
          int d = c - '0';
          if (d < 0 || d > 9) {
            return parse(new String(b, off, len, StandardCharsets.UTF_8), type);
          }
          unscaled = unscaled * 10 + d;
          digits++;
          if (scale >= 0) {
            scale++;
          }
        }
        if (digits == 0) {
          return BAD;
        }
        BigDecimal d = fit(BigDecimal.valueOf(neg ? -unscaled : unscaled, Math.max(scale, 0)),
            type);
        return d == null ? BAD : d;
      }
      case DATE: {
        if (len != 10 || b[off + 4] != '-' || b[off + 7] != '-') {
          return BAD;
        }
        int y = digits(b, off, 4);
        int m = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        if (y < 0 || m < 0 || d < 0) {
          return BAD;
        }
        try {
          return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
          return BAD;
        }
      }
      default:
        break;
    }
    return parse(new String(b, off, len, StandardCharsets.UTF_8), type);
  }

  private static int digits(byte[] b, int off, int n) {
    int v = 0;
    for (int i = off; i < off + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * {@code d} rounded HALF_UP to the scale of {@code decimal(p,s)}, or null when it then needs
   * more than {@code p} digits (Spark's non-ANSI overflow is NULL).
   */
  public static BigDecimal fit(BigDecimal d, DataType type) {
    BigDecimal r = d.scale() == type.scale() ? d : d.setScale(type.scale(), RoundingMode.HALF_UP);
    return r.precision() - r.scale() > type.precision() - type.scale() ? null : r;
  }

  /** Output text of a value of {@code t} (see the class comment); NULL is {@code \N}. */
  public static String format(Object v, DataType t) {
    if (v == null) {
      return "\\N";
    }
    return t.kind() == Kind.CHAR ? padded((String) v, t) : text(v);
  }

  /**
   * A {@code CHAR(n)} value as it is held: cut to n characters (code points), its trailing spaces
   * dropped. Hive pads a CHAR to n and ignores trailing spaces when it compares, groups, joins or
   * converts one to a string ({@code length}, {@code concat}); holding the stripped value gives
   * all of that with plain string operations, and {@link #format} pads it back to n on output.
   */
  public static String fixedChar(String s, DataType t) {
    String cut = s;
    if (s.length() > t.length() && s.codePointCount(0, s.length()) > t.length()) {
      cut = s.substring(0, s.offsetByCodePoints(0, t.length()));
    }
    int end = cut.length();
    while (end > 0 && cut.charAt(end - 1) == ' ') {
      end--;
    }
    return cut.substring(0, end);
  }

  /** A held {@code CHAR(n)} value padded with spaces to n characters, as Hive writes it. */
  public static String padded(String s, DataType t) {
    int n = s.codePointCount(0, s.length());
    return n >= t.length() ? s : s + " ".repeat(t.length() - n);
  }

  /** A non-null value's text (what casting it to string gives). */
  public static String text(Object v) {
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof LocalDateTime ts) {
      return TIMESTAMP_OUT.format(ts);
    }
    return v.toString();
  }

  /** {@code CAST(v AS to)} for a value of type {@code from}; NULL when it does not convert. */
  public static Object cast(Object v, DataType from, DataType to) {
    if (v == null) {
      return null;
    }
    switch (to.kind()) {
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        if (v instanceof String s) {
          String t = s.strip();
          return t.equalsIgnoreCase("true") ? Boolean.TRUE
              : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
        if (v instanceof Long l) {
          return l != 0;
        }
        if (v instanceof Double d) {
          return d != 0;
        }
        if (v instanceof BigDecimal d) {
          return d.signum() != 0;
        }
        break;
      case INT:
      case BIGINT: {
        Long r = toLong(v);
        if (r == null) {
          return null;
        }
        return to.kind() == Kind.INT && r != r.intValue() ? null : r;
      }
      case DOUBLE:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Long l) {
          return l.doubleValue();
        }
        if (v instanceof BigDecimal d) {
          return d.doubleValue();
        }
        if (v instanceof Boolean b) {
          return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
          try {
            return Double.parseDouble(s.strip());
          } catch (NumberFormatException e) {
            return null;
          }
        }
        break;
      case DECIMAL: {
        BigDecimal d;
        if (v instanceof BigDecimal x) {
          d = x;
        } else if (v instanceof Long l) {
          d = BigDecimal.valueOf(l);
        } else if (v instanceof Double x) {
          if (x.isNaN() || x.isInfinite()) {
            return null;
          }
          d = BigDecimal.valueOf(x);
        } else if (v instanceof Boolean b) {
          d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (v instanceof String s) {
          try {
            d = new BigDecimal(s.strip());
          } catch (NumberFormatException e) {
            return null;
          }
        } else {
          break;
        }
        return fit(d, to);
      }
      case STRING:
        return text(v);
      case VARCHAR: {
        String s = text(v);
        return s.length() <= to.length() ? s : s.substring(0, to.length());
      }
      case CHAR:
        return fixedChar(text(v), to);
      case DATE:
        if (v instanceof LocalDate) {
          return v;
        }
        if (v instanceof LocalDateTime ts) {
          return ts.toLocalDate();
        }
        if (v instanceof String s) {
          String t = s.strip();
          try {
            return LocalDate.parse(t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 'T')
                ? t.substring(0, 10) : t);
          } catch (DateTimeParseException e) {
            return null;
          }
        }
        break;
      case TIMESTAMP:
        if (v instanceof LocalDateTime) {
          return v;
        }
        if (v instanceof LocalDate d) {
          return d.atStartOfDay();
        }
        if (v instanceof String s) {
          try {
            return LocalDateTime.parse(s.strip().replace('T', ' '), TIMESTAMP_IN);
          } catch (DateTimeParseException e) {
            return null;
          }
        }
        break;
      case INTERVAL:
        if (v instanceof Expr.Interval) {
          return v;
        }
        break;
      case NULL:
        return null;
      default:
        break;
    }
    throw new IllegalArgumentException("cannot cast " + from + " to " + to);
  }

  /** An integer from a number (truncated toward zero, as Spark) or text; null if none fits. */
  private static Long toLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d >= 0x1p63 || d < -0x1p63) {
        return null;
      }
      return (long) d.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      BigDecimal t = d.setScale(0, RoundingMode.DOWN);
      return t.unscaledValue().bitLength() < 64 ? t.longValueExact() : null;
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof String s) {
      String t = s.strip();
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        try {
          return toLong(new BigDecimal(t));
        } catch (NumberFormatException e2) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Orders two non-null values of the same representation, as {@link Ordering} does and as Spark
   * compares: strings by code point (the order of their UTF-8 bytes, which the shuffle's keys
   * sort by; Java's UTF-16 compareTo differs between surrogates and U+E000..U+FFFF); doubles with
   * -0.0 equal to 0.0 and NaN equal to NaN and greatest; decimals by value whatever their scale.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a instanceof String x) {
      return Ordering.compareCodePoints(x, (String) b);
    }
    if (a instanceof Double x) {
      double y = (Double) b;
      return x == y ? 0 : Double.compare(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }
}
