package io.drover.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.FailingRenameFileSystem;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobCounter;
import org.apache.hadoop.util.ReflectionUtils;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Word count end to end on Hadoop's LocalJobRunner over the real Gutenberg books. */
class WordCountLocalTest {
  static Path small;
  static Map<String, Long> whitespaceOracle;
  Path work;
  Configuration conf;

  @BeforeAll
  static void oracle() throws Exception {
    small = TestData.path("text/gutenberg");
    whitespaceOracle = WordCountOracle.whitespace(small, false);
  }

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("wc");
    conf = LocalConf.create();
  }

  /** Runs wordcount as users do (ToolRunner, generic options first); returns exit code + stderr. */
  record Run(int code, String err) {}

  Run run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WordCount tool = new WordCount();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  org.apache.hadoop.fs.Path hp(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  /** Nothing but the named entries in the work dir: no output, no hidden work dirs. */
  void assertWorkDirHolds(String... names) throws Exception {
    try (var s = Files.list(work)) {
      assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void gutenbergSliceMatchesTheReferenceFiguresAndTheOracle() throws Exception {
    Path out = work.resolve("out");
    Run r = run(small.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Long> counts = JobOutput.counts(conf, hp(out));
    assertEquals(742_431L, WordCountOracle.total(counts));
    assertEquals(64_166, counts.size());
    assertEquals(32_700L, counts.get("the"));
    assertEquals(18_990L, counts.get("to"));
    assertEquals(10_563L, counts.get("I"));
    assertEquals(whitespaceOracle, counts);
    assertEquals(List.of("part-r-00000"), JobOutput.partNames(conf, hp(out)));
    assertTrue(JobOutput.hasSuccessMarker(conf, hp(out)));
    assertTrue(r.err().contains("742,431 tokens, 64,166 distinct words"), r.err());
    assertWorkDirHolds("out");
  }

  @Test
  void countersAndSplitPackingOfTheJobUsersRun() throws Exception {
    WordCountOptions o = WordCountOptions.parse(small.toString(), work.resolve("out").toString());
    Job job = WordCount.createJob(conf, o, o.inputs(), hp(work.resolve("out")));
    assertTrue(job.waitForCompletion(false));
    Counters c = job.getCounters();
    assertEquals(742_431L, c.findCounter(WordCountCounters.TOKENS).getValue());
    assertEquals(64_166L, c.findCounter(WordCountCounters.WORDS_EMITTED).getValue());
    assertEquals(0L, c.findCounter(WordCountCounters.MALFORMED_LINES).getValue());
    // 23 files, 4.4 MB: packed into one split per map slot, not one task per file
    long maps = c.findCounter(JobCounter.TOTAL_LAUNCHED_MAPS).getValue();
    assertTrue(maps <= conf.getInt("mapreduce.local.map.tasks.maximum", 1), "map tasks: " + maps);
    assertEquals(23, WordCountOracle.files(small).size());
    // the packed splits count the bytes they read (Hadoop counts them only for plain FileSplits)
    long inputBytes = 0;
    for (Path f : WordCountOracle.files(small)) {
      inputBytes += Files.size(f);
    }
    assertEquals(inputBytes, c.findCounter(
        org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter.BYTES_READ).getValue());
    // LeanFileOutputFormat skips Hadoop's per-record accounting but still counts the bytes
    long written = 0;
    for (String part : JobOutput.partNames(conf, hp(work.resolve("out")))) {
      written += Files.size(work.resolve("out").resolve(part));
    }
    assertEquals(written,
        c.findCounter(org.apache.hadoop.mapreduce.lib.output.FileOutputFormatCounter.BYTES_WRITTEN).getValue());
  }

  @Test
  void topKeepsTheMostFrequentWordsCountDescending() throws Exception {
    Path out = work.resolve("top");
    Run r = run("--top", "6", small.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of("the\t32700", "to\t18990", "of\t18323", "and\t17645", "a\t13981", "I\t10563"),
        JobOutput.lines(conf, hp(out)));
    assertEquals(List.of("part-r-00000"), JobOutput.partNames(conf, hp(out)));
    assertTrue(r.err().contains("64,166 distinct words; the 6 most frequent written to"), r.err());
    assertWorkDirHolds("top"); // the chained job's intermediate counts are gone
  }

  @Test
  void topBreaksTiesByWordAndMatchesAFullSortOfTheOracle() throws Exception {
    Path out = work.resolve("top");
    Run r = run("--top", "2000", small.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(whitespaceOracle.entrySet());
    sorted.sort(
        (a, b) -> {
          int c = Long.compare(b.getValue(), a.getValue());
          return c != 0
              ? c
              : java.util.Arrays.compareUnsigned(
                  a.getKey().getBytes(StandardCharsets.UTF_8), b.getKey().getBytes(StandardCharsets.UTF_8));
        });
    List<String> expected = sorted.subList(0, 2000).stream().map(e -> e.getKey() + "\t" + e.getValue()).toList();
    assertEquals(expected, JobOutput.lines(conf, hp(out)));
  }

  @Test
  void wordsTokenizerWithStopwordsAndMinCount() throws Exception {
    Path stop = work.resolve("stop.txt");
    Files.writeString(stop, "The AND\nof\r\n\nDon’t\n");
    Path out = work.resolve("out");
    Run r = run("--tokenizer", "words", "--stopwords", stop.toString(), "--min-count", "5",
        small.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Long> expected = new HashMap<>();
    WordCountOracle.words(small).forEach((w, n) -> {
      if (n >= 5 && !List.of("the", "and", "of", "don't").contains(w)) {
        expected.put(w, n);
      }
    });
    Map<String, Long> got = JobOutput.counts(conf, hp(out));
    assertEquals(expected.size(), got.size());
    assertEquals(expected, got);
    assertFalse(got.containsKey("the"));
  }

  @Test
  void lowercaseWithSeveralReducers() throws Exception {
    Path out = work.resolve("out");
    Run r = run("--lowercase", "--reducers", "3", small.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("part-r-00000", "part-r-00001", "part-r-00002"), JobOutput.partNames(conf, hp(out)));
    assertEquals(WordCountOracle.whitespace(small, true), JobOutput.counts(conf, hp(out)));
    // the generic option does the same when the flag is absent
    Path viaD = work.resolve("d");
    assertEquals(0, run("-D", "mapreduce.job.reduces=2", small.resolve("Carroll_Lewis").toString(), viaD.toString()).code());
    assertEquals(List.of("part-r-00000", "part-r-00001"), JobOutput.partNames(conf, hp(viaD)));
    assertEquals(WordCountOracle.whitespace(small.resolve("Carroll_Lewis"), false),
        JobOutput.counts(conf, hp(viaD)));
  }

  @Test
  void gzipAndBzip2InputIsReadTransparently() throws Exception {
    Path books = small.resolve("Carroll_Lewis");
    List<Path> files = WordCountOracle.files(books).subList(0, 3);
    Path in = Files.createDirectories(work.resolve("in"));
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(in.resolve("a.txt.gz")))) {
      Files.copy(files.get(0), o);
    }
    BZip2Codec bzip2 = ReflectionUtils.newInstance(BZip2Codec.class, conf);
    try (OutputStream o = bzip2.createOutputStream(Files.newOutputStream(in.resolve("b.txt.bz2")))) {
      Files.copy(files.get(1), o);
    }
    Files.copy(files.get(2), in.resolve("c.txt"));
    Path plain = Files.createDirectories(work.resolve("plain"));
    for (int i = 0; i < 3; i++) {
      Files.copy(files.get(i), plain.resolve("f" + i));
    }
    Path out = work.resolve("out");
    Run r = run(in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(WordCountOracle.whitespace(plain, false), JobOutput.counts(conf, hp(out)));
  }

  @Test
  void invalidUtf8IsCountedAndRepairedLikeHadoopText() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("good line here\n".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, ' ', 'x', '\n'});
    b.write("caf\u00e9 ok\r\n".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 'y', ' ', 'x', '\n'});
    Files.write(in.resolve("mixed.txt"), b.toByteArray());
    WordCountOptions o = WordCountOptions.parse(in.toString(), work.resolve("out").toString());
    Job job = WordCount.createJob(conf, o, o.inputs(), hp(work.resolve("out")));
    assertTrue(job.waitForCompletion(false));
    assertEquals(2L, job.getCounters().findCounter(WordCountCounters.MALFORMED_LINES).getValue());
    assertEquals(4L, job.getCounters().findCounter(WordCountCounters.LINES).getValue());
    Map<String, Long> got = JobOutput.counts(conf, hp(work.resolve("out")));
    assertEquals(WordCountOracle.whitespace(in, false), got);
    assertEquals(2L, got.get("x"));
    assertEquals(1L, got.get("bad\uFFFD"));
  }

  @Test
  void genericOptionsSetTheJobsOwnKeysAndFlagsWin() throws Exception {
    Path books = small.resolve("Carroll_Lewis");
    Path viaFlags = work.resolve("flags");
    Path viaD = work.resolve("d");
    assertEquals(0, run("--tokenizer", "words", "--min-count", "5", books.toString(), viaFlags.toString()).code());
    Run d = run("-D", "drover.wordcount.tokenizer=words", "-D", "drover.wordcount.min-count=5",
        books.toString(), viaD.toString());
    assertEquals(0, d.code(), d.err());
    assertEquals(JobOutput.counts(conf, hp(viaFlags)), JobOutput.counts(conf, hp(viaD)));

    Path xml = work.resolve("top3.xml");
    Files.writeString(xml, "<configuration><property><name>drover.wordcount.top</name>"
        + "<value>3</value></property></configuration>");
    Path viaConf = work.resolve("conf");
    Run c = run("-conf", xml.toString(), books.toString(), viaConf.toString());
    assertEquals(0, c.code(), c.err());
    // Carroll_Lewis reference (testdata/README.md): the 23,846, to 11,939, of 11,283
    assertEquals(List.of("the\t23846", "to\t11939", "of\t11283"), JobOutput.lines(conf, hp(viaConf)));
    Path flagWins = work.resolve("flagwins");
    assertEquals(0, run("-conf", xml.toString(), "--top", "2", books.toString(), flagWins.toString()).code());
    assertEquals(List.of("the\t23846", "to\t11939"), JobOutput.lines(conf, hp(flagWins)));

    Run bad = run("-D", "drover.wordcount.min-count=zero", books.toString(), work.resolve("bad").toString());
    assertUsage(bad, "configuration drover.wordcount.min-count=zero: expected a whole number of at least 1");
    assertFalse(Files.exists(work.resolve("bad")));
  }

  // ---- bad input: exit 2, a message naming the flag or path, nothing written ----

  void assertUsage(Run r, String message) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(message), "expected «" + message + "» in: " + r.err());
    assertTrue(r.err().endsWith("\nTry 'wordcount --help' for the options.\n"), r.err());
    assertFalse(r.err().contains("Usage:"), "no whole usage text on an error: " + r.err());
  }

  @Test
  void missingInputPath() throws Exception {
    Path missing = work.resolve("no-such-dir");
    assertUsage(run(missing.toString(), work.resolve("out").toString()),
        "input path does not exist: file:" + missing);
    assertWorkDirHolds();
  }

  @Test
  void existingOutputIsNeverOverwrittenWithoutAsking() throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    Files.writeString(out.resolve("precious"), "keep me");
    assertUsage(run(small.toString(), out.toString()),
        "output directory file:" + out + " already exists; pass --overwrite to replace it");
    assertEquals("keep me", Files.readString(out.resolve("precious")));
    assertWorkDirHolds("out");

    // plain --overwrite replaces only a job's output: "precious" is no part file
    for (String name : List.of("a.csv", "b.csv", "notes.txt")) {
      Files.writeString(out.resolve(name), name);
    }
    assertUsage(run("--overwrite", "--top", "1", small.toString(), out.toString()),
        "output directory file:" + out + " is not a job output (no _SUCCESS, no part files) and"
            + " holds a.csv, b.csv, notes.txt and 1 more; --overwrite replaces only a previous job"
            + " output: pass --overwrite=force to replace this directory and everything in it");
    assertEquals("keep me", Files.readString(out.resolve("precious")));
    assertWorkDirHolds("out");
    assertUsage(run("--overwrite=yes", small.toString(), out.toString()),
        "option --overwrite='yes': the only value it takes is force");

    Run r = run("--overwrite=force", "--top", "1", small.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("the\t32700"), JobOutput.lines(conf, hp(out)));
    assertFalse(Files.exists(out.resolve("precious")));
    assertWorkDirHolds("out");

    // a job's output (and an empty dir) is replaced by plain --overwrite
    Run again = run("--overwrite", "--top", "2", small.toString(), out.toString());
    assertEquals(0, again.code(), again.err());
    assertEquals(2, JobOutput.lines(conf, hp(out)).size());
    Path empty = Files.createDirectories(work.resolve("empty"));
    assertEquals(0, run("--overwrite", small.toString(), empty.toString()).code());
    assertTrue(Files.exists(empty.resolve("_SUCCESS")));
  }

  @Test
  void anOutputUnderAFileIsAUsageErrorNamingTheFile() throws Exception {
    Path file = Files.writeString(work.resolve("afile"), "x");
    assertUsage(run(small.toString(), file.resolve("sub/out").toString()),
        "output file:" + file.resolve("sub/out") + " cannot be created: file:" + file
            + " is a file, not a directory");
    assertEquals("x", Files.readString(file));
    assertWorkDirHolds("afile");
  }

  @Test
  void badFlagsAndValuesAreNamed() throws Exception {
    String in = small.toString();
    String out = work.resolve("out").toString();
    assertUsage(run("--frobnicate", in, out), "unknown option --frobnicate");
    assertUsage(run("--top", "ten", in, out), "option --top: 'ten' is not a whole number");
    assertUsage(run("--reducers", "0", in, out), "option --reducers: 0 is below the minimum 1");
    assertUsage(run("--min-count", in, out), "option --min-count: '" + in + "' is not a whole number");
    assertUsage(run("--tokenizer", "bogus", in, out), "option --tokenizer: unknown tokenizer 'bogus'");
    assertUsage(run("--stopwords", work.resolve("none.txt").toString(), in, out),
        "option --stopwords: no such file: file:" + work.resolve("none.txt"));
    assertUsage(run(in), "missing <output> after the input " + in);
    assertUsage(run(), "missing <input> and <output>");
    assertUsage(run(in, in), "is or contains the input");
    assertWorkDirHolds();
  }

  @Test
  void aFailedJobExitsOneAndLeavesNoPartialOutput() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.copy(WordCountOracle.files(small).get(0), in.resolve("good.txt"));
    Files.write(in.resolve("corrupt.gz"), "this is not gzip data".getBytes(StandardCharsets.UTF_8));
    Path out = work.resolve("out");
    Run r = run(in.toString(), out.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("wordcount: job 'drover wordcount'"), r.err());
    assertTrue(r.err().contains("failed"), r.err());
    assertWorkDirHolds("in");

    // with --overwrite, the old output survives a failed run
    Files.createDirectories(out);
    Files.writeString(out.resolve("old"), "old result");
    Files.writeString(out.resolve("_SUCCESS"), "");
    Run again = run("--overwrite", in.toString(), out.toString());
    assertEquals(1, again.code(), again.err());
    assertEquals("old result", Files.readString(out.resolve("old")));
    assertWorkDirHolds("in", "out");
  }

  @Test
  void whenTheNewResultCannotBePutInPlaceTheOldOutputIsKept() throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    Files.writeString(out.resolve("part-r-00000"), "old\t1\n");
    FailingRenameFileSystem.install(conf, FileSystem.getLocal(conf).makeQualified(hp(out)));
    Run r = run("--overwrite", small.resolve("Carroll_Lewis").toString(), out.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("wordcount: the job succeeded, but its result could not be renamed"),
        r.err());
    assertTrue(r.err().contains("the old output is back in place"), r.err());
    assertEquals("old\t1\n", Files.readString(out.resolve("part-r-00000")));
    assertWorkDirHolds("out");
  }

  @Test
  void ownSpeedSettingsHoldUnderStockSettingsButTheUsersWin() throws Exception {
    Configuration stock = new Configuration(); // Hadoop's defaults only, as under `hadoop jar`
    assertEquals("0.5", jobSetting(stock, "mapreduce.reduce.input.buffer.percent"));
    Configuration users = new Configuration();
    users.set("mapreduce.reduce.input.buffer.percent", "0.2");
    assertEquals("0.2", jobSetting(users, "mapreduce.reduce.input.buffer.percent"));
    // the local sort buffer: ours under stock settings, the user's when set, Hadoop's on YARN
    assertEquals("32", jobSetting(stock, "mapreduce.task.io.sort.mb"));
    users.set("mapreduce.task.io.sort.mb", "64");
    assertEquals("64", jobSetting(users, "mapreduce.task.io.sort.mb"));
    Configuration yarn = new Configuration();
    yarn.set("mapreduce.framework.name", "yarn");
    assertEquals("100", jobSetting(yarn, "mapreduce.task.io.sort.mb"));
  }

  /** {@code key} in the counting job that {@code base} gives. */
  private String jobSetting(Configuration base, String key) throws Exception {
    WordCountOptions o = WordCountOptions.parse(small.toString(), work.resolve("out").toString());
    return WordCount.createJob(base, o, o.inputs(), hp(work.resolve("out"))).getConfiguration()
        .get(key);
  }

  /**
   * A truncated .gz input: exit 1, one message that names the file and says it is truncated, no
   * stack trace on the console (LocalJobRunner logs the task's error with its trace), no output.
   */
  @Test
  void aTruncatedGzipInputIsNamedWithoutAStackTrace() throws Exception {
    Path in = work.resolve("in");
    Files.createDirectories(in);
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 20_000; i++) {
        z.write(("line " + i + " of words\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = gz.toByteArray();
    Files.write(in.resolve("cut.txt.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    io.drover.common.testing.ConsoleTraces.Result<Run> seen = io.drover.common.testing.ConsoleTraces
        .during(() -> run(in.toString(), work.resolve("out").toString()));
    Run r = seen.value();
    assertEquals(1, r.code(), r.err());
    String last = r.err().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("wordcount: job 'drover wordcount' ("), last);
    assertTrue(last.contains("cannot read " + in.resolve("cut.txt.gz").toUri().getPath()), last);
    assertTrue(last.contains("truncated or corrupt"), last);
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals(List.of(), seen.traces());
    assertWorkDirHolds("in");
  }
}
