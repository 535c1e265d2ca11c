package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.jobs.sql.Sql;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sql}'s short form ({@code sql --sql Q <input>... <output>}: the inputs are the query's
 * one table, format and columns decided as {@code aggregate} decides them) on every one of
 * {@link DuckDbOracleTest}'s 41 queries over the same files, checked by the same comparison with
 * DuckDB (approximate aggregates within the same bounds); and the short form's usage errors.
 * Here, in aggregate's test package, to reuse the oracle's cases and DuckDB views rather than
 * copy them.
 */
class SqlShortFormOracleTest {
  static Stream<DuckDbOracleTest.Case> cases() {
    return DuckDbOracleTest.cases().stream();
  }

  @BeforeAll
  static void setUp() throws Exception {
    DuckDbOracleTest.setUp();
  }

  @AfterAll
  static void tearDown() throws Exception {
    DuckDbOracleTest.tearDown();
  }

  record Run(int code, String err) {}

  static Run sql(String... args) throws Exception {
    return sql(LocalConf.create(), args);
  }

  static Run sql(org.apache.hadoop.conf.Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Sql tool = new Sql();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(conf, tool, args);
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shortFormEqualsDuckDb(DuckDbOracleTest.Case c) throws Exception {
    Path out = DuckDbOracleTest.work.resolve("sql-" + Math.abs(c.name().hashCode()));
    List<String> args = new ArrayList<>(List.of("--overwrite", "--sql", c.drover()));
    if (c.data().equals(DuckDbOracleTest.L)) {
      args.addAll(List.of("--format", "apache"));
    }
    args.add(TestData.path(c.data()).toString());
    args.add(out.toString());
    Run run = sql(DuckDbOracleTest.repeatable(), args.toArray(new String[0]));
    assertEquals(0, run.code(), run.err());
    DuckDbOracleTest.assertEqualsDuckDb(c, out);
  }

  static Stream<DuckDbOracleTest.Case> approximate() {
    return cases().filter(c -> c.kinds().contains("a:") || c.kinds().contains("r"));
  }

  /**
   * The approximate aggregates (aggregate's HyperLogLog and KLL states, carried by sql's stages)
   * give what aggregate gives on the same input, value for value, when both run repeatably.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("approximate")
  void sketchesEqualAggregates(DuckDbOracleTest.Case c) throws Exception {
    List<String> args = new ArrayList<>(List.of("--overwrite", "--sql", c.drover()));
    if (c.data().equals(DuckDbOracleTest.L)) {
      args.addAll(List.of("--format", "apache"));
    }
    args.add(TestData.path(c.data()).toString());
    Path viaSql = DuckDbOracleTest.work.resolve("same-sql-" + Math.abs(c.name().hashCode()));
    Path viaAggregate = DuckDbOracleTest.work.resolve("same-agg-" + Math.abs(c.name().hashCode()));
    List<String> a = new ArrayList<>(args);
    a.add(viaSql.toString());
    Run run = sql(DuckDbOracleTest.repeatable(), a.toArray(new String[0]));
    assertEquals(0, run.code(), run.err());
    a = new ArrayList<>(args);
    a.add(viaAggregate.toString());
    assertEquals(0, ToolRunner.run(DuckDbOracleTest.repeatable(), new Aggregate(),
        a.toArray(new String[0])));
    assertEquals(rows(viaAggregate), rows(viaSql), c.name());
  }

  static List<String> rows(Path out) throws java.io.IOException {
    List<String> rows = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        rows.addAll(Files.readAllLines(p));
      }
    }
    rows.sort(null);
    return rows;
  }

  /** Two inputs (the compressed file and its plain copy) are one table of both files' rows. */
  @Test
  void severalInputsAreOneTable() throws Exception {
    DuckDbOracleTest.Case c = new DuckDbOracleTest.Case("two inputs", DuckDbOracleTest.F,
        "SELECT origin, count(*), sum(delay), max(date) FROM whatever GROUP BY origin",
        "SELECT origin, count(*), sum(delay), max(date) FROM (SELECT * FROM flights UNION ALL "
            + "SELECT * FROM flights) GROUP BY origin", "x x x x");
    Path out = DuckDbOracleTest.work.resolve("sql-two-inputs");
    Run run = sql("--overwrite", "--sql", c.drover(),
        TestData.compressed(DuckDbOracleTest.F).toString(),
        TestData.path(DuckDbOracleTest.F).toString(), out.toString());
    assertEquals(0, run.code(), run.err());
    DuckDbOracleTest.assertEqualsDuckDb(c, out);
  }

  /**
   * A compressed CSV is read whole by one task while its plain copy is cut into 512 KB splits:
   * every record once.
   */
  @Test
  void compressedAndSplitCsv() throws Exception {
    DuckDbOracleTest.Case c = new DuckDbOracleTest.Case("split", DuckDbOracleTest.F,
        "SELECT count(*), sum(delay), count(DISTINCT date), min(origin) FROM f",
        "SELECT 2 * count(*), 2 * sum(delay), count(DISTINCT date), min(origin) FROM flights",
        "x x x x");
    Path out = DuckDbOracleTest.work.resolve("sql-split");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Sql tool = new Sql();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    org.apache.hadoop.conf.Configuration conf = LocalConf.create();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 512 << 10);
    int code = ToolRunner.run(conf, tool, new String[] {"--overwrite", "--sql", c.drover(),
        TestData.compressed(DuckDbOracleTest.F).toString(),
        TestData.path(DuckDbOracleTest.F).toString(), out.toString()});
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    DuckDbOracleTest.assertEqualsDuckDb(c, out);
  }

