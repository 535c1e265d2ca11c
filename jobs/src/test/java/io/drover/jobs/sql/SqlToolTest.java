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
}
