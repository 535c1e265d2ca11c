package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobProgressTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static JobProgress.Snapshot at(float map, float reduce, long records, long bytes, long ms) {
    return new JobProgress.Snapshot(map, reduce, true, records, bytes, ms);
  }

  static final JobProgress.Totals TOTALS = new JobProgress.Totals(2, 1, 105_941, 64_166, 128_332,
      4_600_000, 901_234, List.of(JobProgress.group("WordCountCounters",
          List.of("LINES", "TOKENS"), List.of(105_941L, 742_431L))));

  @Test
  void plainLinesOnlyWhenThePercentagesChangeThenTheSummary() {
    JobProgress p = new JobProgress(out, false, "drover wordcount", "job_1_0001");
    p.update(at(0f, 0f, 0, 0, 10));
    p.update(at(0.001f, 0f, 10, 100, 60));
    p.update(at(0.5f, 0f, 100, 1000, 110));
    p.update(at(1f, 0f, 200, 2000, 160));
    p.finish(at(1f, 1f, 0, 0, 2345), TOTALS, true);
    assertEquals("job 'drover wordcount': map 0% reduce 0%\n"
        + "job 'drover wordcount': map 50% reduce 0%\n"
        + "job 'drover wordcount': map 100% reduce 0%\n"
        + "job 'drover wordcount': map 100% reduce 100%\n"
        + "job 'drover wordcount' (job_1_0001) succeeded in 2.3 s: 2 maps, 1 reduce; 105,941 records in,"
        + " 64,166 out, 128,332 spilled; 4.4 MB read, 880.1 KB written\n"
        + "  WordCountCounters: LINES=105,941 TOKENS=742,431\n", text());
  }

  static final JobProgress.Totals LOCAL = new JobProgress.Totals(0, 0, 105_941, 64_166, 128_332,
      4_600_000, 901_234, TOTALS.own());

  @Test
  void onATerminalOneLineIsRedrawnInPlaceAtMostFiveTimesASecond() {
    JobProgress p = new JobProgress(out, true, "drover wordcount", "job_1_0001");
    p.update(at(0.25f, 0f, 250_000, 10 << 20, 1000));
    p.update(at(0.30f, 0f, 300_000, 11 << 20, 1100)); // within 200 ms: not drawn
    p.update(at(0.50f, 0f, 600_000, 20 << 20, 2000));
    p.finish(at(1f, 1f, 0, 0, 4000), LOCAL, false);
    assertEquals("\rdrover wordcount  map 25% reduce 0%  250,000 rec/s  10.0 MB/s  0:01  eta 0:07"
        + "\u001b[K"
        + "\rdrover wordcount  map 50% reduce 0%  300,000 rec/s  10.0 MB/s  0:02  eta 0:06"
        + "\u001b[K"
        + "\r\u001b[K"
        + "job 'drover wordcount' (job_1_0001) failed in 4.0 s: 105,941 records in,"
        + " 64,166 out, 128,332 spilled; 4.4 MB read, 880.1 KB written\n"
        + "  WordCountCounters: LINES=105,941 TOKENS=742,431\n", text());
  }

  @Test
  void unitsAndClock() {
    assertEquals("0 B", JobProgress.bytes(0));
    assertEquals("1023 B", JobProgress.bytes(1023));
    assertEquals("1.0 KB", JobProgress.bytes(1024));
    assertEquals("1.5 GB", JobProgress.bytes(3L << 29));
    assertEquals("0:59", JobProgress.clock(59_999));
    assertEquals("1:01:01", JobProgress.clock(3_661_000));
    assertEquals("100%", JobProgress.pct(1.2f));
  }

  @Test
  void theSummaryShowsFailedAndKilledAttempts() {
    JobProgress.Totals retried = new JobProgress.Totals(9, 1, 10, 5, 0, 0, 100, List.of(),
        new JobProgress.Attempts(1, 0, 0, 0));
    assertEquals("job 'j' (job_1_0001) succeeded in 1.0 s: 8 maps (1 failed attempt retried),"
        + " 1 reduce; 10 records in, 5 out, 0 spilled; 100 B written",
        JobProgress.summary("j", "job_1_0001", at(1f, 1f, 0, 0, 1000), retried, true));
    JobProgress.Totals many = new JobProgress.Totals(14, 4, 10, 5, 0, 0, 100, List.of(),
        new JobProgress.Attempts(2, 3, 0, 2));
    assertEquals("job 'j' (job_1_0001) failed in 1.0 s: 9 maps (2 failed attempts, 3 killed"
        + " attempts), 2 reduces (2 killed attempts); 10 records in, 5 out, 0 spilled; 100 B"
        + " written",
        JobProgress.summary("j", "job_1_0001", at(1f, 1f, 0, 0, 1000), many, false));
    assertEquals("3 reduces (1 failed attempt retried)", JobProgress.tasks(4, 1, 0, "reduce",
        true));
    assertEquals("1 map", JobProgress.tasks(1, 0, 0, "map", true));
  }

  /** mrjob's wrapper makes job names of hundreds of chars: the name gives way, not the figures. */
  @Test
  void theLiveLineNeverExceedsTheWidthAndShortensTheNameWithAnEllipsis() {
    String figures = "  map 40% reduce 0%  1,234 rec/s  0:07  eta 0:10";
    assertEquals("wc" + figures, JobProgress.fit("wc", figures, 80));
    String name = "streamjob: python3 mr_word_count.py --step-num=0 --mapper " + "x".repeat(300);
    String fitted = JobProgress.fit(name, figures, 80);
    assertEquals(80, fitted.length());
    assertEquals(name.substring(0, 80 - figures.length() - 3) + "..." + figures, fitted);
    // exactly full: unchanged; one over: shortened
    String full = "n".repeat(80 - figures.length());
    assertEquals(full + figures, JobProgress.fit(full, figures, 80));
    assertEquals("n".repeat(80 - figures.length() - 3) + "..." + figures,
        JobProgress.fit(full + "n", figures, 80));
    // narrower than the figures: the figures alone, cut at the width
    assertEquals("map 40% reduce 0%  1,", JobProgress.fit(name, figures, 21));
    for (int w = 1; w <= 120; w++) {
      assertTrue(JobProgress.fit(name, figures, w).length() <= w, "width " + w);
    }
  }

  @Test
  void theWidthIsTheLaunchersThenColumnsThenAHundred() {
    assertEquals(132, JobProgress.width("132", "80"));
    assertEquals(80, JobProgress.width("", "80"));
    assertEquals(80, JobProgress.width(null, " 80 "));
    assertEquals(100, JobProgress.width(null, null));
    assertEquals(100, JobProgress.width("0", "wide"));
  }

  @Test
  void aTerminalLineIsDrawnWithinTheWidth() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    JobProgress p = new JobProgress(new java.io.PrintStream(bytes, true,
        java.nio.charset.StandardCharsets.UTF_8), true, "streamjob " + "y".repeat(500),
        "job_1_0001", false, 80);
    p.update(at(0.5f, 0f, 100, 1000, 1000));
    String drawn = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(drawn.startsWith("\r") && drawn.endsWith("\u001b[K"), drawn);
    String line = drawn.substring(1, drawn.length() - 3);
    assertEquals(80, line.length(), line);
    assertTrue(line.startsWith("streamjob yyy") && line.contains("...  map 50% reduce 0%"), line);
  }
}