  /** --no-header and --schema: the header row is then a row, read with the given types. */
  @Test
  void noHeaderAndSchema() throws Exception {
    Path dir = DuckDbOracleTest.work.resolve("noheader");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("n.csv"), "k,v\na,1\nb,2\na,x\n");
    Path out = DuckDbOracleTest.work.resolve("sql-noheader");
    Run run = sql("--overwrite", "--no-header", "--sql",
        "SELECT c1, count(*), count(c2) FROM t GROUP BY c1 ORDER BY c1", dir.toString(),
        out.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("a\t2\t2", "b\t1\t1", "k\t1\t1"),
        Files.readAllLines(out.resolve("part-r-00000")));
    run = sql("--overwrite", "--schema", "k string, v bigint", "--sql",
        "SELECT k, sum(v), count(v) FROM t GROUP BY k ORDER BY k", dir.toString(),
        out.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("a\t1\t1", "b\t2\t1"), Files.readAllLines(out.resolve("part-r-00000")));
    assertTrue(run.err().contains("sql: warning: 1 of 3 values of column v (bigint) did not "
        + "convert and were read as NULL; the first: 'x'"), run.err());
  }

  /**
   * aggregate's rule: a typed column the query reads whose every value fails to convert fails the
   * query (exit 1, naming the column, its type and the first value; nothing written), unless
   * --max-bad-values allows it; a column the query does not read does not count.
   */
  @Test
  void columnThatNeverConverts() throws Exception {
    Path dir = Files.createDirectories(DuckDbOracleTest.work.resolve("neverconverts"));
    Files.writeString(dir.resolve("n.csv"), "k,v,w\na,x,1\nb,y,2\na,,3\n");
    Path out = DuckDbOracleTest.work.resolve("sql-neverconverts");
    String schema = "k string, v bigint, w bigint";
    Run run = sql("--overwrite", "--schema", schema, "--sql",
        "SELECT k, count(v) FROM t GROUP BY k", dir.toString(), out.toString());
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("column v: none of its 2 values converted to bigint (the "
        + "first: 'x')"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertFalse(Files.exists(out), "nothing written");
    run = sql("--overwrite", "--schema", schema, "--sql", "SELECT k, sum(w) FROM t GROUP BY k "
        + "ORDER BY k", dir.toString(), out.toString());
    assertEquals(0, run.code(), run.err()); // v is not read
    assertEquals(List.of("a\t4", "b\t2"), Files.readAllLines(out.resolve("part-r-00000")));
    run = sql("--overwrite", "--max-bad-values", "100%", "--schema", schema, "--sql",
        "SELECT k, count(v) FROM t GROUP BY k ORDER BY k", dir.toString(), out.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("a\t0", "b\t0"), Files.readAllLines(out.resolve("part-r-00000")));
    run = sql("--overwrite", "--max-bad-values", "1", "--schema", schema, "--sql",
        "SELECT k, count(v) FROM t GROUP BY k", dir.toString(), out.toString());
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("2 of 2 values (100.000%) did not convert"), run.err());
  }

  /**
   * The map side's partial aggregation emits its groups when their estimated bytes reach its
   * bound (counted), and the result does not change: exact DISTINCT sets, min/max strings and
   * sums merged from many partial flushes equal one pass.
   */
  @Test
  void mapSideAggregationFlushedAtItsByteBound() throws Exception {
    Path dir = Files.createDirectories(DuckDbOracleTest.work.resolve("flushes"));
    StringBuilder csv = new StringBuilder("k,v,s\n");
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 5000; i++) {
      csv.append(r.nextInt(300)).append(',').append(r.nextInt(40)).append(',')
          .append("s".repeat(1 + r.nextInt(30))).append(r.nextInt(9)).append('\n');
    }
    Files.writeString(dir.resolve("f.csv"), csv);
    String q = "SELECT k, count(*), count(DISTINCT v), sum(v), min(s), max(s), avg(v) FROM t "
        + "GROUP BY k ORDER BY k";
    Path one = DuckDbOracleTest.work.resolve("sql-flushes-one");
    Path many = DuckDbOracleTest.work.resolve("sql-flushes-many");
    Run run = sql("--overwrite", "--sql", q, dir.toString(), one.toString());
    assertEquals(0, run.code(), run.err());
    org.apache.hadoop.conf.Configuration small = LocalConf.create();
    small.setLong(io.drover.jobs.sql.mr.SqlConf.MAP_AGG_BYTES, 8192);
    run = sql(small, "--overwrite", "--sql", q, dir.toString(), many.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(300, Files.readAllLines(one.resolve("part-r-00000")).size());
    assertEquals(Files.readAllLines(one.resolve("part-r-00000")),
        Files.readAllLines(many.resolve("part-r-00000")));
    assertEquals(0, flushes(one));
    assertTrue(flushes(many) > 20, "flushes: " + flushes(many));
  }

  /** The map-side flushes the run's jobs counted, from its manifest. */
  private static long flushes(Path out) throws java.io.IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"MAP_AGG_FLUSHES\"\\s*:\\s*(\\d+)")
        .matcher(Files.readString(out.resolve("_drover/manifest.json")));
    long n = 0;
    while (m.find()) {
      n += Long.parseLong(m.group(1));
    }
    return n;
  }

  /** TSV as aggregate reads it: {@code \N} is NULL, an empty string stays empty, by extension. */
  @Test
  void tsvByExtension() throws Exception {
    Path dir = Files.createDirectories(DuckDbOracleTest.work.resolve("tsv"));
    Files.writeString(dir.resolve("t.tsv"), "k\tn\na\t1\nb\t\\N\na\t5\n\t7\n\\N\t2\n");
    Path out = DuckDbOracleTest.work.resolve("sql-tsv");
    Run run = sql("--overwrite", "--sql", "SELECT k, count(*), count(n), sum(n) FROM t "
        + "GROUP BY k ORDER BY k", dir.resolve("t.tsv").toString(), out.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("\\N\t1\t1\t2", "\t1\t1\t7", "a\t2\t2\t6", "b\t1\t0\t\\N"),
        Files.readAllLines(out.resolve("part-r-00000")));
  }

  @Test
  void usageErrors() throws Exception {
    String f = TestData.path(DuckDbOracleTest.F).toString();
    Path out = DuckDbOracleTest.work.resolve("sql-usage");
    Path ddl = DuckDbOracleTest.work.resolve("usage.ddl");
    Files.writeString(ddl, "CREATE TABLE t (a int) LOCATION '" + f + "'");
    Object[][] cases = {
      {new String[] {"--sql", "SELECT count(*) FROM a JOIN b ON a.x = b.x", f, out.toString()},
          "the inputs are read as one table, but the query names a, b"},
      {new String[] {"--init", ddl.toString(), "--sql", "SELECT 1 FROM t", f, out.toString()},
          "<input>... <output> is the short form"},
      {new String[] {"--format", "csv", "--sql", "SELECT 1 FROM t", out.toString()},
          "option --format is for the short form"},
      {new String[] {"--format", "xml", "--sql", "SELECT 1 FROM t", f, out.toString()},
          "option --format: 'xml' is not one of csv, tsv, jsonl, apache, auto"},
      {new String[] {"--sql", "SELECT nope FROM t", f, out.toString()}, "nope"},
      {new String[] {"--sql", "SELECT 1 FROM t", f + ".missing", out.toString()},
          "input path does not exist"},
    };
    for (Object[] c : cases) {
      Run run = sql((String[]) c[0]);
      assertEquals(2, run.code(), run.err());
      String first = run.err().lines().findFirst().orElse("");
      assertTrue(first.contains((String) c[1]), run.err());
      assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
      assertFalse(Files.exists(out), "nothing written");
    }
  }
}
