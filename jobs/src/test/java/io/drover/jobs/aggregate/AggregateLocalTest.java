package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** aggregate end to end on Hadoop's LocalJobRunner over the real data in testdata/. */
class AggregateLocalTest {
  static final String TALK =
      "select from_unixtime(cast(time/1000.0 as bigint), 'yyyy-MM-dd HH:00:00') hour, event, count(1)\n"
          + "from events group by from_unixtime(cast(time/1000.0 as bigint), 'yyyy-MM-dd HH:00:00'), event";

  Path work;
  Configuration conf;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("agg");
    conf = LocalConf.create();
  }

  record Run(int code, String err) {}

  Run run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Aggregate tool = new Aggregate();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** The part files' lines, in part-file order. */
  static List<String> lines(Path out) throws Exception {
    List<String> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted(Comparator.comparing(Path::toString)).toList()) {
        all.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    return all;
  }

  static List<String> badLines(Path out) throws Exception {
    List<String> all = new ArrayList<>();
    Path bad = out.resolve("_bad");
    if (!Files.isDirectory(bad)) {
      return all;
    }
    try (Stream<Path> s = Files.list(bad)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("records-")).sorted()
          .toList()) {
        all.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    return all;
  }

  @Test
  void theTalksQueryVerbatimGivesTheReferenceFigures() throws Exception {
    Path in = TestData.path("events/apache_events.jsonl");
    Path out = work.resolve("out");
    Run r = run("--sql", TALK, in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> rows = lines(out);
    assertEquals(324, rows.size());
    // sorted by group key: hour, then event
    assertEquals("2015-05-17 10:00:00\tGET 200\t73", rows.get(0));
    List<String> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.naturalOrder());
    assertEquals(sorted, rows);
    assertTrue(rows.contains("2015-05-18 15:00:00\tGET 200\t128"));
    assertTrue(rows.contains("2015-05-19 14:00:00\tGET 200\t127"));
    assertTrue(rows.contains("2015-05-17 20:00:00\tGET 200\t124"));
    long max = rows.stream().mapToLong(l -> Long.parseLong(l.split("\t")[2])).max().getAsLong();
    assertEquals(128, max);
    assertEquals(84, rows.stream().map(l -> l.split("\t")[0]).distinct().count());
    assertEquals(9_999, rows.stream().mapToLong(l -> Long.parseLong(l.split("\t")[2])).sum());
    assertEquals(List.of(74L, 111L, 115L, 118L, 120L), List.of("10", "11", "12", "13", "14")
        .stream().map(h -> rows.stream().filter(l -> l.startsWith("2015-05-17 " + h + ":00:00"))
            .mapToLong(l -> Long.parseLong(l.split("\t")[2])).sum()).toList());
    assertEquals("hour\tstring\nevent\tstring\ncount(1)\tbigint\n",
        Files.readString(out.resolve("_schema")));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertTrue(r.err().contains("9,999 records read, 0 bad, 324 groups, 324 rows written"),
        r.err());
  }

  /** Every bad record is kept under _bad/, unchanged and in order, not only a task's first ones. */
  @Test
  void everyBadRecordIsKept() throws Exception {
    StringBuilder csv = new StringBuilder("k,v\n");
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String line = i % 2 == 0 ? "k" + (i % 7) + "," + i : "k" + i + "," + i + ",extra";
      csv.append(line).append('\n');
      if (i % 2 == 1) {
        bad.add(line);
      }
    }
    Path in = Files.writeString(work.resolve("half-bad.csv"), csv);
    Path out = work.resolve("half-bad-out");
    Run r = run("--max-bad-records", "100%", "--sql", "SELECT count(*), sum(v) FROM t",
        in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1500, bad.size());
    assertEquals(bad, badLines(out));
    assertEquals(List.of("1500\t" + (1500L * 2998 / 2)), lines(out));
    assertTrue(r.err().contains("3,000 records read, 1,500 bad"), r.err());
  }

  @Test
  void apacheLogsOneBadRecordKeptTheOther9999Aggregated() throws Exception {
    Path in = TestData.path("events/apache_logs");
    Path out = work.resolve("out");
    Run r = run("--format", "apache", "--sql",
        "SELECT status, count(*) n FROM logs GROUP BY status ORDER BY n DESC, status",
        in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> bad = badLines(out);
    assertEquals(1, bad.size());
    assertTrue(bad.get(0).startsWith("46.118.127.106 - - [20/May/2015:12:05:17 +0000]"), bad.get(0));
    assertEquals(Files.readAllLines(in).get(8898), bad.get(0));
    // reference (all 10,000 lines): 200 9,126, 304 445, 404 213, 301 164, 206 45, 500 3, 403 2,
    // 416 2; the bad line is a Googlebot GET ... 200
    assertEquals(List.of("200\t9125", "304\t445", "404\t213", "301\t164", "206\t45", "500\t3",
        "403\t2", "416\t2"), lines(out));
    assertTrue(r.err().contains("10,000 records read, 1 bad"), r.err());
    assertTrue(r.err().contains("byte "), r.err());
    assertTrue(r.err().contains("closing quote"), r.err());
  }

  @Test
  void pastTheBadRecordLimitTheJobFailsAndWritesNothing() throws Exception {
    Path in = TestData.path("events/apache_logs");
    Path out = work.resolve("out");
    Run r = run("--format", "apache", "--max-bad-records", "0", "--sql",
        "SELECT count(*) FROM logs", in.toString(), out.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("1 of 10,000 records"), r.err());
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(work)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void bzip2InputSplitsAndSeveralReducersGiveTheSameGroups() throws Exception {
    Path plain = work.resolve("plain");
    assertEquals(0, run("--sql", TALK, TestData.path("events/apache_events.jsonl").toString(),
        plain.toString()).code());
    Path bz = work.resolve("bz");
    conf.setLong("drover.input.split.max-bytes", 200_000); // several splits of the .bz2
    Run r = run("--reducers", "3", "--sql", TALK,
        TestData.compressed("events/apache_events.jsonl").toString(), bz.toString());
    assertEquals(0, r.code(), r.err());
    List<String> three = lines(bz);
    List<String> sorted = new ArrayList<>(three);
    sorted.sort(Comparator.naturalOrder());
    assertEquals(lines(plain), sorted);
    try (Stream<Path> s = Files.list(bz)) {
      assertEquals(3, s.filter(p -> p.getFileName().toString().startsWith("part-r-")).count());
    }
  }

  @Test
  void flightsSliceMatchesItsReferenceFigures() throws Exception {
    Path out = work.resolve("out");
    Run r = run("--sql", "SELECT origin, count(*) n, avg(delay) FROM flights GROUP BY origin "
        + "ORDER BY n DESC LIMIT 5", TestData.compressed("events/flights-200k.csv").toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    // testdata/README.md: ORD 11,277 (8.748), DFW 10,451 (7.725), ATL 8,339 (8.280),
    // LAX 7,674 (7.281), PHX 6,130 (9.613)
    List<String> rows = lines(out);
    assertEquals(List.of("ORD\t11277", "DFW\t10451", "ATL\t8339", "LAX\t7674", "PHX\t6130"),
        rows.stream().map(l -> l.substring(0, l.lastIndexOf('\t'))).toList());
    double[] means = {8.748, 7.725, 8.280, 7.281, 9.613};
    for (int i = 0; i < 5; i++) {
      assertEquals(means[i], Double.parseDouble(rows.get(i).split("\t")[2]), 0.0005);
    }
    Path months = work.resolve("months");
    assertEquals(0, run("--sql", "SELECT month(date), count(*), approx_count_distinct(origin) "
        + "FROM flights GROUP BY 1", TestData.compressed("events/flights-200k.csv").toString(),
        months.toString()).code());
    // rows per month Jan 33,883, Feb 30,545, Mar 34,100, Apr 33,402, May 34,589, Jun 33,481
    assertEquals(List.of("1\t33883", "2\t30545", "3\t34100", "4\t33402", "5\t34589",
        "6\t33481"), lines(months).stream().map(l -> l.substring(0, l.lastIndexOf('\t')))
        .toList());
  }

  @Test
  void exactDistinctIpsOfTheLogWithItsBadRecordKept() throws Exception {
    Path out = work.resolve("out");
    Run r = run("--format", "apache", "--sql",
        "SELECT count(DISTINCT ip), count(*) FROM logs", TestData.compressed("events/apache_logs")
            .toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    // reference: 1,753 distinct client IPs over all 10,000 lines; the bad line's IP
    // (46.118.127.106) is on 5 good lines too, so the 9,999 good ones have 1,753 as well
    assertEquals(List.of("1753\t9999"), lines(out));
    assertEquals(1, badLines(out).size());
    assertTrue(r.err().contains("10,000 records read, 1 bad"), r.err());
    try (Stream<Path> s = Files.list(work)) {
      assertEquals(List.of("out"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void chartsTheHourlyEventsAsLinesAndOtherResultsAsBars() throws Exception {
    Path png = work.resolve("charts").resolve("hourly.png");
    Run r = run("--chart", png.toString(), "--sql", TALK,
        TestData.path("events/apache_events.jsonl").toString(), work.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("line chart over time of 324 rows drawn to " + png), r.err());
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(1000, img.getWidth());
    assertEquals(500, img.getHeight());
    Path svg = work.resolve("status.svg");
    Run s = run("--format", "apache", "--chart", svg.toString(), "--sql",
        "SELECT status, count(*) n FROM logs GROUP BY status ORDER BY n DESC, status",
        TestData.path("events/apache_logs").toString(), work.resolve("out2").toString());
    assertEquals(0, s.code(), s.err());
    assertTrue(s.err().contains("bar chart of 8 rows drawn to " + svg), s.err());
    String text = Files.readString(svg);
    assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    assertEquals(2, run("--chart", "x.pdf", "--sql", "SELECT count(*) FROM t",
        TestData.path("events/apache_logs").toString(), work.resolve("out3").toString()).code());
  }
}
