package io.drover.jobs.sql;

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
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code sql} program as a user meets it: errors, overwrite, explain, join memory. */
class SqlToolTest {
  static Path work;
  static Path ddl;

  @BeforeAll
  static void tables() throws Exception {
    work = TestDirs.fresh("sql-tool");
    Path s = Files.createDirectories(work.resolve("sales"));
    Path c = Files.createDirectories(work.resolve("customers"));
    StringBuilder sales = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      sales.append(i % 50).append('|').append(i % 7 == 0 ? "x" + i : Integer.toString(i))
          .append('\n');
    }
    Files.writeString(s.resolve("part-0"), sales);
    StringBuilder cust = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      cust.append(i).append('|').append("customer number ").append(i).append('\n');
    }
    Files.writeString(c.resolve("part-0"), cust);
    ddl = work.resolve("t.ddl");
    Files.writeString(ddl, "CREATE TABLE sales (cust INT, amount INT) ROW FORMAT DELIMITED"
        + " FIELDS TERMINATED BY '|' LOCATION '" + s + "';\n"
        + "CREATE TABLE customers (id INT, name STRING) ROW FORMAT DELIMITED"
        + " FIELDS TERMINATED BY '|' LOCATION '" + c + "';\n");
  }

  static final String JOIN = "SELECT c.name, sum(s.amount) AS total FROM sales s"
      + " JOIN customers c ON s.cust = c.id GROUP BY c.name";

  /** The expected result of {@link #JOIN}, computed directly. */
  static List<String> expectedJoin() {
    long[] sums = new long[50];
    boolean[] any = new boolean[50];
    for (int i = 0; i < 400; i++) {
      if (i % 7 != 0) {
        sums[i % 50] += i;
        any[i % 50] = true;
      }
    }
    List<String> out = new java.util.ArrayList<>();
    for (int k = 0; k < 50; k++) {
      out.add("customer number " + k + "\t" + (any[k] ? Long.toString(sums[k]) : "\\N"));
    }
    return out.stream().sorted().toList();
  }

  static List<String> lines(Path out) throws Exception {
    List<String> all = new java.util.ArrayList<>();
    try (var s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .toList()) {
        all.addAll(Files.readAllLines(p));
      }
    }
    return all.stream().sorted().toList();
  }

  @Test
  void joinsAndCountsUnconvertibleFields() throws Exception {
    Path out = work.resolve("join");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql", JOIN,
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(expectedJoin(), lines(out));
    assertEquals("name\tstring\ntotal\tbigint\n", Files.readString(out.resolve("_schema")));
    assertTrue(r.err().contains("sql: warning: 58 fields did not convert to their column's type"
        + " and were read as NULL"), r.err());
  }

  @Test
  void badFieldsOfABroadcastSideAreCountedOnce() throws Exception {
    Path c = Files.createDirectories(work.resolve("dims"));
    Files.writeString(c.resolve("part-0"), "1|one\nx|bad\n2|two\ny|bad\n");
    Path ddl2 = work.resolve("dims.ddl");
    Files.writeString(ddl2, "CREATE TABLE dims (id INT, name STRING) ROW FORMAT DELIMITED"
        + " FIELDS TERMINATED BY '|' LOCATION '" + c + "';\n");
    Configuration conf = LocalConf.create();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 1024); // several map tasks
    Path out = work.resolve("dims-out");
    SqlResults.Run r = SqlResults.run(conf, "--init", ddl.toString(), "--init", ddl2.toString(),
        "--sql",
        "SELECT d.name, count(*) FROM sales s JOIN dims d ON s.cust = d.id GROUP BY d.name",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("one\t8", "two\t8"), lines(out));
    // sales' 58 bad amounts are not read (the column is pruned); dims' 2 bad ids are counted
    // once, however many of the 3 map tasks read dims
    assertTrue(r.err().contains("sql: warning: 2 fields did not convert"), r.err());
  }

  @Test
  void aBroadcastSideOverTheJoinMemoryRerunsRepartitioned() throws Exception {
    Configuration conf = LocalConf.create();
    conf.setLong("drover.sql.join.memory.bytes", 2000);
    Path out = work.resolve("memory");
    SqlResults.Run r = SqlResults.run(conf, "--init", ddl.toString(), "--sql", JOIN,
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("did not fit in a task's join memory"), r.err());
    assertEquals(expectedJoin(), lines(out));
    // the run manifest keeps the failed broadcast attempt, then the stages that made the output
    com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("_drover/manifest.json").toFile());
    List<Boolean> succeeded = new java.util.ArrayList<>();
    m.get("jobs").forEach(j -> succeeded.add(j.get("succeeded").asBoolean()));
    assertEquals(false, succeeded.get(0), m.get("jobs").toString());
    assertTrue(succeeded.size() >= 2 && succeeded.get(succeeded.size() - 1), succeeded.toString());
    List<Long> sizes = new java.util.ArrayList<>();
    m.get("inputs").forEach(i -> sizes.add(i.get("bytes").asLong()));
    assertEquals(List.of(Files.size(work.resolve("sales/part-0")),
        Files.size(work.resolve("customers/part-0"))), sizes);
    assertTrue(r.err().strip().endsWith("sql: run manifest: file:" + out
        + "/_drover/manifest.json"), r.err());
  }

  @Test
  void explainPrintsTheStagesAndRunsNothing() throws Exception {
    Path out = work.resolve("explained");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    SqlResults.Run r;
    try {
      r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql", JOIN, "--explain",
          out.toString());
    } finally {
      System.setOut(old);
    }
    assertEquals(0, r.code(), r.err());
    String plan = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(plan.contains("Stage 1") && plan.contains("broadcast"), plan);
    assertFalse(Files.exists(out));
  }

  @Test
  void existingOutputIsKeptWithoutOverwrite() throws Exception {
    Path out = Files.createDirectories(work.resolve("existing"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql",
        "SELECT * FROM customers", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("sql: output directory ") && r.err().contains("--overwrite"),
        r.err());
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void aRegularExpressionThatFailsInATaskIsOneLineAndExit1() throws Exception {
    Path out = work.resolve("bad-regex");
    // the pattern is a column: "customer number 7(" does not compile, in the map task
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql",
        "SELECT regexp_replace('x', concat(name, '('), 'y') FROM customers", out.toString());
    assertEquals(1, r.code(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("sql: ") && last.contains("regexp_replace: bad regular expression"
        + " 'customer number 0(': Unclosed group"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void usageErrorsAreOneLineAndExit2() throws Exception {
    Configuration conf = LocalConf.create();
    String out = work.resolve("never").toString();
    String[][] cases = {
      {"give the query with --sql", "--init", ddl.toString(), out},
      {"'xml' is not one of tsv, csv, jsonl", "--init", ddl.toString(), "--sql",
        "SELECT * FROM sales", "--output-format", "xml", out},
      {"unknown table nosuch", "--init", ddl.toString(), "--sql", "SELECT * FROM nosuch", out},
      {"unknown column", "--init", ddl.toString(), "--sql", "SELECT nope FROM sales", out},
      {"no such file", "--init", work.resolve("missing.ddl").toString(), "--sql",
        "SELECT 1 FROM sales", out},
      {"unknown function nvl2 in nvl2(name, 1, 2); did you mean nvl?", "--init", ddl.toString(),
        "--sql", "SELECT nvl2(name, 1, 2) FROM customers", out},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      SqlResults.Run r = SqlResults.run(conf, args);
      assertEquals(2, r.code(), r.err());
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(first.startsWith("sql: ") && first.contains(c[0]), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
    assertFalse(Files.exists(Path.of(out)));
  }

  /** DuckDB over the same sales and customers files (a field that is not an integer: NULL). */
  static java.sql.Connection duck() throws Exception {
    java.sql.Connection d = java.sql.DriverManager.getConnection("jdbc:duckdb:");
    try (java.sql.Statement st = d.createStatement()) {
      st.execute("CREATE TABLE sales AS SELECT CAST(cust AS INTEGER) AS cust,"
          + " TRY_CAST(amount AS INTEGER) AS amount FROM read_csv('"
          + work.resolve("sales").resolve("part-0") + "', delim='|', header=false, quote='',"
          + " escape='', columns={'cust': 'VARCHAR', 'amount': 'VARCHAR'})");
      st.execute("CREATE TABLE customers AS SELECT * FROM read_csv('"
          + work.resolve("customers").resolve("part-0") + "', delim='|', header=false,"
          + " quote='', escape='', columns={'id': 'INTEGER', 'name': 'VARCHAR'})");
    }
    return d;
  }

  /** Runs {@code sql} over the DDL tables into a fresh dir and compares with DuckDB's answer. */
  private static void equalsDuckDb(String sql, boolean ordered) throws Exception {
    Path out = TestDirs.fresh("sql-tool-q");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql", sql,
        "--overwrite", out.toString());
    assertEquals(0, r.code(), r.err());
    try (java.sql.Connection d = duck()) {
      SqlResults.assertSame(sql, SqlResults.query(d, sql), SqlResults.read(out), ordered);
    }
  }

  @Test
  void aSqlFileWithItsTablesEqualsDuckDb() throws Exception {
    Path file = work.resolve("with-ddl.sql");
    String query = "SELECT c.name, count(*) AS n, sum(s.amount) AS total FROM sales s"
        + " JOIN customers c ON s.cust = c.id WHERE c.id < 20 GROUP BY c.name ORDER BY total"
        + " DESC, c.name";
    Files.writeString(file, "-- tables, then the query, as hive -f takes them\n"
        + Files.readString(ddl) + "\n" + query + ";\n");
    Path out = work.resolve("with-ddl");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--sql-file", file.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    try (java.sql.Connection d = duck()) {
      List<List<Object>> expected = SqlResults.query(d, query);
      assertEquals(20, expected.size());
      SqlResults.assertSame(query, expected, SqlResults.read(out), true);
    }
  }

  @Test
  void aSqlFileWithoutOneQueryIsOneLineAndExit2() throws Exception {
    Path none = work.resolve("no-query.sql");
    Files.writeString(none, Files.readString(ddl));
    Path two = work.resolve("two-queries.sql");
    Files.writeString(two, Files.readString(ddl) + "SELECT * FROM sales;\nSELECT * FROM"
        + " customers;\n");
    String[][] cases = {
      {"--sql-file " + none + ": no query after the CREATE TABLE statements", none.toString()},
      {"--sql-file " + two + ": holds 2 queries; give one", two.toString()},
    };
    for (String[] c : cases) {
      Path out = work.resolve("never-file");
      SqlResults.Run r = SqlResults.run(LocalConf.create(), "--sql-file", c[1], out.toString());
      assertEquals(2, r.code(), r.err());
      assertEquals("sql: " + c[0], r.err().lines().findFirst().orElse(""), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void theReadmeSampleEqualsDuckDb() throws Exception {
    Path root = io.drover.common.testing.TestData.root().getParent();
    Path sample = root.resolve("src/sample/sql");
    String script = Files.readString(sample.resolve("delays.sql"));
    // the sample's LOCATIONs are relative to the project root, where the README runs it
    String here = script.replace("LOCATION 'src/sample/sql/", "LOCATION '" + sample + "/");
    assertEquals(2, here.split(java.util.regex.Pattern.quote(sample + "/"), -1).length - 1);
    Path file = work.resolve("delays.sql");
    Files.writeString(file, here);
    Path out = work.resolve("sample");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--sql-file", file.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    String query = script.substring(script.indexOf("SELECT a.city")).replace(";", "").strip();
    try (java.sql.Connection d = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement st = d.createStatement()) {
      st.execute("CREATE TABLE flights AS SELECT * FROM read_csv('"
          + sample.resolve("flights/flights.txt") + "', delim='|', header=false, quote='',"
          + " escape='', columns={'dep_time': 'VARCHAR', 'delay': 'INTEGER', 'distance':"
          + " 'INTEGER', 'origin': 'VARCHAR', 'destination': 'VARCHAR'})");
      st.execute("CREATE TABLE airports AS SELECT * FROM read_csv('"
          + sample.resolve("airports/airports.txt") + "', delim='|', header=false, quote='',"
          + " escape='', columns={'code': 'VARCHAR', 'city': 'VARCHAR', 'state': 'VARCHAR'})");
      List<List<Object>> expected = SqlResults.query(d, query);
      assertEquals(10, expected.size());
      SqlResults.assertSame("delays.sql", expected, SqlResults.read(out), true);
    }
  }

  @Test
  void uncompiledSubqueriesAreRefusedBeforeAnyJob() throws Exception {
    String[][] cases = {
      {"a scalar subquery in WHERE or HAVING (a correlated one with count",
        "SELECT cust FROM sales s WHERE amount > (SELECT count(*) FROM customers c"
            + " WHERE c.id = s.cust)"},
      {"a scalar subquery in a SELECT item", "SELECT id, (SELECT count(*) FROM sales s"
          + " WHERE s.cust = c.id) FROM customers c"},
      {"an EXISTS subquery under OR or NOT", "SELECT id FROM customers c WHERE id < 3 OR"
          + " EXISTS (SELECT 1 FROM sales s WHERE s.cust = c.id)"},
      {"a scalar subquery in a join's ON condition", "SELECT c.id FROM customers c LEFT JOIN"
          + " sales s ON s.cust = c.id AND c.id + s.amount > (SELECT min(amount) FROM sales)"},
    };
    for (String[] c : cases) {
      Path out = work.resolve("never-subquery");
      SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql",
          c[1], out.toString());
      assertEquals(2, r.code(), c[1] + "\n" + r.err());
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(first.startsWith("sql: --sql: ") && first.contains(c[0])
          && first.contains("is not supported"), r.err());
      assertFalse(r.err().contains("\tat ") || r.err().contains("not compiled"), r.err());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void anUncorrelatedScalarSubqueryInSelectEqualsDuckDb() throws Exception {
    equalsDuckDb("SELECT id, name, (SELECT max(amount) FROM sales) - id AS gap,"
        + " (SELECT count(*) FROM sales WHERE amount IS NULL) AS nulls FROM customers", false);
    equalsDuckDb("SELECT s.cust, sum(s.amount) * 100 / (SELECT sum(amount) FROM sales) AS pct"
        + " FROM sales s GROUP BY s.cust", false);
  }

  @Test
  void selectDistinctEqualsDuckDb() throws Exception {
    equalsDuckDb("SELECT DISTINCT cust % 7 AS m, amount IS NULL AS bad FROM sales", false);
    equalsDuckDb("SELECT DISTINCT c.name FROM sales s JOIN customers c ON s.cust = c.id"
        + " WHERE s.amount > 300", false);
  }

  @Test
  void limitWithoutOrderGivesThatManyOfTheQueryRows() throws Exception {
    String all = "SELECT cust, amount FROM sales WHERE cust < 30";
    Path out = work.resolve("limit");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", ddl.toString(), "--sql",
        all + " LIMIT 17", "--overwrite", out.toString());
    assertEquals(0, r.code(), r.err());
    List<List<Object>> got = SqlResults.read(out);
    assertEquals(17, got.size(), got.toString());
    try (java.sql.Connection d = duck()) {
      List<List<Object>> pool = new java.util.ArrayList<>(SqlResults.query(d, all));
      assertEquals(240, pool.size());
      for (List<Object> row : got) { // each a row of the full result, none twice
        int at = -1;
        for (int i = 0; i < pool.size() && at < 0; i++) {
          List<Object> p = pool.get(i);
          if (SqlResults.same(p.get(0), row.get(0)) && SqlResults.same(p.get(1), row.get(1))) {
            at = i;
          }
        }
        assertTrue(at >= 0, row + " is not a row of " + all);
        pool.remove(at);
      }
    }
  }

  @Test
  void missingTrailingFieldsAreNullAndExtraOnesIgnored() throws Exception {
    // Hive's LazySimpleSerDe: a line with fewer fields than columns has NULL in the rest, and
    // fields past the last column are dropped (dbgen's trailing '|')
    Path dir = Files.createDirectories(work.resolve("ragged"));
    Files.writeString(dir.resolve("part-0"), "1|one|1.5\n2|two\n3\n4|four|4.5|extra|\n\n");
    Path tables = work.resolve("ragged.ddl");
    Files.writeString(tables, "CREATE TABLE r (id INT, name STRING, x DOUBLE) ROW FORMAT"
        + " DELIMITED FIELDS TERMINATED BY '|' LOCATION '" + dir + "';\n");
    Path out = work.resolve("ragged-out");
    SqlResults.Run r = SqlResults.run(LocalConf.create(), "--init", tables.toString(), "--sql",
        "SELECT id, name, x, name IS NULL, x IS NULL FROM r ORDER BY id", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("1\tone\t1.5\tfalse\tfalse", "2\ttwo\t\\N\tfalse\ttrue",
        "3\t\\N\t\\N\ttrue\ttrue", "4\tfour\t4.5\tfalse\tfalse",
        "\\N\t\\N\t\\N\ttrue\ttrue"), lines(out));
  }
}
