package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.Aggregate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The csv, jsonl, tsv and apache table formats of {@code sql} against DuckDB reading the same
 * files ({@code read_csv}, {@code read_json}): a CSV table in two files (a BOM, CRLF line ends,
 * header rows, quoted fields holding commas, doubled quotes and line breaks) cut into many map
 * tasks by a 1 KB split size, a JSON lines table (mixed-case keys, NULLs, missing keys), a
 * tab-delimited text table with a header line, joined and grouped, with joins as chosen and all
 * repartitioned; the Apache log against {@code aggregate}'s answer to the same query (DuckDB does
 * not parse the combined log format); and the bad-record guard.
 */
class SqlFormatsDuckDbTest {
  static final String[] QUERIES = {
    "SELECT p.id, p.name, v.amount, v.tag FROM people p JOIN visits v ON p.id = v.person_id",
    "SELECT city, count(*), sum(score), min(day), max(name), count(score) FROM people "
        + "GROUP BY city",
    "SELECT c.country, count(*), sum(p.score) FROM people p JOIN cities c ON p.city = c.city "
        + "GROUP BY c.country",
    "SELECT c.country, sum(v.amount), count(v.tag) FROM visits v JOIN people p "
        + "ON v.person_id = p.id JOIN cities c ON p.city = c.city GROUP BY c.country",
    "SELECT p.id, p.city, v.tag, v.ok FROM people p LEFT JOIN visits v ON p.id = v.person_id "
        + "WHERE p.score > 50",
    "SELECT * FROM people WHERE name LIKE '%,%' OR name LIKE '%\"%'",
    "SELECT id, name, note FROM people WHERE note IS NOT NULL ORDER BY id",
    "SELECT tag, count(*), sum(amount), max(ok) FROM visits GROUP BY tag",
  };

  static Connection duck;
  static Path work;
  static Path ddl;
  static int people;

