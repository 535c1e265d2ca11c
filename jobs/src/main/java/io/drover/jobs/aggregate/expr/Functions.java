package io.drover.jobs.aggregate.expr;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The scalar function registry: Hive / Spark SQL names and semantics. Times are read and written
 * in the session time zone (UTC unless {@code --time-zone}).
 */
public final class Functions {
  private Functions() {}

  @FunctionalInterface
  interface Resolver {
    Expr resolve(String name, List<Expr> args, ZoneId zone) throws QueryException;
  }

  private static final Map<String, Resolver> REGISTRY = new TreeMap<>();

  /** The names this registry knows, for error messages and the README. */
  public static java.util.Set<String> names() {
    return REGISTRY.keySet();
  }

  public static boolean known(String name) {
    return REGISTRY.containsKey(name.toLowerCase(Locale.ROOT));
  }

  public static Expr call(String name, List<Expr> args, ZoneId zone) throws QueryException {
    String n = name.toLowerCase(Locale.ROOT);
    Resolver r = REGISTRY.get(n);
    if (r == null) {
      throw unknown(name);
    }
    return r.resolve(n, args, zone);
  }

  /**
   * "unknown function NAME", then the known names (scalar and aggregate) nearest to it by edit
   * distance, or all of them when none is near.
   */
  public static QueryException unknown(String name) {
    java.util.Set<String> all = new java.util.TreeSet<>(REGISTRY.keySet());
    all.addAll(io.drover.jobs.aggregate.agg.Aggregates.names());
    List<String> near = nearest(name.toLowerCase(Locale.ROOT), all, 3);
    return new QueryException("unknown function " + name + (near.isEmpty()
        ? "; known functions: " + String.join(", ", all)
        : "; did you mean " + String.join(", ", near) + "?"));
  }

