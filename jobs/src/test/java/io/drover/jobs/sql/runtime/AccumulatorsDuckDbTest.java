package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;
import io.drover.jobs.sql.logical.Types;
import io.drover.jobs.sql.runtime.Accumulators.Accumulator;
import io.drover.jobs.sql.runtime.Accumulators.State;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every aggregate of {@link Accumulators} (count(*), count, sum, avg, min, max, each also
 * DISTINCT) over every type it takes gives, group by group, DuckDB's answer for the same rows.
 *
 * <p>Each type has a DuckDB table {@code (g, x)} of random groups: empty ones (no row), all-NULL
 * ones, ones from a tiny domain (duplicates), wide ones (extremes, non-ASCII and NUL text, dates
 * of years 1 and 9999), "big" ones (sums past bigint or past decimal(38,0)) and cancelling ones
 * (+v and -v, so partial sums overflow a long while the total fits). On the Drover side a group's
 * rows are dealt at random into a few partial states, each state goes to bytes and back through
 * {@link Accumulator#read}, and the states are merged pairwise in random order (re-serialized now
 * and then, as a combiner does) before {@code result()}.
 *
 * <p>The oracle: DuckDB's value of the same aggregate, except where Drover's result type asks for
 * more than DuckDB says. Sums of int and bigint come from DuckDB's exact HUGEINT sum: outside
 * bigint, Drover must throw an ArithmeticException. Sums of decimals come from DuckDB's exact
 * decimal(38,s) sum, rounded HALF_UP to the scale of {@link Types#aggregate}; one with more integer
 * digits than that type allows must throw. avg of a decimal is DuckDB's exact sum over its count,
 * rounded HALF_UP to the result scale (DuckDB's own avg of a decimal is a double); avg of int and
 * bigint is DuckDB's exact sum over its count rounded once to a double (DuckDB's avg rounds through
 * an 80-bit long double, which can differ by one ulp). Doubles are multiples of 0.25 below 2^38
 * (plus NaN, infinities and -0.0), so every order of additions gives the same sum; NaN equals NaN
 * and -0.0 equals 0.0. Decimal groups keep the sum of their absolute values below 1.6e38
 * (unscaled) so that DuckDB's 128-bit sum cannot overflow.
 */
class AccumulatorsDuckDbTest {
  static final long SEED = Long.getLong("drover.test.seed", 20261205L);

  static final List<DataType> TYPES = List.of(DataType.BOOLEAN, DataType.INT, DataType.BIGINT,
      DataType.DOUBLE, DataType.decimal(1, 0), DataType.decimal(15, 2), DataType.decimal(18, 0),
      DataType.decimal(19, 19), DataType.decimal(28, 6), DataType.decimal(38, 10),
      DataType.decimal(38, 0), DataType.STRING, DataType.varchar(10), DataType.fixedChar(3),
      DataType.DATE, DataType.TIMESTAMP);

  /** The kinds of group; each type gets {@link #PER_MODE} groups of each. */
  enum Mode { EMPTY, NULLS, FEW, WIDE, BIG, CANCEL }

  static final int PER_MODE = 4;

  /** An aggregate call: count(*) when {@code star}. */
  record Fn(String name, boolean distinct, boolean star) {
    @Override
    public String toString() {
      return star ? "count(*)" : name + (distinct ? "(DISTINCT x)" : "(x)");
    }
  }

  /** What a group's aggregate must give: a value, or an ArithmeticException. */
  static final Object OVERFLOW = new Object() {
    @Override
    public String toString() {
      return "OVERFLOW";
    }
  };

  private static final String[] PIECES = {"a", "b", "ab", "", "\u0000", "é", "\u00ff", "z",
      "\u4e2d", "\ud83d\ude00", "\uffff", "\ud800\udc00", " ", "A", "'"};

  static final long MIN_DAY = LocalDate.of(1, 1, 1).toEpochDay();
  static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
  static final long MIN_MICROS = MIN_DAY * 86_400_000_000L;
  static final long MAX_MICROS = (MAX_DAY + 1) * 86_400_000_000L - 1;
  static final BigInteger BUDGET = new BigInteger("160000000000000000000000000000000000000");

  static Connection duck;
  /** Per type (index into TYPES): the rows of each group id. */
  static final List<Map<Integer, List<Object>>> GROUPS = new ArrayList<>();

  @BeforeAll
  static void load() throws SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
    Random r = new Random(SEED);
    for (int ti = 0; ti < TYPES.size(); ti++) {
      DataType t = TYPES.get(ti);
      Map<Integer, List<Object>> groups = new HashMap<>();
      int g = 0;
      for (Mode m : Mode.values()) {
        for (int k = 0; k < PER_MODE; k++) {
          groups.put(g++, group(t, m, r));
        }
      }
      GROUPS.add(groups);
      List<String> rows = new ArrayList<>();
      for (Map.Entry<Integer, List<Object>> e : groups.entrySet()) {
        for (Object v : e.getValue()) {
          rows.add("(" + e.getKey() + ", " + literal(t, v) + ")");
        }
      }
      Collections.shuffle(rows, r);
      try (Statement st = duck.createStatement()) {
        st.execute("CREATE TABLE t" + ti + " (g INTEGER, x " + duckType(t) + ")");
        st.execute("INSERT INTO t" + ti + " VALUES " + String.join(", ", rows));
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int ti = 0; ti < TYPES.size(); ti++) {
      DataType t = TYPES.get(ti);
      List<Fn> fns = new ArrayList<>();
      fns.add(new Fn("count", false, true));
      List<String> names = new ArrayList<>(List.of("count", "min", "max"));
      if (t.isNumeric()) {
        names.addAll(List.of("sum", "avg"));
      }
      for (String n : names) {
        fns.add(new Fn(n, false, false));
        fns.add(new Fn(n, true, false));
      }
      for (Fn f : fns) {
        out.add(Arguments.of(t.toString(), f, ti));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} of {0}")
  @MethodSource("cases")
  void agreesWithDuckDb(String typeName, Fn fn, int ti) throws SQLException {
    DataType t = TYPES.get(ti);
    DataType result = fn.star ? DataType.BIGINT : Types.aggregate(fn.name, t);
    Accumulator acc = fn.star ? Accumulators.compile("count", false, List.of(), result)
        : Accumulators.compile(fn.name, fn.distinct, List.of(t), result);
    assertEquals(result, acc.resultType(), fn + " of " + t);
    boolean setState = fn.distinct && !fn.name.equals("min") && !fn.name.equals("max");
    assertEquals(!setState, acc.fixedSize(), fn + " of " + t + ": fixedSize");

    Map<Integer, Object> expected = oracle(ti, t, fn, result);
    Random r = new Random(SEED ^ (31L * ti + fn.toString().hashCode()));
    int overflows = 0;
    int values = 0;
    for (Map.Entry<Integer, List<Object>> e : GROUPS.get(ti).entrySet()) {
      String what = fn + " of " + t + " in group " + e.getKey() + " (" + e.getValue().size()
          + " rows, seed " + SEED + ")";
      Object want = expected.get(e.getKey());
      State s = drover(acc, fn.star, e.getValue(), r);
      if (want == OVERFLOW) {
        overflows++;
        ArithmeticException ex = assertThrows(ArithmeticException.class, s::result, what);
        assertTrue(ex.getMessage().contains(fn.name + "(" + t + ")"),
            what + ": the error names the function: " + ex.getMessage());
      } else {
        values++;
        check(what, result, want, s.result());
      }
    }
    if (fn.name.equals("sum") && t.kind() == Kind.BIGINT
        || t.equals(DataType.decimal(38, 0)) && !fn.name.equals("count")
        && !fn.name.equals("min") && !fn.name.equals("max")) {
      // the data must really exercise both outcomes: sums past bigint, and sums and averages
      // past decimal(38,0) and decimal(38,4) (avg's type keeps 4 digits of scale)
      assertTrue(overflows > 0 && values > 0, fn + " of " + t + ": " + overflows
          + " groups overflow, " + values + " do not");
    } else if (!mayOverflow(t, fn, result)) {
      assertEquals(0, overflows, fn + " of " + t + ": no group may overflow");
    }
  }

  /** Whether {@code fn}'s result type may hold fewer integer digits than its sums can reach. */
  static boolean mayOverflow(DataType t, Fn fn, DataType result) {
    if (fn.name.equals("sum") && t.kind() == Kind.BIGINT) {
      return true;
    }
    if (t.kind() != Kind.DECIMAL || !fn.name.equals("sum") && !fn.name.equals("avg")) {
      return false;
    }
    int need = t.precision() - t.scale() + (fn.name.equals("sum") ? 10 : 0);
    return result.precision() - result.scale() < need;
  }

  /**
   * Deals {@code rows} at random into 1 to 4 partial states, sends each through bytes, and merges
   * them pairwise in random order (sometimes re-serializing a merged state); the final state.
   */
  static State drover(Accumulator acc, boolean star, List<Object> rows, Random r) {
    int k = 1 + r.nextInt(4);
    List<State> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      parts.add(acc.newState());
    }
    for (Object v : rows) {
      parts.get(r.nextInt(k)).add(star ? new Object[0] : new Object[] {v});
    }
    if (k == 1 && r.nextBoolean()) {
      return parts.get(0); // the map side's state as is, never serialized
    }
    List<State> read = new ArrayList<>();
    for (State s : parts) {
      read.add(roundTrip(acc, s, r));
    }
    while (read.size() > 1) {
      int a = r.nextInt(read.size());
      int b = r.nextInt(read.size() - 1);
      if (b >= a) {
        b++;
      }
      State into = read.get(a);
      into.merge(read.get(b));
      read.remove(b);
      if (r.nextInt(3) == 0) {
        read.set(read.indexOf(into), roundTrip(acc, into, r));
      }
    }
    return read.get(0);
  }

  /** {@code s} written into a buffer between random bytes and read back from there. */
  static State roundTrip(Accumulator acc, State s, Random r) {
    Sink out = new Sink(1);
    int pad = r.nextInt(3);
    for (int i = 0; i < pad; i++) {
      out.writeByte(r.nextInt(256));
    }
    s.write(out);
    int len = out.length() - pad;
    out.writeByte(0x5a);
    return acc.read(out.array(), pad, len);
  }

  // ---------------------------------------------------------------------------------------
  // the oracle

  /** DuckDB's answer for each group (including those with no row) as a Drover value. */
  static Map<Integer, Object> oracle(int ti, DataType t, Fn fn, DataType result)
      throws SQLException {
    String d = fn.distinct ? "DISTINCT x" : "x";
    boolean exactAvg = fn.name.equals("avg") && t.kind() != Kind.DOUBLE;
    String cols;
    if (fn.star) {
      cols = "count(*)";
    } else if (exactAvg) {
      cols = "CAST(sum(" + d + ") AS VARCHAR), count(" + d + ")";
    } else if (fn.name.equals("count") || fn.name.equals("sum") && t.kind() != Kind.DOUBLE) {
      cols = "CAST(" + fn.name + "(" + d + ") AS VARCHAR)";
    } else if (fn.name.equals("sum") || fn.name.equals("avg")) {
      cols = fn.name + "(" + d + ")";
    } else {
      cols = minMaxColumn(t, fn.name + "(" + d + ")");
    }
    Map<Integer, Object> out = new HashMap<>();
    Object empty;
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + cols + " FROM t" + ti + " WHERE false")) {
      assertTrue(rs.next());
      empty = expected(t, fn, result, rs, 1);
    }
    for (Integer g : GROUPS.get(ti).keySet()) {
      out.put(g, empty);
    }
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT g, " + cols + " FROM t" + ti + " GROUP BY g")) {
      while (rs.next()) {
        out.put(rs.getInt(1), expected(t, fn, result, rs, 2));
      }
    }
    return out;
  }

  static String minMaxColumn(DataType t, String agg) {
    return switch (t.kind()) {
      case DATE -> "datediff('day', DATE '1970-01-01', " + agg + ")";
      case TIMESTAMP -> "epoch_us(" + agg + ")";
      case DECIMAL, STRING, VARCHAR, CHAR -> "CAST(" + agg + " AS VARCHAR)";
      default -> agg;
    };
  }

  /** The Drover value (or OVERFLOW) DuckDB's columns from {@code c} on say the group must give. */
  static Object expected(DataType t, Fn fn, DataType result, ResultSet rs, int c)
      throws SQLException {
    if (fn.star || fn.name.equals("count")) {
      return Long.parseLong(rs.getString(c));
    }
    switch (fn.name) {
      case "sum": {
        if (t.kind() == Kind.DOUBLE) {
          double v = rs.getDouble(c);
          return rs.wasNull() ? null : v;
        }
        String s = rs.getString(c);
        if (s == null) {
          return null;
        }
        if (t.kind() == Kind.DECIMAL) {
          return fitting(new BigDecimal(s).setScale(result.scale(), RoundingMode.HALF_UP),
              result);
        }
        BigInteger v = new BigInteger(s);
        return v.bitLength() < 64 ? (Object) v.longValue() : OVERFLOW;
      }
      case "avg": {
        if (t.kind() == Kind.DOUBLE) {
          double v = rs.getDouble(c);
          return rs.wasNull() ? null : v;
        }
        String s = rs.getString(c);
        if (s == null) {
          return null;
        }
        BigDecimal sum = new BigDecimal(s);
        BigDecimal count = BigDecimal.valueOf(rs.getLong(c + 1));
        if (t.kind() == Kind.DECIMAL) {
          return fitting(sum.divide(count, result.scale(), RoundingMode.HALF_UP), result);
        }
        return sum.divide(count, new MathContext(60, RoundingMode.HALF_EVEN)).doubleValue();
      }
      default: {
        Object v = rs.getObject(c);
        if (v == null) {
          return null;
        }
        return switch (t.kind()) {
          case BOOLEAN -> (Boolean) v;
          case INT, BIGINT -> ((Number) v).longValue();
          case DOUBLE -> ((Number) v).doubleValue();
          case DECIMAL -> new BigDecimal((String) v).setScale(t.scale());
          case STRING, VARCHAR, CHAR -> (String) v;
          case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
          case TIMESTAMP -> ofMicros(((Number) v).longValue());
          default -> throw new AssertionError(t);
        };
      }
    }
  }

  /** {@code d}, or OVERFLOW when it has more integer digits than {@code type} holds. */
  static Object fitting(BigDecimal d, DataType type) {
    BigDecimal limit = BigDecimal.TEN.pow(type.precision() - type.scale());
    return d.abs().compareTo(limit) >= 0 ? OVERFLOW : d;
  }

  static void check(String what, DataType type, Object want, Object got) {
    if (want == null || got == null) {
      assertEquals(want, got, what);
      return;
    }
    switch (type.kind()) {
      case DOUBLE: {
        double x = (Double) want;
        double y = (Double) got;
        assertTrue(x == y || Double.isNaN(x) && Double.isNaN(y), what + ": " + y + ", want "
            + x);
        return;
      }
      case DECIMAL: {
        BigDecimal g = (BigDecimal) got;
        assertEquals(type.scale(), g.scale(), what + ": scale of " + g);
        assertEquals(want, g, what);
        return;
      }
      default:
        assertEquals(want.getClass(), got.getClass(), what + ": class of " + got);
        assertEquals(want, got, what);
    }
  }

  // ---------------------------------------------------------------------------------------
  // the data

  static String duckType(DataType t) {
    return switch (t.kind()) {
      case INT -> "INTEGER";
      case DECIMAL -> "DECIMAL(" + t.precision() + ", " + t.scale() + ")";
      case STRING, VARCHAR, CHAR -> "VARCHAR";
      default -> t.kind().name();
    };
  }

  static String literal(DataType t, Object v) {
    if (v == null) {
      return "NULL";
    }
    return switch (t.kind()) {
      case BOOLEAN -> v.toString();
      case INT, BIGINT -> "'" + v + "'::" + duckType(t);
      case DOUBLE -> "'" + v + "'::DOUBLE";
      case DECIMAL -> "'" + ((BigDecimal) v).toPlainString() + "'::" + duckType(t);
      case STRING, VARCHAR, CHAR -> {
        // DuckDB takes no NUL in a literal: chr(0) between the quoted pieces
        List<String> parts = new ArrayList<>();
        for (String p : ((String) v).split("\u0000", -1)) {
          parts.add("'" + p.replace("'", "''") + "'");
        }
        yield "(" + String.join(" || chr(0) || ", parts) + ")";
      }
      case DATE -> "'" + v + "'::DATE";
      case TIMESTAMP -> "make_timestamp(" + micros((LocalDateTime) v) + "::BIGINT)";
      default -> throw new AssertionError(t);
    };
  }

  static long micros(LocalDateTime ts) {
    return ts.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ts.getNano() / 1000;
  }

  static LocalDateTime ofMicros(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  /** One group's rows (values of {@code t}, null for NULL). */
  static List<Object> group(DataType t, Mode m, Random r) {
    List<Object> rows = new ArrayList<>();
    switch (m) {
      case EMPTY:
        break;
      case NULLS:
        for (int n = 1 + r.nextInt(5); n > 0; n--) {
          rows.add(null);
        }
        break;
      case FEW:
      case WIDE:
        for (int n = 1 + r.nextInt(60); n > 0; n--) {
          rows.add(r.nextInt(8) == 0 ? null : value(t, m, 1, r));
        }
        break;
      case BIG: {
        int sign = r.nextBoolean() ? 1 : -1;
        for (int n = 1 + r.nextInt(6); n > 0; n--) {
          rows.add(r.nextInt(8) == 0 ? null : value(t, m, sign, r));
        }
        break;
      }
      case CANCEL:
        for (int n = 1 + r.nextInt(15); n > 0; n--) {
          Object v = value(t, m, 1, r);
          rows.add(v);
          rows.add(t.isNumeric() ? negate(t, v) : value(t, m, 1, r));
        }
        rows.add(value(t, Mode.FEW, 1, r));
        rows.add(null);
        Collections.shuffle(rows, r);
        break;
      default:
        throw new AssertionError(m);
    }
    if (t.kind() == Kind.DECIMAL) {
      // DuckDB sums decimals in 128 bits: keep the sum of absolute values in range
      BigInteger total = BigInteger.ZERO;
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i) != null) {
          BigInteger u = ((BigDecimal) rows.get(i)).unscaledValue().abs();
          if (total.add(u).compareTo(BUDGET) > 0) {
            rows.set(i, BigDecimal.valueOf(r.nextInt(3) - 1, t.scale()));
            u = BigInteger.ONE;
          }
          total = total.add(u);
        }
      }
    }
    return rows;
  }

  /** -v, or the type's maximum for its minimum. */
  static Object negate(DataType t, Object v) {
    if (v instanceof Long x) {
      long min = t.kind() == Kind.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
      return x == min ? (Object) (-(x + 1)) : (Object) (-x);
    }
    if (v instanceof Double x) {
      return -x;
    }
    return ((BigDecimal) v).negate();
  }

  /** A non-null value of {@code t} for a group of mode {@code m} (sign: of BIG groups). */
  static Object value(DataType t, Mode m, int sign, Random r) {
    boolean few = m == Mode.FEW;
    switch (t.kind()) {
      case BOOLEAN:
        return r.nextBoolean();
      case INT:
        if (few) {
          return (long) r.nextInt(3) - 1;
        }
        return switch (r.nextInt(4)) {
          case 0 -> (long) Integer.MIN_VALUE;
          case 1 -> (long) Integer.MAX_VALUE;
          default -> (long) r.nextInt();
        };
      case BIGINT:
        if (few) {
          return (long) r.nextInt(3) - 1;
        }
        if (m == Mode.BIG) {
          // two of these already pass bigint
          return sign * (Long.MAX_VALUE - (r.nextLong() >>> 2));
        }
        return switch (r.nextInt(5)) {
          case 0 -> Long.MIN_VALUE;
          case 1 -> Long.MAX_VALUE;
          case 2 -> (long) r.nextInt(2001) - 1000;
          default -> m == Mode.WIDE ? r.nextLong() >> r.nextInt(8) : r.nextLong();
        };
      case DOUBLE: {
        if (few) {
          double[] d = {0.0, -0.0, 0.25, -0.25, 1.0};
          return d[r.nextInt(d.length)];
        }
        if (m == Mode.BIG && r.nextInt(3) == 0) {
          double[] d = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};
          return d[r.nextInt(d.length)];
        }
        // a multiple of 0.25 below 2^38: any 60 of them add up exactly in any order
        return (r.nextLong() >> (24 + r.nextInt(30))) * 0.25;
      }
      case DECIMAL: {
        BigInteger max = BigInteger.TEN.pow(t.precision()).subtract(BigInteger.ONE);
        BigInteger u;
        if (few) {
          u = BigInteger.valueOf(r.nextInt(5) - 2);
        } else if (m == Mode.BIG) {
          // near the maximum, all of one sign: for decimal(38,0) a few pass 38 digits
          u = max.subtract(new BigInteger(max.bitLength(), r).mod(max.shiftRight(1).add(
              BigInteger.ONE)));
          if (t.precision() == DataType.MAX_PRECISION && r.nextBoolean()) {
            u = BigInteger.TEN.pow(37).multiply(BigInteger.valueOf(3)).add(
                new BigInteger(120, r).mod(BigInteger.TEN.pow(37)));
          }
          u = u.multiply(BigInteger.valueOf(sign));
        } else {
          u = switch (r.nextInt(5)) {
            case 0 -> max;
            case 1 -> max.negate();
            case 2 -> BigInteger.valueOf(r.nextInt(2001) - 1000).min(max).max(max.negate());
            default -> new BigInteger(130, r).mod(max.add(BigInteger.ONE))
                .shiftRight(r.nextInt(100)).multiply(BigInteger.valueOf(r.nextBoolean() ? 1
                    : -1));
          };
        }
        return new BigDecimal(u, t.scale());
      }
      case STRING:
      case VARCHAR:
      case CHAR: {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(few ? 2 : 5); n > 0; n--) {
          sb.append(PIECES[r.nextInt(few ? 4 : PIECES.length)]);
        }
        String s = sb.toString();
        if (t.length() > 0 && s.codePointCount(0, s.length()) > t.length()) {
          s = s.substring(0, s.offsetByCodePoints(0, t.length()));
        }
        return s;
      }
      case DATE:
        if (few) {
          return LocalDate.ofEpochDay(r.nextInt(3) - 1);
        }
        return LocalDate.ofEpochDay(switch (r.nextInt(4)) {
          case 0 -> MIN_DAY;
          case 1 -> MAX_DAY;
          default -> MIN_DAY + (long) (r.nextDouble() * (MAX_DAY - MIN_DAY));
        });
      case TIMESTAMP:
        if (few) {
          return ofMicros(r.nextInt(3) - 1);
        }
        return ofMicros(switch (r.nextInt(4)) {
          case 0 -> MIN_MICROS;
          case 1 -> MAX_MICROS;
          default -> MIN_MICROS + (long) (r.nextDouble() * (MAX_MICROS - MIN_MICROS));
        });
      default:
        throw new AssertionError(t);
    }
  }
}