  @BeforeAll
  static void load() throws Exception {
    work = TestDirs.fresh("sql-formats");
    Random r = new Random(20261205);
    String[] cities = {"Oslo", "Bergen", "Lyon", "Paris", "Nice", "Gent", "Ulm"};
    String[] countries = {"NO", "NO", "FR", "FR", "FR", "BE", "DE"};
    Path csv = Files.createDirectories(work.resolve("people"));
    for (int file = 0; file < 2; file++) {
      StringBuilder b = new StringBuilder(file == 0 ? "\uFEFF" : "");
      b.append("id,name,city,score,day,note\r\n");
      for (int i = 0; i < 150; i++) {
        int id = people++;
        String name = switch (r.nextInt(5)) {
          case 0 -> "\"Smith, J" + id + "\"";
          case 1 -> "\"the \"\"" + id + "\"\" one\"";
          default -> "n" + id;
        };
        String note = switch (r.nextInt(6)) {
          case 0 -> "\"two\r\nlines " + id + "\"";
          case 1 -> "\"a\nb,c\"";
          case 2 -> "";
          default -> "plain" + r.nextInt(5);
        };
        b.append(id).append(',').append(name).append(',')
            .append(cities[r.nextInt(cities.length)]).append(',')
            .append(r.nextInt(8) == 0 ? "" : r.nextInt(10000) / 100.0).append(',')
            .append(String.format("2026-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)))
            .append(',').append(note).append("\r\n");
      }
      Files.writeString(csv.resolve("p" + file + ".csv"), b);
    }
    Path json = Files.createDirectories(work.resolve("visits"));
    StringBuilder j = new StringBuilder();
    String[] tags = {"\"web\"", "\"app\"", "null", "\"Ünï\""};
    for (int i = 0; i < 500; i++) {
      j.append("{\"person_id\": ").append(r.nextInt(people + 20))
          .append(", \"Amount\": ").append(r.nextInt(100000) / 100.0);
      if (r.nextInt(5) > 0) {
        j.append(", \"tag\": ").append(tags[r.nextInt(tags.length)]);
      }
      j.append(", \"ok\": ").append(r.nextBoolean()).append("}\n");
    }
    Files.writeString(json.resolve("v.jsonl"), j);
    Path tsv = Files.createDirectories(work.resolve("cities"));
    StringBuilder t = new StringBuilder("city\tcountry\n");
    for (int i = 0; i < cities.length; i++) {
      t.append(cities[i]).append('\t').append(countries[i]).append('\n');
    }
    Files.writeString(tsv.resolve("c.tsv"), t);
    ddl = work.resolve("tables.ddl");
    Files.writeString(ddl, "CREATE EXTERNAL TABLE people (id bigint, name string, city string,"
        + " score decimal(6,2), day date, note string)\n"
        + "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n"
        + "WITH SERDEPROPERTIES (\"separatorChar\" = \",\", \"quoteChar\" = \"\\\"\")\n"
        + "STORED AS TEXTFILE LOCATION '" + csv + "'\n"
        + "TBLPROPERTIES (\"skip.header.line.count\"=\"1\");\n"
        + "CREATE EXTERNAL TABLE visits (person_id int, amount double, tag string, ok boolean)\n"
        + "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' LOCATION '" + json + "';\n"
        + "CREATE EXTERNAL TABLE cities (city string, country string)\n"
        + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' LOCATION '" + tsv + "'\n"
        + "TBLPROPERTIES ('skip.header.line.count'='1');\n");
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = duck.createStatement()) {
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'"); // Spark's
      st.execute("CREATE TABLE people AS SELECT * FROM read_csv('" + csv + "/*.csv', header=true,"
          + " columns={'id': 'BIGINT', 'name': 'VARCHAR', 'city': 'VARCHAR',"
          + " 'score': 'DECIMAL(6,2)', 'day': 'DATE', 'note': 'VARCHAR'})");
      st.execute("CREATE TABLE visits AS SELECT person_id::INTEGER person_id, \"Amount\" amount,"
          + " tag, ok FROM read_json('" + json + "/v.jsonl', columns={'person_id': 'BIGINT',"
          + " 'Amount': 'DOUBLE', 'tag': 'VARCHAR', 'ok': 'BOOLEAN'})");
      st.execute("CREATE TABLE cities AS SELECT * FROM read_csv('" + tsv + "/c.tsv', delim='\t',"
          + " header=true)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  static Stream<Arguments> cases() {
    return SqlResults.joinModes(QUERIES.length, false);
  }

  /** 1 KB splits: the 2 CSV files of ~9 KB each are read by some 20 map tasks. */
  static Configuration smallSplits(String joins) {
    Configuration conf = SqlResults.joinMode(LocalConf.create(), joins, 3);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 1024);
    return conf;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void equalsDuckDb(int i, String joins) throws Exception {
    String sql = QUERIES[i];
    Path out = work.resolve("q" + i + "-" + joins);
    SqlResults.Run run = SqlResults.run(smallSplits(joins), "--init", ddl.toString(), "--sql",
        sql, out.toString());
    assertEquals(0, run.code(), sql + "\n" + run.err());
    assertFalse(run.err().contains("bad record"), run.err());
    List<List<Object>> expected = SqlResults.query(duck, sql);
    assertFalse(expected.isEmpty(), "an empty result proves nothing: " + sql);
    SqlResults.assertSame(sql + " (" + joins + ")", expected, SqlResults.read(out),
        sql.contains("ORDER BY"));
  }

  @Test
  void everyCsvRecordIsReadOnceAcrossTheSplits() throws Exception {
    Path out = work.resolve("count");
    SqlResults.Run run = SqlResults.run(smallSplits("chosen"), "--init", ddl.toString(),
        "--sql", "SELECT count(*), count(DISTINCT id), sum(id) FROM people", out.toString());
    assertEquals(0, run.code(), run.err());
    long n = people;
    assertEquals(List.of(List.of(n, n, n * (n - 1) / 2)), SqlResults.read(out));
  }

  static final Path LOGS = TestData.path("events/apache_logs");

  /** The Apache log read by {@code STORED AS APACHELOG} gives {@code aggregate}'s answer. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("logQueries")
  void apacheLogEqualsAggregate(String sql) throws Exception {
    Path logDdl = work.resolve("logs.ddl");
    Files.writeString(logDdl, "CREATE EXTERNAL TABLE logs STORED AS APACHELOG LOCATION '"
        + TestData.compressed("events/apache_logs") + "'");
    Path out = work.resolve("logs-sql-" + Math.abs(sql.hashCode()));
    SqlResults.Run run = SqlResults.run(LocalConf.create(), "--init", logDdl.toString(),
        "--sql", sql, out.toString());
    assertEquals(0, run.code(), run.err());
    // line 8,899 lacks a closing quote: skipped under the 1% limit, reported with its file
    assertTrue(run.err().contains("sql: bad record: ") && run.err().contains("apache_logs.bz2, "
        + "byte 2111246: not an Apache common/combined log line"), run.err());
    assertTrue(Files.exists(out.resolve("_bad")), "reasons kept under _bad/");
    Path agg = work.resolve("logs-agg-" + Math.abs(sql.hashCode()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Aggregate tool = new Aggregate();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(LocalConf.create(), tool, new String[] {"--format", "apache",
        "--sql", sql, TestData.compressed("events/apache_logs").toString(), agg.toString()});
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    List<List<Object>> expected = SqlResults.read(agg);
    assertFalse(expected.isEmpty());
    SqlResults.assertSame(sql, expected, SqlResults.read(out), sql.contains("ORDER BY"));
  }

  static Stream<String> logQueries() {
    return Stream.of(
        "SELECT status, count(*), sum(bytes), count(bytes), count(referer) FROM logs "
            + "GROUP BY status",
        "SELECT method, protocol, count(*), min(time), max(time), max(ip) FROM logs "
            + "WHERE status = 200 GROUP BY method, protocol",
        "SELECT path, count(*) n FROM logs GROUP BY path ORDER BY n DESC, path LIMIT 10");
  }

  /** A stray quote makes the rest of a file one record: the job fails, nothing written. */
  @Test
  void aStrayQuoteFailsTheJobNamingTheFile() throws Exception {
    Path dir = Files.createDirectories(work.resolve("stray"));
    StringBuilder b = new StringBuilder("a,b\n");
    for (int i = 0; i < 400; i++) {
      b.append(i).append(',').append(i == 200 ? "\"xy" : "v" + i).append('\n');
    }
    Files.writeString(dir.resolve("s.csv"), b);
    Path table = work.resolve("stray.ddl");
    Files.writeString(table, "CREATE TABLE s (a bigint, b string) ROW FORMAT SERDE "
        + "'org.apache.hadoop.hive.serde2.OpenCSVSerde' LOCATION '" + dir + "' "
        + "TBLPROPERTIES ('skip.header.line.count'='1')");
    Path out = work.resolve("stray-out");
    SqlResults.Run run = SqlResults.run(LocalConf.create(), "--init", table.toString(),
        "--sql", "SELECT count(*), sum(a) FROM s", out.toString());
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("sql: bad record: " + dir.toUri().toString().replaceFirst(
        "/$", "").replaceFirst("^file:/+", "file:/") + "/s.csv, byte "), run.err());
    assertTrue(run.err().contains("nothing was written"), run.err());
    assertFalse(Files.exists(out), "nothing written");
    // a row with a missing field is one bad record among 400: skipped, counted, reported
    Files.writeString(dir.resolve("s.csv"), b.toString().replace("200,\"xy", "200,xy").replace(
        "300,v300\n", "300\n"));
    run = SqlResults.run(LocalConf.create(), "--init", table.toString(), "--sql",
        "SELECT count(*), sum(a) FROM s", out.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("s.csv, byte ") && run.err().contains("expected 2 fields, "
        + "found 1"), run.err());
    assertEquals(List.of(List.of(399L, 399L * 400 / 2 - 300)), SqlResults.read(out));
    assertEquals(1, badReasons(out));
    try (Stream<Path> files = Files.list(out.resolve("_bad"))) {
      Path records = files.filter(f -> f.getFileName().toString().startsWith("records-"))
          .findFirst().orElseThrow();
      assertEquals(List.of("300"), Files.readAllLines(records)); // the bad record, unchanged
    }
    // broadcast to the ~20 map tasks reading people, its bad record still counts once
    Path both = work.resolve("both.ddl");
    Files.writeString(both, Files.readString(ddl) + Files.readString(table));
    Path joined = work.resolve("stray-joined");
    run = SqlResults.run(smallSplits("chosen"), "--init", both.toString(), "--sql",
        "SELECT /*+ BROADCAST(s) */ count(*), sum(s.a) FROM people p JOIN s ON p.id = s.a",
        joined.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains(String.format("sql: %,d records read, 1 bad (", people + 400)),
        run.err());
    assertEquals(List.of(List.of((long) people, (long) people * (people - 1) / 2)),
        SqlResults.read(joined));
    assertEquals(1, badReasons(joined));
  }

  /**
   * Without the jobs' counters (a cluster without a history server) the limits go by what
   * {@code _bad/} holds: a share refuses any bad record, a count is applied.
   */
  @Test
  void withoutCountersTheLimitsGoByBad() throws Exception {
    Path dir = Files.createDirectories(work.resolve("nocounters"));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      b.append(i).append(i == 50 ? "" : ",v").append('\n');
    }
    Files.writeString(dir.resolve("n.csv"), b);
    Path table = work.resolve("nocounters.ddl");
    Files.writeString(table, "CREATE TABLE n (a bigint, b string) ROW FORMAT SERDE "
        + "'org.apache.hadoop.hive.serde2.OpenCSVSerde' LOCATION '" + dir + "'");
    Path out = work.resolve("nocounters-out");
    for (String limit : List.of("1%", "1")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Sql tool = new Sql();
      tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      tool.setJobRunner((job, o, checked) -> {
        io.drover.common.run.Jobs.runToSuccess(job, o, checked);
        return null;
      });
      int code = ToolRunner.run(LocalConf.create(), tool, new String[] {"--max-bad-records",
          limit, "--init", table.toString(), "--sql", "SELECT count(*) FROM n", out.toString()});
      String e = err.toString(StandardCharsets.UTF_8);
      if (limit.equals("1%")) {
        assertEquals(1, code, e);
        assertTrue(e.contains("the job's counters could not be fetched"), e);
        assertFalse(Files.exists(out), "nothing written");
      } else {
        assertEquals(0, code, e);
        assertTrue(e.contains("sql: ? records read, 1 bad ("), e);
        assertEquals(List.of(List.of(99L)), SqlResults.read(out));
      }
    }
  }

  /** The reason lines under {@code out/_bad/}. */
  static long badReasons(Path out) throws java.io.IOException {
    long n = 0;
    try (Stream<Path> files = Files.list(out.resolve("_bad"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("reasons-"))
          .toList()) {
        n += Files.readAllLines(f).size();
      }
    }
    return n;
  }
}
