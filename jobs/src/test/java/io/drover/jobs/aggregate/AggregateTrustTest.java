package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.run.Jobs;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.AggregateToolTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the results aggregate must not trust (a stray quote that swallows the rest of a file,
 * counters that cannot be fetched, a wrong --schema type) and the errors that were stack traces
 * or misleading. Each case runs the program in-process and asserts its exit code, its one-line
 * message and that nothing was written.
 */
class AggregateTrustTest {
  Path work;
  Configuration conf;
  Path csv;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("aggtrust");
    conf = LocalConf.create();
    csv = work.resolve("in").resolve("f.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, "city,temp,note\nOslo,3,\"cold, dark\"\nRome,20,\nOslo,5,x\n"
        + "Rome,x,bad value\nOslo,1,2,3\n");
  }

  /** Runs aggregate with its progress output (System.err) captured too. */
  Run run(Aggregate tool, String... args) throws Exception {
    PrintStream old = System.err;
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Run r;
    try {
      System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
      r = AggregateToolTest.run(new Configuration(conf), tool, args);
    } finally {
      System.setErr(old);
    }
    return new Run(r.code(), r.out(), progress.toString(StandardCharsets.UTF_8) + r.err());
  }

  Run run(String... args) throws Exception {
    return run(new Aggregate(), args);
  }

  /** Exit {@code code}, a line "aggregate: ..." holding {@code message}, no stack trace. */
  static void assertFails(Run r, int code, String... message) {
    assertEquals(code, r.code(), r.err());
    String line = r.err().lines().filter(l -> l.startsWith("aggregate: ")
        && !l.startsWith("aggregate: bad record") && !l.startsWith("aggregate: warning"))
        .reduce((a, b) -> b).orElse("");
    for (String m : message) {
      assertTrue(line.contains(m), "expected «" + m + "» in the last line of: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
    assertFalse(r.err().contains("Exception"), "a Java class name: " + r.err());
  }

  List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * A 9-column LF CSV like UCI's Metro Interstate Traffic Volume data: a header and {@code rows}
   * rows; row {@code quoteRow} (1-based, 0: none) has a stray quote opening its 7th field.
   */
  static String traffic(int rows, int quoteRow) {
    StringBuilder b = new StringBuilder("holiday,temp,rain_1h,snow_1h,clouds_all,weather_main,"
        + "weather_description,date_time,traffic_volume\n");
    String[] weather = {"Clouds", "Clear", "Rain", "Mist", "Snow"};
    for (int i = 1; i <= rows; i++) {
      String w = weather[i % weather.length];
      b.append("None,").append(270 + i % 40).append('.').append(i % 100).append(",0.0,0.0,")
          .append(i % 91).append(',').append(w).append(',').append(i == quoteRow ? "\"" : "")
          .append("some ").append(w.toLowerCase(java.util.Locale.ROOT)).append(',')
          .append(String.format("2016-%02d-%02d %02d:00:00", 1 + i % 12, 1 + i % 28, i % 24))
          .append(',').append(1000 + (i * 37) % 6000).append('\n');
    }
    return b.toString();
  }

  @Test
  void aStrayQuoteThatSwallowsTheRestOfTheFileFailsTheJob() throws Exception {
    Path in = work.resolve("traffic.csv");
    Files.writeString(in, traffic(5000, 4000)); // 1 bad record of 4,000, but 20% of the bytes
    Path out = work.resolve("out");
    Run r = run("--sql", "SELECT weather_main, count(*) FROM t GROUP BY weather_main",
        in.toString(), out.toString());
    assertFails(r, 1, "1 bad record", "held", "bytes", "of the input", "nothing was written");
    assertEquals(List.of("in", "traffic.csv"), names(work));
  }

  @Test
  void aBadRecordSpanningManyLinesFailsUnlessTheLineLimitAllowsIt() throws Exception {
    Path in = work.resolve("traffic.csv");
    Files.writeString(in, traffic(5000, 4980)); // 21 lines, 0.4% of the bytes
    Path out = work.resolve("out");
    String sql = "SELECT count(*) FROM t";
    Run r = run("--sql", sql, in.toString(), out.toString());
    assertFails(r, 1, "spans 21 lines", "drover.aggregate.bad.max-record-lines", "10",
        "nothing was written");
    assertEquals(List.of("in", "traffic.csv"), names(work));

    conf.setInt("drover.aggregate.bad.max-record-lines", 21);
    r = run("--sql", sql, in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("4979"), AggregateLocalTest.lines(out));
    long bytes = AggregateLocalTest.badLines(out).stream().mapToLong(l -> l.length() + 1).sum()
        - 1; // the bad record's bytes without the line break TextOutputFormat adds
    assertTrue(r.err().contains("4,980 records read, 1 bad (" + String.format("%,d", bytes)
        + " bytes, kept under "), r.err());
  }

  /** Aggregate whose jobs' counters cannot be fetched, as on a cluster without history server. */
  static Aggregate withoutCounters() {
    Aggregate a = new Aggregate();
    a.setJobRunner((job, out, checkedAfter) -> {
      Jobs.runToSuccess(job, out, checkedAfter);
      return null;
    });
    return a;
  }

  @Test
  void withoutCountersTheBadRecordLimitStillHolds() throws Exception {
    Path out = work.resolve("out");
    String sql = "SELECT city, count(*) FROM t GROUP BY city";
    Run r = run(withoutCounters(), "--max-bad-records", "0", "--sql", sql, csv.toString(),
        out.toString());
    assertFails(r, 1, "1 of", "records", "nothing was written");
    assertFalse(Files.exists(out));

    // a share needs the records read, which only the counters give: refused, with what to do
    r = run(withoutCounters(), "--sql", sql, csv.toString(), out.toString());
    assertFails(r, 1, "counters", "1 bad record", "--max-bad-records", "nothing was written");
    assertFalse(Files.exists(out));

    // a count limit that holds: written, with the bad records counted from _bad/
    r = run(withoutCounters(), "--max-bad-records", "1", "--sql", sql, csv.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("Oslo\t2", "Rome\t2"), AggregateLocalTest.lines(out));
    assertEquals(List.of("Oslo,1,2,3"), AggregateLocalTest.badLines(out));
    assertTrue(r.err().contains("aggregate: ? records read, 1 bad (10 bytes, kept under "),
        r.err());

    // a column of which no value converts, seen in _bad/values-*
    r = run(withoutCounters(), "--max-bad-records", "1", "--overwrite", "--schema",
        "city string, temp timestamp, note string", "--sql",
        "SELECT city, max(temp) FROM t GROUP BY city", csv.toString(), out.toString());
    assertFails(r, 1, "column temp: none of its 4 values converted to timestamp (the first: '3')");
    assertEquals(List.of("Oslo\t2", "Rome\t2"), AggregateLocalTest.lines(out)); // kept
  }

  @Test
  void aRefusedRenameOfTheBadRecordsFailsTheJob() throws Exception {
    Path out = work.resolve("out");
    Aggregate refusing = new Aggregate();
    refusing.setRename((fs, from, to) -> false);
    // ORDER BY: the group-by job writes to a temp dir, whose _bad/ then moves into the output
    Run r = run(refusing, "--max-bad-records", "1", "--sql",
        "SELECT city, count(*) FROM t GROUP BY city ORDER BY city", csv.toString(),
        out.toString());
    assertFails(r, 1, "could not move the bad records", "nothing was written");
    assertFalse(Files.exists(out));
    r = run("--max-bad-records", "1", "--sql",
        "SELECT city, count(*) FROM t GROUP BY city ORDER BY city", csv.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("Oslo,1,2,3"), AggregateLocalTest.badLines(out));
  }

  @Test
  void aColumnWhoseEveryValueFailsToConvertFailsTheJob() throws Exception {
    Path out = work.resolve("out");
    Run r = run("--max-bad-records", "1", "--schema", "city string, temp timestamp, note string",
        "--sql", "SELECT city, max(temp) FROM t GROUP BY city", csv.toString(), out.toString());
    assertFails(r, 1, "column temp", "timestamp", "none of its 4 values", "'3'",
        "--schema", "--max-bad-values", "nothing was written");
    assertFalse(Files.exists(out));

    // some values of temp convert: NULL for the others (as Spark), a warning, exit 0
    r = run("--max-bad-records", "1", "--schema", "city string, temp bigint, note string",
        "--sql", "SELECT city, sum(temp) FROM t GROUP BY city", csv.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("Oslo\t8", "Rome\t20"), AggregateLocalTest.lines(out));
    assertTrue(r.err().contains("aggregate: warning: 1 of 4 values of column temp (bigint) did "
        + "not convert and were read as NULL; the first: 'x'\n"), r.err());
    assertTrue(r.err().contains("1 bad value"), r.err());

    // --max-bad-values 0: any value that does not convert fails the job
    r = run("--max-bad-records", "1", "--max-bad-values", "0", "--overwrite", "--schema",
        "city string, temp bigint, note string", "--sql",
        "SELECT city, sum(temp) FROM t GROUP BY city", csv.toString(), out.toString());
    assertFails(r, 1, "1 of 4 values", "--max-bad-values 0", "nothing was written");
    assertEquals(List.of("Oslo\t8", "Rome\t20"), AggregateLocalTest.lines(out)); // kept
  }

  @Test
  void anUnknownFunctionIsNamedWithTheNearestKnownNames() throws Exception {
    String out = work.resolve("out").toString();
    Run r = run("--sql", "SELECT city, avgg(temp) FROM t GROUP BY city", csv.toString(), out);
    assertFails(r, 2, "unknown function avgg", "avg");
    r = run("--sql", "SELECT city, cnt(temp) FROM t GROUP BY city", csv.toString(), out);
    assertFails(r, 2, "unknown function cnt", "count");
    assertEquals(List.of("in"), names(work));
  }

  @Test
  void aRefusedResultIsNotReportedAsSucceededAndReasonsArePlain() throws Exception {
    Path in = work.resolve("q.csv");
    Files.writeString(in, "a,b\n1,\"x\"y\n2,\"z\"w\n3,ok\n");
    Path out = work.resolve("out");
    Run r = run("--sql", "SELECT count(*) FROM t", in.toString(), out.toString());
    assertFails(r, 1, "2 of 3 records", "nothing was written");
    assertFalse(r.err().contains("succeeded"), r.err());
    assertTrue(r.err().contains("q.csv, byte 4: broken quotes: Invalid character between "
        + "encapsulated token and delimiter at line: 1, position: 6\n"), r.err());
    assertFalse(r.err().contains("io.drover"), r.err());
    assertFalse(Files.exists(out));
  }

  static void gzip(Path file, String text, int cutBytes) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(b)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = b.toByteArray();
    Files.write(file, java.util.Arrays.copyOf(all, all.length - cutBytes));
  }

  @Test
  void aTruncatedGzipIsNamedAndNothingIsWritten() throws Exception {
    Path in = work.resolve("t.csv.gz");
    gzip(in, traffic(200, 0), 30);
    Path out = work.resolve("out");
    String sql = "SELECT weather_main, count(*) FROM t GROUP BY weather_main";
    Run r = run("--sql", sql, in.toString(), out.toString()); // the schema sample meets the end
    assertFails(r, 1, in.getFileName().toString(), "truncated or corrupt");
    assertFalse(Files.exists(out));

    Path big = work.resolve("big.csv.gz");
    gzip(big, traffic(20_000, 0), 30);
    conf.setInt(Aggregate.INFER_ROWS, 100); // past the sample: the task meets the end
    r = run("--sql", sql, big.toString(), out.toString());
    assertFails(r, 1, big.getFileName().toString(), "truncated or corrupt");
    assertFalse(Files.exists(out));
  }
}
