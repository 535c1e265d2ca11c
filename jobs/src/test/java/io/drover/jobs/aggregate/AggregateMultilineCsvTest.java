package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.mr.CsvInputFormatTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;

/**
 * CSV with line breaks inside quoted fields, end to end on the LocalJobRunner: one file cut into
 * many splits gives DuckDB's read_csv result; bad records keep their file and offset.
 */
class AggregateMultilineCsvTest {
  static final String SQL = "SELECT city, count(*), sum(amount), min(id), max(length(note)), "
      + "count_if(note LIKE '%\n%') FROM t GROUP BY city";

  record Run(int code, String err) {}

  static Run run(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Aggregate tool = new Aggregate();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  static List<String> parts(Path out) throws Exception {
    List<String> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .toList()) {
        all.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    return all;
  }

  @Test
  void aFileCutIntoManySplitsGivesDuckDbsResult() throws Exception {
    Path work = TestDirs.fresh("agg-multiline");
    Path in = work.resolve("notes.csv");
    Files.writeString(in, CsvInputFormatTest.multiline(3000, 2026), StandardCharsets.UTF_8);
    List<String> expected = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement();
        ResultSet r = s.executeQuery(SQL.replace("FROM t", "FROM read_csv('" + in
            + "', header = true, delim = ',', quote = '\"', escape = '\"')")
            .replace("'%\n%'", "'%' || chr(10) || '%'") + " ORDER BY city")) {
      while (r.next()) {
        expected.add(r.getString(1) + "\t" + r.getLong(2) + "\t" + r.getLong(3) + "\t"
            + r.getLong(4) + "\t" + r.getLong(5) + "\t" + r.getLong(6));
      }
    }
    assertEquals(5, expected.size());
    Configuration conf = LocalConf.create();
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    long size = Files.size(in);
    for (long split : new long[] {size, 4096, 1000}) {
      conf.setLong("drover.input.split.max-bytes", split);
      Path out = work.resolve("out-" + split);
      Run r = run(conf, "--sql", SQL, in.toString(), out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("3,000 records read, 0 bad"), r.err());
      assertEquals(expected, parts(out), "splits of at most " + split + " bytes");
    }
    // trusting line breaks at split starts (no reading back): refused, not wrong
    conf.setLong("drover.input.split.max-bytes", 1000);
    conf.setLong("drover.aggregate.csv.exact-prefix-bytes", 0);
    Run r = run(conf, "--sql", SQL, in.toString(), work.resolve("out-trusting").toString());
    // (the task's message, "a quoted field with a line break crosses byte N ...", is in the
    // LocalJobRunner's log; CsvInputFormatTest checks it)
    assertEquals(1, r.code(), r.err());
    assertTrue(Files.notExists(work.resolve("out-trusting")));
  }

  @Test
  void badMultiLineRecordsAreKeptUnchangedWithTheirOffsets() throws Exception {
    Path work = TestDirs.fresh("agg-multiline-bad");
    Path in = work.resolve("bad.csv");
    String good1 = "1,a,\"two\nlines\",5";
    String stray = "2,a,\"closed\"x and\nmore\",6"; // a character after the closing quote
    String good2 = "3,b,\"ok\r\nfine\",7";
    String open = "4,b,\"never closed,8\n5,b,x,9"; // runs to the end of the file
    String text = "id,city,note,amount\n" + good1 + "\n" + stray + "\n" + good2 + "\n" + open
        + "\n";
    Files.writeString(in, text, StandardCharsets.UTF_8);
    Configuration conf = LocalConf.create();
    conf.setLong("drover.input.split.max-bytes", 16);
    Path out = work.resolve("out");
    Run r = run(conf, "--max-bad-records", "10", "--schema",
        "id bigint, city string, note string, amount bigint", "--sql",
        "SELECT city, count(*), sum(amount) FROM t GROUP BY city", in.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    // the stray x ends its record at the next line break: "more\"",6" is a record of its own
    assertEquals(List.of("a\t1\t5", "b\t1\t7"), parts(out));
    assertTrue(r.err().contains(in.getFileName() + ", byte " + text.indexOf(stray) + ": "),
        r.err());
    assertTrue(r.err().contains(in.getFileName() + ", byte " + text.indexOf(open) + ": "),
        r.err());
    List<String> kept = new ArrayList<>();
    try (Stream<Path> s = Files.list(out.resolve("_bad"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("records-")).sorted()
          .toList()) {
        kept.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    String all = String.join("", kept);
    assertTrue(all.contains("2,a,\"closed\"x and\n"), all);
    assertTrue(all.contains("more\",6\n"), all);
    assertTrue(all.contains(open + "\n"), all); // unchanged, its line break kept inside
    assertTrue(r.err().contains("5 records read, 3 bad"), r.err());
  }

  /**
   * The case a user met: a one-column CRLF file of short lines, one value swallowing thousands
   * of lines when a CR was a buffer's last byte, with 0 bad records and exit 0. End to end, with
   * the readers' buffers starting small and at the default, against DuckDB on the same file.
   */
  @Test
  void aOneColumnCrlfFileGivesDuckDbsResultAtAnyBufferSize() throws Exception {
    Path work = TestDirs.fresh("agg-crlf");
    Path in = work.resolve("names.csv");
    StringBuilder b = new StringBuilder("name\r\n");
    java.util.Random rnd = new java.util.Random(48204);
    for (int i = 0; i < 30_000; i++) {
      b.append("v").append(Integer.toString(rnd.nextInt(1 << 16), 36)).append("\r\n");
    }
    Files.writeString(in, b, StandardCharsets.UTF_8);
    String sql = "SELECT count(*), max(length(name)), count(DISTINCT name) FROM t";
    String expected;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement();
        ResultSet r = s.executeQuery(sql.replace("FROM t", "FROM read_csv('" + in
            + "', header = true, columns = {'name': 'VARCHAR'})"))) {
      r.next();
      expected = r.getLong(1) + "\t" + r.getLong(2) + "\t" + r.getLong(3);
    }
    assertTrue(expected.startsWith("30000\t"), expected);
    Configuration conf = LocalConf.create();
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    conf.setLong("drover.input.split.max-bytes", Files.size(in) / 3 + 1);
    for (int buffer : new int[] {61, 4096, 1 << 16}) {
      conf.setInt("drover.aggregate.csv.buffer-bytes", buffer);
      Path out = work.resolve("out-" + buffer);
      Run r = run(conf, "--sql", sql, in.toString(), out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("30,000 records read, 0 bad"), r.err());
      assertEquals(List.of(expected), parts(out), "buffers of " + buffer + " bytes");
    }
  }
}