  /**
   * Up to {@code max} of {@code names} nearest to {@code name}: Levenshtein distance at most 2,
   * or a third of the longer name for long names; nearest first, then in name order.
   */
  public static List<String> nearest(String name, java.util.Collection<String> names,
      int max) {
    List<String> out = new java.util.ArrayList<>(names);
    java.util.Map<String, Integer> d = new java.util.HashMap<>();
    for (String n : names) {
      d.put(n, distance(name, n));
    }
    out.removeIf(n -> d.get(n) > Math.max(2, Math.max(name.length(), n.length()) / 3));
    out.sort(java.util.Comparator.comparing((String n) -> d.get(n))
        .thenComparing(java.util.Comparator.naturalOrder()));
    return out.subList(0, Math.min(max, out.size()));
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static void arity(String name, List<Expr> args, int min, int max) throws QueryException {
    if (args.size() < min || args.size() > max) {
      String want = min == max ? String.valueOf(min) : min + " to " + max;
      throw new QueryException(name + "() takes " + want + " argument" + (max == 1 ? "" : "s")
          + ", got " + args.size());
    }
  }

  private static String constantString(String name, Expr e, String what, ZoneId zone)
      throws QueryException {
    if (!(e instanceof Expr.Literal l) || l.value() == null) {
      throw new QueryException(name + "(): the " + what + " must be a constant string, got "
          + e.sql());
    }
    return Values.toText(l.value(), l.type(), zone);
  }

  static DateTimeFormatter formatter(String name, String pattern, ZoneId zone)
      throws QueryException {
    try {
      return DateTimeFormatter.ofPattern(pattern, Locale.US).withZone(zone);
    } catch (IllegalArgumentException e) {
      throw new QueryException(name + "(): bad date-time pattern '" + pattern + "': "
          + e.getMessage());
    }
  }

  private static Expr strict(String name, Type t, Expr.Impl impl, List<Expr> args) {
    return new Expr.Call(name, t, true, impl, args);
  }

  private static Expr ts(Expr e, ZoneId zone) {
    return Operators.cast(e, Type.TIMESTAMP, zone);
  }

  private static Expr str(Expr e, ZoneId zone) {
    return Operators.cast(e, Type.STRING, zone);
  }

  private static void reg(Resolver r, String... names) {
    for (String n : names) {
      REGISTRY.put(n, r);
    }
  }

  /** Parses text with a pattern into epoch microseconds; null when it does not parse. */
  static Long parseWith(DateTimeFormatter f, String s, ZoneId zone) {
    try {
      TemporalAccessor t = f.parseBest(s.trim(), ZonedDateTime::from, LocalDateTime::from,
          LocalDate::from);
      if (t instanceof ZonedDateTime z) {
        return Values.micros(z.toInstant());
      }
      if (t instanceof LocalDateTime l) {
        return Values.micros(l.atZone(zone).toInstant());
      }
      return Values.micros(((LocalDate) t).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static long field(long micros, ZoneId zone, String f) {
    ZonedDateTime z = Values.zoned(micros, zone);
    switch (f) {
      case "year":
        return z.getYear();
      case "quarter":
        return (z.getMonthValue() - 1) / 3 + 1;
      case "month":
        return z.getMonthValue();
      case "day":
      case "dayofmonth":
        return z.getDayOfMonth();
      case "dayofweek": // Spark: 1 = Sunday ... 7 = Saturday
        return z.getDayOfWeek().getValue() % 7 + 1;
      case "weekday": // Spark: 0 = Monday ... 6 = Sunday
        return z.getDayOfWeek().getValue() - 1;
      case "dayofyear":
        return z.getDayOfYear();
      case "weekofyear":
        return z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "hour":
        return z.getHour();
      case "minute":
        return z.getMinute();
      case "second":
        return z.getSecond();
      default:
        throw new AssertionError(f);
    }
  }

  /** date_trunc units, Spark's spellings (and DuckDB's). */
  static long truncate(long micros, ZoneId zone, String unit) {
    ZonedDateTime z = Values.zoned(micros, zone);
    ZonedDateTime t;
    switch (unit) {
      case "year":
      case "yyyy":
      case "yy":
        t = z.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        break;
      case "quarter":
        t = z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
            .withMonth((z.getMonthValue() - 1) / 3 * 3 + 1);
        break;
      case "month":
      case "mon":
      case "mm":
        t = z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        break;
      case "week":
        t = z.truncatedTo(ChronoUnit.DAYS)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        break;
      case "day":
      case "dd":
        t = z.truncatedTo(ChronoUnit.DAYS);
        break;
      case "hour":
        t = z.truncatedTo(ChronoUnit.HOURS);
        break;
      case "minute":
        t = z.truncatedTo(ChronoUnit.MINUTES);
        break;
      case "second":
        t = z.truncatedTo(ChronoUnit.SECONDS);
        break;
      case "millisecond":
        t = z.truncatedTo(ChronoUnit.MILLIS);
        break;
      default:
        throw new AssertionError(unit);
    }
    return Values.micros(t.toInstant());
  }

  /** The length in microseconds of a date_trunc unit of fixed length, else null. */
  static Long fixedWidth(String unit) {
    switch (unit) {
      case "day":
      case "dd":
        return 86_400L * Values.MICROS;
      case "hour":
        return 3_600L * Values.MICROS;
      case "minute":
        return 60L * Values.MICROS;
      case "second":
        return Values.MICROS;
      case "millisecond":
        return 1_000L;
      default:
        return null;
    }
  }

  private static final List<String> TRUNC_UNITS = List.of("year", "yyyy", "yy", "quarter",
      "month", "mon", "mm", "week", "day", "dd", "hour", "minute", "second", "millisecond");

  private static final Pattern INTERVAL =
      Pattern.compile("(?i)\\s*(\\d+)\\s*(second|minute|hour|day)s?\\s*");

  /** '15 minutes' (or the text of INTERVAL '15' MINUTE) in microseconds. */
  public static long intervalMicros(String name, String text) throws QueryException {
    Matcher m = INTERVAL.matcher(text.replace("'", " "));
    if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
      throw new QueryException(name + "(): bad interval '" + text
          + "'; write it as '15 minutes', '1 hour', '30 seconds' or '2 days'");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "second":
        return n * Values.MICROS;
      case "minute":
        return n * 60 * Values.MICROS;
      case "hour":
        return n * 3600 * Values.MICROS;
      default:
        return n * 86400 * Values.MICROS;
    }
  }

  /** Spark's substring: 1-based, 0 counts as 1, a negative start counts from the end. */
  static String substr(String s, long pos, long len) {
    int[] cps = s.codePoints().toArray();
    int n = cps.length;
    long start;
    if (pos > 0) {
      start = pos - 1;
    } else if (pos == 0) {
      start = 0;
    } else {
      start = n + pos;
    }
    long end = len == Long.MAX_VALUE ? n : start + len;
    if (len < 0) {
      return "";
    }
    start = Math.max(0, start);
    end = Math.min(n, end);
    if (start >= end) {
      return "";
    }
    return new String(cps, (int) start, (int) (end - start));
  }

  static {
    for (String f : List.of("year", "quarter", "month", "day", "dayofmonth", "dayofweek",
        "weekday", "dayofyear", "weekofyear", "hour", "minute", "second")) {
      reg((n, a, z) -> {
        arity(n, a, 1, 1);
        return strict(n, Type.LONG, v -> field((Long) v[0], z, f), List.of(ts(a.get(0), z)));
      }, f);
    }
    reg((n, a, z) -> {
      arity(n, a, 1, 2);
      DateTimeFormatter f = formatter(n, a.size() == 2
          ? constantString(n, a.get(1), "format", z) : "yyyy-MM-dd HH:mm:ss", z);
      Expr sec = Operators.cast(a.get(0), Type.LONG, z);
      return strict(n, Type.STRING,
          v -> f.format(Values.instant(Math.multiplyExact((Long) v[0], Values.MICROS))),
          a.size() == 2 ? List.of(sec, a.get(1)) : List.of(sec));
    }, "from_unixtime");
    reg((n, a, z) -> {
      arity(n, a, 1, 2);
      Expr x = a.get(0);
      if (x.type() == Type.STRING) {
        DateTimeFormatter f = formatter(n, a.size() == 2
            ? constantString(n, a.get(1), "format", z) : "yyyy-MM-dd HH:mm:ss", z);
        return strict(n, Type.LONG, v -> {
          Long m = parseWith(f, (String) v[0], z);
          return m == null ? null : Math.floorDiv(m, Values.MICROS);
        }, List.of(x));
      }
      return strict(n, Type.LONG, v -> Math.floorDiv((Long) v[0], Values.MICROS),
          List.of(ts(x, z)));
    }, "unix_timestamp", "to_unix_timestamp");
    reg((n, a, z) -> {
      arity(n, a, 1, 2);
      Expr x = a.get(0);
      if (a.size() == 2) {
        DateTimeFormatter f = formatter(n, constantString(n, a.get(1), "format", z), z);
        return strict(n, Type.TIMESTAMP, v -> parseWith(f, (String) v[0], z),
            List.of(str(x, z), a.get(1)));
      }
      return ts(x, z);
    }, "to_timestamp", "timestamp");
    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      return strict(n, Type.TIMESTAMP, v -> Values.micros(java.time.Instant.ofEpochSecond(
          (Long) v[0])), List.of(Operators.cast(a.get(0), Type.LONG, z)));
    }, "timestamp_seconds");
    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      return strict(n, Type.TIMESTAMP, v -> Math.multiplyExact((Long) v[0], 1000L),
          List.of(Operators.cast(a.get(0), Type.LONG, z)));
    }, "timestamp_millis");
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      String unit = constantString(n, a.get(0), "unit", z).toLowerCase(Locale.ROOT);
      if (!TRUNC_UNITS.contains(unit)) {
        throw new QueryException(n + "(): unknown unit '" + unit + "'; one of " + TRUNC_UNITS);
      }
      Long width = fixedWidth(unit);
      if (width != null && z.getRules().isFixedOffset()) {
        // a fixed-offset zone has no gaps or overlaps: truncating is arithmetic on local micros
        long offset = z.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds()
            * Values.MICROS;
        long w = width;
        return strict(n, Type.TIMESTAMP,
            v -> Math.floorDiv((Long) v[1] + offset, w) * w - offset,
            List.of(a.get(0), ts(a.get(1), z)));
      }
      return strict(n, Type.TIMESTAMP, v -> truncate((Long) v[1], z, unit),
          List.of(a.get(0), ts(a.get(1), z)));
    }, "date_trunc");
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      DateTimeFormatter f = formatter(n, constantString(n, a.get(1), "format", z), z);
      return strict(n, Type.STRING, v -> f.format(Values.instant((Long) v[0])),
          List.of(ts(a.get(0), z), a.get(1)));
    }, "date_format");
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      long width = intervalMicros(n, constantString(n, a.get(0), "interval", z));
      return strict(n, Type.TIMESTAMP, v -> Math.floorDiv((Long) v[1], width) * width,
          List.of(a.get(0), ts(a.get(1), z)));
    }, "time_bucket");

    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      return strict(n, Type.STRING, v -> ((String) v[0]).toLowerCase(Locale.ROOT),
          List.of(str(a.get(0), z)));
    }, "lower", "lcase");
    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      return strict(n, Type.STRING, v -> ((String) v[0]).toUpperCase(Locale.ROOT),
          List.of(str(a.get(0), z)));
    }, "upper", "ucase");
    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      return strict(n, Type.LONG, v -> (long) ((String) v[0]).codePointCount(0,
          ((String) v[0]).length()), List.of(str(a.get(0), z)));
    }, "length", "char_length", "character_length");
    reg((n, a, z) -> {
      arity(n, a, 2, 3);
      Expr pos = Operators.cast(a.get(1), Type.LONG, z);
      if (a.size() == 2) {
        return strict(n, Type.STRING, v -> substr((String) v[0], (Long) v[1], Long.MAX_VALUE),
            List.of(str(a.get(0), z), pos));
      }
      return strict(n, Type.STRING, v -> substr((String) v[0], (Long) v[1], (Long) v[2]),
          List.of(str(a.get(0), z), pos, Operators.cast(a.get(2), Type.LONG, z)));
    }, "substr", "substring");
    reg((n, a, z) -> {
      if (a.isEmpty()) {
        throw new QueryException(n + "() needs at least one argument");
      }
      return strict(n, Type.STRING, v -> {
        StringBuilder b = new StringBuilder();
        for (Object o : v) {
          b.append((String) o);
        }
        return b.toString();
      }, Operators.castAll(a, Type.STRING, z));
    }, "concat");
    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      String which = n;
      return strict(n, Type.STRING, v -> {
        String s = (String) v[0];
        int b = 0;
        int e = s.length();
        if (!which.equals("rtrim")) {
          while (b < e && s.charAt(b) == ' ') {
            b++;
          }
        }
        if (!which.equals("ltrim")) {
          while (e > b && s.charAt(e - 1) == ' ') {
            e--;
          }
        }
        return s.substring(b, e);
      }, List.of(str(a.get(0), z)));
    }, "trim", "ltrim", "rtrim");
    reg((n, a, z) -> {
      arity(n, a, 2, 3);
      String re = constantString(n, a.get(1), "regular expression", z);
      Pattern p;
      try {
        p = Pattern.compile(re);
      } catch (PatternSyntaxException e) {
        throw new QueryException(n + "(): bad regular expression '" + re + "': "
            + e.getDescription());
      }
      int group = 1;
      if (a.size() == 3) {
        group = Integer.parseInt(constantString(n, a.get(2), "group index", z).trim());
      }
      if (group > p.matcher("").groupCount()) {
        throw new QueryException(n + "(): the regular expression '" + re + "' has "
            + p.matcher("").groupCount() + " groups, group " + group + " was asked for");
      }
      int g = group;
      return strict(n, Type.STRING, v -> {
        Matcher m = p.matcher((String) v[0]);
        if (!m.find()) {
          return "";
        }
        String s = m.group(g);
        return s == null ? "" : s;
      }, List.of(str(a.get(0), z)));
    }, "regexp_extract");
    reg((n, a, z) -> {
      arity(n, a, 3, 3);
      String re = constantString(n, a.get(1), "regular expression", z);
      Pattern p = Pattern.compile(re);
      return strict(n, Type.STRING, v -> p.matcher((String) v[0]).replaceAll((String) v[2]),
          List.of(str(a.get(0), z), a.get(1), str(a.get(2), z)));
    }, "regexp_replace");
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      String re = constantString(n, a.get(1), "regular expression", z);
      Pattern p = Pattern.compile(re);
      return strict(n, Type.BOOLEAN, v -> p.matcher((String) v[0]).find(),
          List.of(str(a.get(0), z), a.get(1)));
    }, "rlike", "regexp", "regexp_like");
    reg((n, a, z) -> {
      arity(n, a, 3, 3);
      return strict(n, Type.STRING, v -> ((String) v[0]).replace((String) v[1], (String) v[2]),
          Operators.castAll(a, Type.STRING, z));
    }, "replace");

    reg((n, a, z) -> Operators.coalesce(a, z), "coalesce");
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      return Operators.coalesce(a, z);
    }, "nvl", "ifnull");
    reg((n, a, z) -> {
      arity(n, a, 3, 3);
      return Operators.caseWhen(List.of(Operators.bool(a.get(0), "if()", z)),
          List.of(a.get(1)), a.get(2), z);
    }, "if", "iff");
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      Expr eq = Operators.compare("=", a.get(0), a.get(1), z);
      return Operators.caseWhen(List.of(eq), List.of(new Expr.Literal(null, a.get(0).type())),
          a.get(0), z);
    }, "nullif");

    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      Expr x = a.get(0).type() == Type.LONG ? a.get(0) : Operators.cast(a.get(0), Type.DOUBLE, z);
      return x.type() == Type.LONG
          ? strict(n, Type.LONG, v -> Math.abs((Long) v[0]), List.of(x))
          : strict(n, Type.DOUBLE, v -> Math.abs((Double) v[0]), List.of(x));
    }, "abs");
    reg((n, a, z) -> {
      arity(n, a, 1, 1);
      Expr x = a.get(0);
      if (x.type() == Type.LONG) {
        return x;
      }
      boolean up = n.startsWith("ceil");
      return strict(n, Type.LONG, v -> Values.doubleToLong(up ? Math.ceil((Double) v[0])
          : Math.floor((Double) v[0])), List.of(Operators.cast(x, Type.DOUBLE, z)));
    }, "floor", "ceil", "ceiling");
    reg((n, a, z) -> {
      arity(n, a, 1, 2);
      int d = a.size() == 2 ? Integer.parseInt(constantString(n, a.get(1), "scale", z).trim()) : 0;
      Expr x = a.get(0);
      if (x.type() == Type.LONG && d >= 0) {
        return x;
      }
      return strict(n, Type.DOUBLE, v -> {
        double y = (Double) v[0];
        if (!Double.isFinite(y)) {
          return y;
        }
        return new java.math.BigDecimal(Double.toString(y))
            .setScale(d, java.math.RoundingMode.HALF_UP).doubleValue();
      }, List.of(Operators.cast(x, Type.DOUBLE, z)));
    }, "round");
    for (String f : List.of("sqrt", "ln", "log10", "log2", "exp")) {
      reg((n, a, z) -> {
        arity(n, a, 1, 1);
        return strict(n, Type.DOUBLE, v -> {
          double y = (Double) v[0];
          switch (f) {
            case "sqrt":
              return y < 0 ? null : Math.sqrt(y);
            case "ln":
              return y <= 0 ? null : Math.log(y);
            case "log10":
              return y <= 0 ? null : Math.log10(y);
            case "log2":
              return y <= 0 ? null : Math.log(y) / Math.log(2);
            default:
              return Math.exp(y);
          }
        }, List.of(Operators.cast(a.get(0), Type.DOUBLE, z)));
      }, f);
    }
    reg((n, a, z) -> {
      arity(n, a, 2, 2);
      return strict(n, Type.DOUBLE, v -> Math.pow((Double) v[0], (Double) v[1]),
          Operators.castAll(a, Type.DOUBLE, z));
    }, "pow", "power");
  }
}
