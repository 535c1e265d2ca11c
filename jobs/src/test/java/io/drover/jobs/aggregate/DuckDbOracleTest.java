package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.datasketches.kll.KllSketch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle suite: each query runs through {@code aggregate} on LocalJobRunner and, as the
 * equivalent DuckDB SQL, on the same file in DuckDB; the results must be equal: bigints, strings,
 * booleans and timestamps exactly, doubles to 1e-9 relative, approximate aggregates within their
 * stated bounds (approx_count_distinct within 3 relative standard errors of the exact count;
 * percentile_approx between DuckDB's exact quantiles at p - e and p + e, e the KLL rank error).
 *
 * <p>Column kinds in {@link Case#kinds}: {@code x} exact, {@code a:TOL} relative tolerance, {@code
 * r} a rank range (the DuckDB query gives two columns, low and high, for it).
 */
class DuckDbOracleTest {
  static final double KLL_EPS = KllSketch.getNormalizedRankError(200, false);
  /** 3 relative standard errors of HLL lgK 9 (Spark's default rsd 0.05). */
  static final String HLL = "a:" + 3 * 1.04 / Math.sqrt(512);

  record Case(String name, String data, String drover, String duck, String kinds) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String lo(double p) {
    return String.valueOf(Math.max(0, p - KLL_EPS));
  }

  static String hi(double p) {
    return String.valueOf(Math.min(1, p + KLL_EPS));
  }

  static final String F = "events/flights-200k.csv";
  static final String E = "events/apache_events.jsonl";
  static final String L = "events/apache_logs";
  static final String C = "regression/ccpp.csv";

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // ---- flights: date timestamp, delay bigint, distance bigint, origin, destination
    c.add(new Case("bench query: count/sum/min/max by origin", F,
        "SELECT origin, count(*), sum(delay), min(delay), max(delay) FROM flights GROUP BY origin",
        null, "x x x x x"));
    c.add(new Case("month(): rows and mean delay per month", F,
        "SELECT month(date) m, count(*) c, avg(delay) FROM flights GROUP BY month(date)",
        null, "x x x"));
    c.add(new Case("variance family by origin", F,
        "SELECT origin, avg(delay), stddev_samp(delay), var_pop(delay), stddev_pop(delay), "
            + "var_samp(delay), stddev(distance), variance(distance) FROM flights GROUP BY origin",
        null, "x x x x x x x x"));
    c.add(new Case("count(1), count(expr), count_if", F,
        "SELECT destination, count(1), count(delay), count_if(delay > 60) FROM flights "
            + "GROUP BY destination", null, "x x x x"));
    c.add(new Case("WHERE, HAVING, ORDER BY alias DESC, LIMIT", F,
        "SELECT origin, count(*) n, avg(delay) a FROM flights WHERE distance > 500 "
            + "GROUP BY origin HAVING count(*) > 1000 ORDER BY a DESC LIMIT 10",
        null, "x x x"));
    c.add(new Case("date_trunc day, ORDER BY ordinal", F,
        "SELECT date_trunc('day', date) d, count(*) FROM flights GROUP BY 1 ORDER BY 1",
        null, "x x"));
    c.add(new Case("hour() and dayofweek() (Spark: 1 = Sunday)", F,
        "SELECT hour(date) h, dayofweek(date) dw, count(*) FROM flights GROUP BY 1, 2",
        "SELECT hour(date) h, dayofweek(date) + 1 dw, count(*) FROM flights GROUP BY 1, 2",
        "x x x"));
    c.add(new Case("searched CASE as group key", F,
        "SELECT CASE WHEN delay < 0 THEN 'early' WHEN delay = 0 THEN 'on time' "
            + "WHEN delay <= 15 THEN 'late' ELSE 'very late' END k, count(*), avg(distance) "
            + "FROM flights GROUP BY 1", null, "x x x"));
    c.add(new Case("IN, BETWEEN, LIKE", F,
        "SELECT origin, count(*), sum(distance) FROM flights WHERE origin IN ('ORD', 'ATL', 'DFW') "
            + "AND distance BETWEEN 300 AND 1000 AND destination LIKE 'S%' GROUP BY origin",
        null, "x x x"));
    c.add(new Case("div, % and / (double division)", F,
        "SELECT distance div 500 b, count(*), sum(delay) / count(*), avg(delay % 7), "
            + "sum(distance / 3) FROM flights GROUP BY distance div 500",
        "SELECT distance // 500 b, count(*), sum(delay) / count(*), avg(delay % 7), "
            + "sum(distance / 3) FROM flights GROUP BY distance // 500", "x x x x x"));
    c.add(new Case("string functions", F,
        "SELECT lower(origin) o, length(origin), concat(origin, '-', destination) route, count(*) "
            + "FROM flights WHERE substr(destination, 1, 1) = 'B' GROUP BY 1, 2, 3",
        null, "x x x x"));
    c.add(new Case("max_by / min_by (ties: smallest value)", F,
        "SELECT origin, max_by(destination, delay), min_by(destination, delay) FROM flights "
            + "GROUP BY origin",
        "SELECT origin, first(destination ORDER BY delay DESC, destination), "
            + "first(destination ORDER BY delay, destination) FROM flights GROUP BY origin",
        "x x x"));
    c.add(new Case("approx_count_distinct by origin", F,
        "SELECT origin, approx_count_distinct(destination), count(*) FROM flights GROUP BY origin",
        "SELECT origin, count(DISTINCT destination), count(*) FROM flights GROUP BY origin",
        "x " + HLL + " x"));
    c.add(new Case("approx_count_distinct with rsd 0.01, global", F,
        "SELECT approx_count_distinct(concat(origin, destination), 0.01), count(*) FROM flights",
        "SELECT count(DISTINCT concat(origin, destination)), count(*) FROM flights",
        "a:" + 3 * 1.04 / Math.sqrt(1 << 14) + " x"));
    c.add(new Case("percentile_approx and median by month", F,
        "SELECT month(date), percentile_approx(delay, 0.5), approx_percentile(delay, 0.95), "
            + "median(distance) FROM flights GROUP BY 1",
        "SELECT month(date), quantile_disc(delay, " + lo(0.5) + "), quantile_disc(delay, "
            + hi(0.5) + "), quantile_disc(delay, " + lo(0.95) + "), quantile_disc(delay, "
            + hi(0.95) + "), quantile_disc(distance, " + lo(0.5) + "), quantile_disc(distance, "
            + hi(0.5) + ") FROM flights GROUP BY 1", "x r r r"));
    c.add(new Case("global aggregate with timestamps", F,
        "SELECT count(*), sum(distance), avg(delay), min(date), max(date) FROM flights",
        null, "x x x x x"));
    c.add(new Case("global aggregate over no rows: one row, NULLs", F,
        "SELECT count(*), sum(delay), avg(delay), min(origin), stddev_pop(delay) FROM flights "
            + "WHERE delay > 100000", null, "x x x x x"));
    c.add(new Case("time_bucket 15 minutes", F,
        "SELECT time_bucket('15 minutes', date) b, count(*) FROM flights "
            + "WHERE month(date) = 1 AND day(date) = 2 GROUP BY 1",
        "SELECT time_bucket(INTERVAL '15 minutes', date) b, count(*) FROM flights "
            + "WHERE month(date) = 1 AND day(date) = 2 GROUP BY 1", "x x"));
    c.add(new Case("date_format and unix_timestamp", F,
        "SELECT date_format(date, 'yyyy-MM') ym, min(unix_timestamp(date)), count(*) FROM flights "
            + "GROUP BY 1",
        "SELECT strftime(date, '%Y-%m') ym, min(epoch(date))::BIGINT, count(*) FROM flights "
            + "GROUP BY 1", "x x x"));
    c.add(new Case("ORDER BY several keys, LIMIT", F,
        "SELECT origin, destination, count(*) n FROM flights GROUP BY origin, destination "
            + "ORDER BY n DESC, origin, destination LIMIT 20", null, "x x x"));
    c.add(new Case("HAVING with an alias and an aggregate not selected", F,
        "SELECT destination, avg(delay) a FROM flights GROUP BY destination "
            + "HAVING max(delay) > 300 AND a > 8 ORDER BY destination",
        "SELECT destination, avg(delay) a FROM flights GROUP BY destination "
            + "HAVING max(delay) > 300 AND avg(delay) > 8 ORDER BY destination", "x x"));
    c.add(new Case("if, CAST, coalesce, nullif", F,
        "SELECT if(delay > 0, 'late', 'not late') k, count(*), "
            + "sum(cast(distance as double) / 100), sum(coalesce(nullif(delay, 0), -1)) "
            + "FROM flights GROUP BY 1", null, "x x x x"));
    c.add(new Case("quarter, dayofyear, year", F,
        "SELECT year(date), quarter(date), dayofyear(date) % 7, count(*) FROM flights "
            + "GROUP BY 1, 2, 3", null, "x x x x"));
    c.add(new Case("NOT, OR, <>, IS NOT NULL, ORDER BY aggregate NULLS LAST", F,
        "SELECT origin, min(delay) FROM flights WHERE NOT (origin = 'ORD' OR distance < 2000) "
            + "OR delay IS NULL GROUP BY origin ORDER BY min(delay) NULLS LAST, origin",
        null, "x x"));
    c.add(new Case("count(DISTINCT) exact, with other aggregates", F,
        "SELECT origin, count(DISTINCT destination), count(*), avg(delay) FROM flights "
            + "GROUP BY origin", null, "x x x x"));
    c.add(new Case("count(DISTINCT) with HAVING, ORDER BY, LIMIT", F,
        "SELECT destination, count(DISTINCT origin) n, max(delay) FROM flights "
            + "GROUP BY destination HAVING count(DISTINCT origin) > 20 "
            + "ORDER BY n DESC, destination LIMIT 12", null, "x x x"));
    c.add(new Case("count(DISTINCT) in two levels: counts, sums, min, max merged", F,
        "SELECT origin, count(DISTINCT destination), count(*), sum(delay), min(delay), "
            + "max(delay), count(delay) FROM flights GROUP BY origin", null, "x x x x x x x"));
    c.add(new Case("sum and avg of DISTINCT values in two levels", F,
        "SELECT origin, sum(DISTINCT delay), avg(DISTINCT delay), count(*) FROM flights "
            + "GROUP BY origin", null, "x x x x"));
    c.add(new Case("global count(DISTINCT) of no rows: 0, and a sum of nothing NULL", F,
        "SELECT count(DISTINCT origin), count(*), sum(delay), count(delay) FROM flights "
            + "WHERE distance < 0", null, "x x x x"));
    c.add(new Case("global count(DISTINCT) of a high-cardinality expression", F,
        "SELECT count(DISTINCT concat(origin, destination, cast(delay as string))), count(*) "
            + "FROM flights", null, "x x"));
    // ---- apache_events.jsonl: time bigint (ms), event, ip, method, path, status, bytes, ...
    c.add(new Case("the talk's query", E,
        AggregateLocalTest.TALK,
        "SELECT strftime(make_timestamp(trunc(time / 1000.0)::BIGINT * 1000000), "
            + "'%Y-%m-%d %H:00:00') AS hour, event, count(1) FROM events GROUP BY 1, 2", "x x x"));
    c.add(new Case("sums and counts over a column with NULLs", E,
        "SELECT event, count(*), sum(bytes), avg(bytes), count(bytes) FROM events GROUP BY event",
        null, "x x x x x"));
    c.add(new Case("approx_count_distinct(ip) by status", E,
        "SELECT status, approx_count_distinct(ip), count(*) FROM events GROUP BY status",
        "SELECT status, count(DISTINCT ip), count(*) FROM events GROUP BY status",
        "x " + HLL + " x"));
    c.add(new Case("regexp_extract, HAVING count, ORDER BY ordinal", E,
        "SELECT method, regexp_extract(path, '^/([^/]*)', 1) top, count(*) FROM events "
            + "GROUP BY 1, 2 HAVING count(*) >= 50 ORDER BY 3 DESC, 2 LIMIT 15",
        null, "x x x"));
    c.add(new Case("upper/trim, min/max, percentile_approx 0.9", E,
        "SELECT upper(trim(method)) m, min(bytes), max(bytes), percentile_approx(bytes, 0.9) "
            + "FROM events WHERE bytes IS NOT NULL GROUP BY 1",
        "SELECT upper(trim(method)) m, min(bytes), max(bytes), quantile_disc(bytes, " + lo(0.9)
            + "), quantile_disc(bytes, " + hi(0.9) + ") FROM events WHERE bytes IS NOT NULL "
            + "GROUP BY 1", "x x x r"));
    c.add(new Case("count(DISTINCT) over a column with NULLs", E,
        "SELECT method, count(DISTINCT bytes), count(*), count(bytes) FROM events "
            + "GROUP BY method", null, "x x x x"));
    c.add(new Case("boolean group key from IS NULL", E,
        "SELECT bytes IS NULL nb, count(*), count(bytes), sum(bytes) FROM events GROUP BY 1",
        null, "x x x x"));
    // ---- apache_logs (combined log format; DuckDB parses the same lines with RE2)
    c.add(new Case("lines per day", L,
        "SELECT date_format(time, 'dd/MMM/yyyy') day, count(*) FROM logs GROUP BY 1",
        "SELECT strftime(time, '%d/%b/%Y') AS day, count(*) FROM logs GROUP BY 1", "x x"));
    c.add(new Case("status: count and bytes", L,
        "SELECT status, count(*), sum(bytes), count(bytes) FROM logs GROUP BY status",
        null, "x x x x"));
    c.add(new Case("distinct IPs per hour", L,
        "SELECT hour(time) h, approx_count_distinct(ip) ips, count(*) FROM logs GROUP BY 1",
        "SELECT hour(time) h, count(DISTINCT ip) ips, count(*) FROM logs GROUP BY 1",
        "x " + HLL + " x"));
    c.add(new Case("LIKE over the user agent, protocol", L,
        "SELECT agent LIKE '%bot%' bot, protocol, count(*), avg(bytes) FROM logs GROUP BY 1, 2",
        null, "x x x x"));
    // ---- ccpp.csv (BOM, CRLF): temperature, vacuum, pressure, humidity, energy (doubles)
    c.add(new Case("floor() buckets with variance", C,
        "SELECT floor(temperature / 5) t, count(*), avg(energy), stddev_samp(energy), "
            + "min(pressure), max(humidity) FROM ccpp GROUP BY 1", null, "x x x x x x"));
    c.add(new Case("global moments of doubles", C,
        "SELECT count(*), avg(temperature), var_samp(vacuum), sum(energy), var_pop(pressure) "
            + "FROM ccpp", null, "x x x x x"));
    c.add(new Case("round() keys and quartiles", C,
        "SELECT round(vacuum / 10) v, percentile_approx(energy, 0.25), "
            + "percentile_approx(energy, 0.75) FROM ccpp GROUP BY 1",
        "SELECT round(vacuum / 10) v, quantile_disc(energy, " + lo(0.25) + "), "
            + "quantile_disc(energy, " + hi(0.25) + "), quantile_disc(energy, " + lo(0.75)
            + "), quantile_disc(energy, " + hi(0.75) + ") FROM ccpp GROUP BY 1", "x r r"));
    return c;
  }

  static Connection duck;
  static Path work;

  @BeforeAll
  static void setUp() throws Exception {
    work = TestDirs.fresh("oracle");
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("CREATE VIEW flights AS SELECT * FROM read_csv('" + TestData.path(F) + "')");
      s.execute("CREATE VIEW events AS SELECT * FROM read_json_auto('" + TestData.path(E) + "')");
      s.execute("CREATE VIEW ccpp AS SELECT * FROM read_csv('" + TestData.path(C) + "')");
      String q = "\"((?:[^\"\\\\]|\\\\.)*)\"";
      String re = "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + q + " (\\d{3}|-) (\\d+|-)(?: " + q
          + " " + q + ")?\\s*$";
      String lit = "'" + re.replace("'", "''") + "'";
      s.execute("CREATE VIEW rawlogs AS SELECT unnest(string_split(content, chr(10))) line "
          + "FROM read_text('" + TestData.path(L) + "')");
      s.execute("CREATE VIEW logs AS SELECT "
          + "regexp_extract(line, " + lit + ", 1) AS ip, "
          + "strptime(regexp_extract(line, " + lit + ", 4), '%d/%b/%Y:%H:%M:%S %z')::TIMESTAMP "
          + "AS \"time\", "
          + "split_part(regexp_extract(line, " + lit + ", 5), ' ', 1) AS \"method\", "
          + "nullif(split_part(regexp_extract(line, " + lit + ", 5), ' ', 3), '') AS protocol, "
          + "regexp_extract(line, " + lit + ", 6)::BIGINT AS status, "
          + "TRY_CAST(regexp_extract(line, " + lit + ", 7) AS BIGINT) AS bytes, "
          + "nullif(regexp_extract(line, " + lit + ", 9), '-') AS agent "
          + "FROM rawlogs WHERE regexp_matches(line, " + lit + ")");
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (duck != null) {
      duck.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void droverEqualsDuckDb(Case c) throws Exception {
    Configuration conf = repeatable();
    Path out = work.resolve("q" + Math.abs(c.name().hashCode()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Aggregate tool = new Aggregate();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("--overwrite", "--sql", c.drover()));
    if (c.data().equals(L)) {
      args.addAll(List.of("--format", "apache"));
    }
    args.add(TestData.path(c.data()).toString());
    args.add(out.toString());
    int code = ToolRunner.run(conf, tool, args.toArray(new String[0]));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEqualsDuckDb(c, out);
  }

  /**
   * A local configuration under which a query's approximate results are the same at every run:
   * KLL compacts with a coin flip, so one map slot and a seeded coin make every run the same,
   * and a result inside the bound stays inside it (the test cannot pass by luck once and fail
   * the next time).
   */
  static Configuration repeatable() throws ReflectiveOperationException {
    Field f = KllSketch.class.getDeclaredField("random");
    f.setAccessible(true);
    ((Random) f.get(null)).setSeed(20261201L);
    Configuration conf = LocalConf.create();
    conf.setInt("mapreduce.local.map.tasks.maximum", 1);
    return conf;
  }

  /**
   * The result under {@code out} (part files and {@code _schema}, as {@code aggregate} and
   * {@code sql} write them) against DuckDB's answer to the case's query.
   */
  static void assertEqualsDuckDb(Case c, Path out) throws Exception {
    List<String> types = Files.readAllLines(out.resolve("_schema")).stream()
        .map(l -> l.split("\t")[1]).toList();
    List<List<String>> drover = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          List<String> cells = new ArrayList<>();
          for (String cell : line.split("\t", -1)) {
            cells.add(cell.equals("\\N") ? null : cell);
          }
          drover.add(cells);
        }
      }
    }
    List<List<Object>> expected = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet r = s.executeQuery(c.duck() == null ? c.drover() : c.duck())) {
      ResultSetMetaData m = r.getMetaData();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          row.add(r.getObject(i));
        }
        expected.add(row);
      }
    }
    String[] kinds = c.kinds().split(" ");
    assertEquals(kinds.length, types.size(), "columns of " + c.name());
    boolean ordered = c.drover().toUpperCase(Locale.ROOT).contains("ORDER BY");
    if (!ordered) {
      drover.sort(Comparator.comparing(row -> sortKey(row, kinds)));
      expected.sort(Comparator.comparing(row -> sortKey(asText(row, kinds), kinds)));
    }
    assertEquals(expected.size(), drover.size(), "rows of " + c.name() + "\nDrover: " + drover
        + "\nDuckDB: " + expected);
    assertTrue(drover.size() > 0, "an empty result proves nothing: " + c.name());
    for (int i = 0; i < drover.size(); i++) {
      List<String> d = drover.get(i);
      List<Object> e = expected.get(i);
      int ei = 0;
      for (int col = 0; col < kinds.length; col++) {
        String where = c.name() + ", row " + i + " " + d + " vs " + e + ", column " + (col + 1);
        String kind = kinds[col];
        if (kind.equals("r")) {
          double v = Double.parseDouble(d.get(col));
          double lo = ((Number) e.get(ei++)).doubleValue();
          double hi = ((Number) e.get(ei++)).doubleValue();
          assertTrue(v >= lo && v <= hi, where + ": " + v + " outside the rank bound ["
              + lo + ", " + hi + "]");
        } else if (kind.startsWith("a:")) {
          double tol = Double.parseDouble(kind.substring(2));
          double v = Double.parseDouble(d.get(col));
          double x = ((Number) e.get(ei++)).doubleValue();
          assertTrue(Math.abs(v - x) <= tol * x, where + ": " + v + " not within " + tol
              + " of " + x);
        } else {
          assertCell(types.get(col), d.get(col), e.get(ei++), where);
        }
      }
      assertEquals(e.size(), ei, "DuckDB columns of " + c.name());
    }
  }

  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static String text(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof java.sql.Timestamp t) {
      return TS.format(t.toLocalDateTime());
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate() + " 00:00:00";
    }
    if (o instanceof java.time.LocalDate d) {
      return d + " 00:00:00";
    }
    if (o instanceof LocalDateTime t) {
      return TS.format(t);
    }
    if (o instanceof OffsetDateTime t) {
      return TS.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf(d.longValue());
    }
    return o.toString();
  }

  static List<String> asText(List<Object> row, String[] kinds) {
    List<String> out = new ArrayList<>();
    int ei = 0;
    for (String k : kinds) {
      out.add(text(row.get(ei)));
      ei += k.equals("r") ? 2 : 1;
    }
    return out;
  }

  /** Sorts by the exact cells, numbers compared by value rounded to 6 digits. */
  static String sortKey(List<String> row, String[] kinds) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      if (!kinds[i].equals("x")) {
        continue;
      }
      String s = row.get(i);
      if (s == null) {
        b.append("\u0000");
      } else {
        try {
          b.append(String.format(Locale.ROOT, "%.6e", Double.parseDouble(s)));
        } catch (NumberFormatException e) {
          b.append(s);
        }
      }
      b.append('\u0001');
    }
    return b.toString();
  }

  static void assertCell(String type, String drover, Object duck, String where) {
    if (drover == null || duck == null) {
      assertEquals(duck == null ? null : text(duck), drover, where);
      return;
    }
    switch (type) {
      case "bigint":
        assertTrue(duck instanceof Number, where);
        double dv = ((Number) duck).doubleValue();
        assertEquals(dv, (double) Math.rint(dv), where + ": DuckDB gave a fraction");
        assertEquals(((Number) duck).longValue(), Long.parseLong(drover), where);
        break;
      case "double":
        double a = Double.parseDouble(drover);
        double x = ((Number) duck).doubleValue();
        if (Math.abs(a - x) > 1e-9 * Math.max(Math.abs(x), 1e-300) && Math.abs(a - x) > 1e-12) {
          fail(where + ": " + a + " vs " + x);
        }
        break;
      default:
        assertEquals(text(duck), drover, where);
    }
  }
}
