package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line: exit codes, messages, --explain, output formats, overwrite, small inputs. */
class AggregateToolTest {
  Path work;
  Configuration conf;
  Path csv;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("aggtool");
    conf = LocalConf.create();
    csv = work.resolve("in").resolve("f.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, "city,temp,note\r\nOslo,3,\"cold, dark\"\r\nRome,20,\r\nOslo,5,"
        + "\"tab\there\"\r\nRome,x,bad value\r\nOslo,1,2,3\r\n");
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) throws Exception {
    return run(conf, new Aggregate(), args);
  }

  /** Runs {@code tool} in-process as ToolRunner does, capturing its exit code, stdout, stderr. */
  static Run run(Configuration conf, Aggregate tool, String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = ToolRunner.run(new Configuration(conf), tool, args);
    } finally {
      System.setOut(old);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  void assertUsage(Run r, String message) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), "expected «" + message + "» in: " + r.err());
    assertTrue(r.err().endsWith("\nTry 'aggregate --help' for the options.\n"), r.err());
    assertFalse(r.err().contains("Usage:"), "no whole usage text on an error: " + r.err());
  }

  List<String> workDir() throws Exception {
    try (Stream<Path> s = Files.list(work)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void badSqlFlagsAndPathsExitTwoBeforeAnyJob() throws Exception {
    String out = work.resolve("out").toString();
    assertUsage(run("--sql", "SELECT city, count(*) FROM t JOIN u ON t.a = u.a GROUP BY city",
        csv.toString(), out), "aggregate: the inputs are read as one table, but the query names t, u; "
        + "to join tables, define them with DDL: sql --init FILE");
    assertUsage(run("--sql", "SELECT cty, count(*) FROM t GROUP BY cty", csv.toString(), out),
        "--sql: unknown column cty; the columns here: city string, temp string, note string");
    assertUsage(run("--sql", "SELECT city, count(*) FROM t GROUP BY city",
        work.resolve("missing").toString(), out), "input path does not exist");
    assertUsage(run(csv.toString(), out), "give the query with --sql");
    assertUsage(run("--sql", "SELECT count(*) FROM t", "--format", "xml", csv.toString(), out),
        "option --format: 'xml' is not one of csv, tsv, jsonl, apache, auto");
    assertUsage(run("--sql", "SELECT count(*) FROM t", "--max-bad-records", "lots",
        csv.toString(), out), "option --max-bad-records: 'lots' is neither a count");
    assertUsage(run("--sql", "SELECT count(*) FROM t", "--time-zone", "Mars/Olympus",
        csv.toString(), out), "option --time-zone: 'Mars/Olympus' is not a time zone");
    assertUsage(run("--sql-file", work.resolve("nope.sql").toString(), csv.toString(), out),
        "option --sql-file: no such file");
    assertEquals(List.of("in"), workDir());
  }

  @Test
  void explainPrintsThePlanAndRunsNothing() throws Exception {
    Run r = run("--explain", "--sql", "SELECT city, avg(temp), approx_count_distinct(note) "
        + "FROM t GROUP BY city ORDER BY 2", csv.toString(), work.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    // the sql compiler's plan: temp is text, so avg reads its doubles (Spark's implicit cast)
    assertTrue(r.out().contains("Aggregate keys [t.city] calls [avg(CAST(t.temp AS double)), "
        + "approx_count_distinct(t.note)]"), r.out());
    assertTrue(r.out().contains("map input: table t [city, temp, note] from " + csv.toUri()
        .toString().replace("file:///", "file:/") + " (csv, header)"), r.out());
    assertTrue(r.out().contains("Stage 2 (map and reduce, after stages [1]):"), r.out());
    assertTrue(r.out().contains("shuffle: total order sort by [avg(temp) ASC NULLS FIRST]"),
        r.out());
    assertTrue(r.out().contains("Approximate aggregates:\n  approx_count_distinct(t.note): "
        + "HyperLogLog lgK=9: relative standard error 4.60%"), r.out());
    assertEquals(List.of("in"), workDir());
  }

  @Test
  void csvWithBadRecordsValuesAndEveryOutputFormat() throws Exception {
    Path out = work.resolve("out");
    // inferred, temp is a string (one value is not a number), as Spark infers it; given as
    // bigint, the bad value is NULL and counted
    Run r = run("--max-bad-records", "1", "--schema", "city string, temp bigint, note string",
        "--sql", "SELECT city, count(*) n, sum(temp) s, min(note) FROM t GROUP BY city",
        csv.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("Oslo\t2\t8\tcold, dark", "Rome\t2\t20\tbad value"),
        AggregateLocalTest.lines(out));
    assertEquals(List.of("Oslo,1,2,3"), AggregateLocalTest.badLines(out));
    assertTrue(r.err().contains("byte 84: expected 3 fields, found 4"), r.err());
    assertTrue(r.err().contains("5 records read, 1 bad"), r.err());

    conf.set("drover.aggregate.max-bad-records", "20%");
    Path tsv = work.resolve("tsv");
    assertEquals(0, run("--sql", "SELECT note, count(*) FROM t GROUP BY note", csv.toString(),
        tsv.toString()).code());
    assertEquals(List.of("\\N\t1", "bad value\t1", "cold, dark\t1", "tab\\there\t1"),
        AggregateLocalTest.lines(tsv));
    Path c = work.resolve("csv");
    assertEquals(0, run("--output-format", "csv", "--sql",
        "SELECT note, count(*) FROM t GROUP BY note", csv.toString(), c.toString()).code());
    assertEquals(List.of(",1", "bad value,1", "\"cold, dark\",1", "tab\there,1"),
        AggregateLocalTest.lines(c));
    Path j = work.resolve("jsonl");
    assertEquals(0, run("--output-format", "jsonl", "--sql",
        "SELECT city, avg(temp) a, max(note) FROM t GROUP BY city", csv.toString(),
        j.toString()).code());
    assertEquals(List.of("{\"city\":\"Oslo\",\"a\":4.0,\"max(note)\":\"tab\\there\"}",
        "{\"city\":\"Rome\",\"a\":20.0,\"max(note)\":\"bad value\"}"), AggregateLocalTest.lines(j));
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwrite() throws Exception {
    Path out = work.resolve("out");
    String sql = "SELECT count(*) FROM t";
    conf.set("drover.aggregate.max-bad-records", "20%");
    assertEquals(0, run("--sql", sql, csv.toString(), out.toString()).code());
    assertUsage(run("--sql", sql, csv.toString(), out.toString()),
        "already exists; pass --overwrite to replace it");
    assertEquals(0, run("--overwrite", "--sql", "SELECT count(*) + 1 FROM t", csv.toString(),
        out.toString()).code());
    assertEquals(List.of("5"), AggregateLocalTest.lines(out)); // 4 good rows + 1
    assertEquals(List.of("in", "out"), workDir());
  }

  @Test
  void aGlobalAggregateOverNoRowsWritesOneRow() throws Exception {
    Path out = work.resolve("out");
    Run r = run("--max-bad-records", "5",
        "--schema", "city string, temp bigint, note string",
        "--sql", "SELECT count(*), sum(temp), max(city) FROM t WHERE temp > 100", csv.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("0\t\\N\t\\N"), AggregateLocalTest.lines(out));
    assertEquals("count(*)\tbigint\nsum(temp)\tbigint\nmax(city)\tstring\n",
        Files.readString(out.resolve("_schema")));
  }

  @Test
  void noHeaderSchemaAndTimeZone() throws Exception {
    Path in = work.resolve("t.tsv");
    Files.writeString(in, "2015-05-17 23:30:00\t1\n2015-05-18 00:30:00\t2\n");
    Path out = work.resolve("out");
    Run r = run("--no-header", "--time-zone", "Asia/Tokyo", "--sql",
        "SELECT day(c1) d, sum(c2) FROM t GROUP BY 1", in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("17\t1", "18\t2"), AggregateLocalTest.lines(out));
    // day() is an int, as in Hive and Spark
    assertEquals("d\tint\nsum(c2)\tbigint\n", Files.readString(out.resolve("_schema")));
  }

  /**
   * --time-zone is the session zone (Spark's): timestamp text with an offset is read into it,
   * text without one is a wall time in it, and hour(), unix_timestamp() and from_unixtime() use
   * it; checked against java.time on the same texts, in three zones (one with DST).
   */
  @Test
  void timeZoneIsTheSessionZoneOfTimestampsAndTheirFunctions() throws Exception {
    String[] texts = {"2015-05-17T23:30:00Z", "2015-05-17T16:00:00+02:00", "2015-05-17 23:30:00",
        "2015-11-01 01:30:00"};
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < texts.length; i++) {
      json.append("{\"ts\":\"").append(texts[i]).append("\",\"n\":").append(i).append("}\n");
    }
    Path in = Files.writeString(work.resolve("t.jsonl"), json);
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (String zone : List.of("UTC", "Asia/Tokyo", "America/New_York")) {
      java.time.ZoneId z = java.time.ZoneId.of(zone);
      List<String> expected = new java.util.ArrayList<>();
      for (int i = 0; i < texts.length; i++) {
        String t = texts[i];
        java.time.Instant instant = t.contains("T")
            ? java.time.OffsetDateTime.parse(t).toInstant()
            : java.time.LocalDateTime.parse(t, f).atZone(z).toInstant();
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(instant, z);
        expected.add(i + "\t" + f.format(local) + "\t" + local.getHour() + "\t"
            + instant.getEpochSecond() + "\t" + f.format(java.time.Instant.EPOCH.atZone(z)));
      }
      Path out = work.resolve("tz-" + z.getId().replace('/', '-'));
      Run r = run("--time-zone", zone, "--schema", "ts timestamp, n bigint", "--sql",
          "SELECT n, ts, hour(ts), unix_timestamp(ts), from_unixtime(0) FROM t ORDER BY n",
          in.toString(), out.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals(expected, AggregateLocalTest.lines(out), zone);
    }
  }

  @Test
  void overwriteReplacesOnlyAJobOutputUnlessForced() throws Exception {
    Path out = Files.createDirectories(work.resolve("mine"));
    Files.writeString(out.resolve("report.docx"), "keep");
    String sql = "SELECT count(*) FROM t";
    conf.set("drover.aggregate.max-bad-records", "20%");
    assertUsage(run("--overwrite", "--sql", sql, csv.toString(), out.toString()),
        "is not a job output (no _SUCCESS, no part files) and holds report.docx; --overwrite"
            + " replaces only a previous job output: pass --overwrite=force");
    assertEquals("keep", Files.readString(out.resolve("report.docx")));
    assertEquals(0, run("--overwrite=force", "--sql", sql, csv.toString(), out.toString())
        .code());
    assertEquals(List.of("4"), AggregateLocalTest.lines(out));
    assertUsage(run("--sql", sql, csv.toString(), csv.resolve("out").toString()),
        "cannot be created: file:" + csv + " is a file, not a directory");
    assertUsage(run("--chart", csv.resolve("c.png").toString(), "--sql", sql, csv.toString(),
        work.resolve("charted").toString()),
        "option --chart: " + csv.resolve("c.png") + " cannot be created: " + csv
            + " is a file, not a directory");
    assertFalse(Files.exists(work.resolve("charted")));
  }

  @Test
  void inputFilesAreListedWithoutAProcessPerFile() throws Exception {
    Path many = Files.createDirectories(work.resolve("many"));
    for (int i = 0; i < 200; i++) {
      Files.writeString(many.resolve(String.format("f%03d.csv", i)), "a,b\nx," + i + "\n");
    }
    Configuration stock = new Configuration(conf);
    stock.unset("fs.file.impl"); // Hadoop's own local file system, which forks ls -ld
    stock.setBoolean("fs.file.impl.disable.cache", true);
    List<org.apache.hadoop.fs.Path> files = new java.util.ArrayList<>();
    List<String> started = io.drover.common.testing.ProcessStarts.during(() ->
        files.addAll(Aggregate.files(stock, List.of(new org.apache.hadoop.fs.Path(many.toUri())))));
    assertEquals(List.of(), started);
    assertEquals(200, files.size());
    assertEquals("f000.csv", files.get(0).getName());
  }
}
