package io.drover.jobs.aggregate.expr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversions between the value types with Spark SQL's (non-ANSI) rules: a string that is not a
 * number, boolean or timestamp converts to NULL, never to an error.
 */
public final class Values {
  private Values() {}

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
              + "\\s*(Z|[+-]\\d{2}:?\\d{2}|UTC)?");

  /** Microseconds per second. */
  public static final long MICROS = 1_000_000L;

  public static Long toLong(Object v, Type from) {
    if (v == null) {
      return null;
    }
    switch (from) {
      case LONG:
        return (Long) v;
      case DOUBLE:
        return doubleToLong((Double) v);
      case BOOLEAN:
        return ((Boolean) v) ? 1L : 0L;
      case TIMESTAMP:
        return Math.floorDiv((Long) v, MICROS);
      case STRING:
        return parseLong((String) v);
      default:
        throw new AssertionError(from);
    }
  }

  /** Truncates toward zero as Spark's cast does; NaN and out-of-range values are NULL. */
  public static Long doubleToLong(double d) {
    if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
      return null;
    }
    return (long) d;
  }

  /** A whole number, or a decimal truncated toward zero ('3.7' as bigint is 3); else null. */
  public static Long parseLong(String s) {
    String t = s.trim();
    if (INTEGER.matcher(t).matches()) {
      try {
        return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    Double d = parseDouble(t);
    return d == null ? null : doubleToLong(d);
  }

  /** A decimal number, NaN or [+-]Infinity; null otherwise (no Java suffixes such as 1d). */
  public static Double parseDouble(String s) {
    String t = s.trim();
    if (DECIMAL.matcher(t).matches()) {
      return Double.parseDouble(t);
    }
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "infinity":
      case "+infinity":
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-infinity":
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return null;
    }
  }

  public static Boolean parseBoolean(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "t":
      case "yes":
      case "y":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "f":
      case "no":
      case "n":
      case "0":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  public static Double toDouble(Object v, Type from) {
    if (v == null) {
      return null;
    }
    switch (from) {
      case LONG:
        return (double) (Long) v;
      case DOUBLE:
        return (Double) v;
      case BOOLEAN:
        return ((Boolean) v) ? 1.0 : 0.0;
      case TIMESTAMP:
        return ((Long) v) / (double) MICROS;
      case STRING:
        return parseDouble((String) v);
      default:
        throw new AssertionError(from);
    }
  }

  public static Boolean toBoolean(Object v, Type from) {
    if (v == null) {
      return null;
    }
    switch (from) {
      case BOOLEAN:
        return (Boolean) v;
      case LONG:
        return (Long) v != 0;
      case DOUBLE:
        return (Double) v != 0;
      case STRING:
        return parseBoolean((String) v);
      default:
        return null;
    }
  }

  /** Microseconds since the epoch; numbers are seconds since the epoch (Spark's cast). */
  public static Long toTimestamp(Object v, Type from, ZoneId zone) {
    if (v == null) {
      return null;
    }
    switch (from) {
      case TIMESTAMP:
        return (Long) v;
      case LONG:
        return Math.multiplyExact((Long) v, MICROS);
      case DOUBLE:
        double d = (Double) v;
        return Double.isFinite(d) ? (long) Math.floor(d * MICROS) : null;
      case STRING:
        return parseTimestamp((String) v, zone);
      default:
        return null;
    }
  }

  /**
   * {@code yyyy-MM-dd}, optionally with {@code [ T]HH:mm[:ss[.fraction]]} and a zone ({@code Z},
   * {@code +hh:mm}); without a zone the wall clock is read in {@code zone}. Null if it does not
   * parse.
   */
  public static Long parseTimestamp(String s, ZoneId zone) {
    Matcher m = TIMESTAMP.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      LocalDateTime t = date.atStartOfDay();
      if (m.group(4) != null) {
        int nanos = 0;
        if (m.group(7) != null) {
          nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
        }
        t =
            date.atTime(
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                nanos);
      }
      ZoneId z = zone;
      String tz = m.group(8);
      if (tz != null) {
        z = tz.equals("Z") || tz.equals("UTC") ? ZoneOffset.UTC : ZoneOffset.of(normalOffset(tz));
      }
      return micros(t.atZone(z).toInstant());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String normalOffset(String tz) {
    return tz.length() == 5 ? tz.substring(0, 3) + ":" + tz.substring(3) : tz;
  }

  public static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS), i.getNano() / 1000);
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS), Math.floorMod(micros, MICROS) * 1000);
  }

  public static ZonedDateTime zoned(long micros, ZoneId zone) {
    return instant(micros).atZone(zone);
  }

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Spark's text of a timestamp: {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (trailing zeros cut). */
  public static String formatTimestamp(long micros, ZoneId zone) {
    ZonedDateTime z = zoned(micros, zone);
    String s = TS.format(z);
    int frac = (int) Math.floorMod(micros, MICROS);
    if (frac == 0) {
      return s;
    }
    String f = String.format(Locale.ROOT, "%06d", frac);
    int end = f.length();
    while (f.charAt(end - 1) == '0') {
      end--;
    }
    return s + "." + f.substring(0, end);
  }

  /** Spark's text of a value (cast to string). */
  public static String toText(Object v, Type from, ZoneId zone) {
    if (v == null) {
      return null;
    }
    switch (from) {
      case STRING:
        return (String) v;
      case TIMESTAMP:
        return formatTimestamp((Long) v, zone);
      case DOUBLE:
        return formatDouble((Double) v);
      default:
        return v.toString();
    }
  }

  /** Java's (and Spark's) shortest round-trip text: 2.5, 1.0E10, NaN, Infinity. */
  public static String formatDouble(double d) {
    return Double.toString(d);
  }

  /** Converts {@code v} from one type to another with the rules above. */
  public static Object convert(Object v, Type from, Type to, ZoneId zone) {
    if (v == null || from == to) {
      return v;
    }
    switch (to) {
      case LONG:
        return toLong(v, from);
      case DOUBLE:
        return toDouble(v, from);
      case BOOLEAN:
        return toBoolean(v, from);
      case STRING:
        return toText(v, from, zone);
      case TIMESTAMP:
        return toTimestamp(v, from, zone);
      default:
        throw new AssertionError(to);
    }
  }

  /**
   * Total order of two non-null values of one type: numbers numerically (NaN above everything and
   * equal to itself, -0.0 equal to 0.0, as Spark), strings by code point, false before true.
   */
  @SuppressWarnings("unchecked")
  public static int compare(Object a, Object b, Type type) {
    switch (type) {
      case LONG:
      case TIMESTAMP:
        return Long.compare((Long) a, (Long) b);
      case DOUBLE:
        double x = (Double) a;
        double y = (Double) b;
        if (x == y) {
          return 0;
        }
        return Double.compare(x, y);
      case STRING:
        return compareStrings((String) a, (String) b);
      case BOOLEAN:
        return Boolean.compare((Boolean) a, (Boolean) b);
      default:
        return ((Comparable<Object>) a).compareTo(b);
    }
  }

  /** By Unicode code point, which is the order of the UTF-8 bytes (Spark's, DuckDB's). */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char c = a.charAt(i);
      char d = b.charAt(i);
      if (c != d) {
        boolean cs = Character.isSurrogate(c);
        boolean ds = Character.isSurrogate(d);
        if (cs != ds) {
          return cs ? 1 : -1;
        }
        return c - d;
      }
    }
    return a.length() - b.length();
  }

  /** The grouping-equal form: -0.0 groups with 0.0 and every NaN with NaN. */
  public static Object normalize(Object v, Type t) {
    if (t == Type.DOUBLE && v != null) {
      double d = (Double) v;
      if (d == 0.0) {
        return 0.0;
      }
      if (Double.isNaN(d)) {
        return Double.NaN;
      }
    }
    return v;
  }
}
