package io.drover.streaming.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.TestDirs;
import io.drover.streaming.mrjob.MrjobLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A job run exactly the way mrjob's hadoop runner runs one (mrjob/hadoop.py, mrjob/bin.py,
 * mrjob/fs/hadoop.py), with {@code bin/drover} as its hadoop binary and the built
 * drover-streaming jar as its streaming jar: {@code version}, {@code fs -mkdir -p}, {@code fs
 * -put} of the script, the setup wrapper and the input, {@code fs -ls}, then {@code jar} with
 * mrjob's streaming arguments (-files with #names, -D, -input, -output, mapper, combiner and
 * reducer as {@code /bin/sh -ex setup-wrapper.sh python3 script --step-num=0 --mapper}), the
 * client's stderr read by mrjob's own rules ({@link MrjobLogs}), the output read back with {@code
 * fs -ls -R} and {@code fs -cat}, and the temp dir removed with {@code fs -rm -R -f -skipTrash}.
 *
 * <p>Local mode (conf/local): the job id is LocalJobRunner's {@code job_local<n>_0001}, which
 * mrjob's {@code job_\d+_\d{4}} does not take (nor does it from real Hadoop in local mode); on a
 * cluster it does ({@link MrjobClusterIT} asserts it is found).
 */
class MrjobCompatibilityIT {
  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

  /**
   * An mrjob-shaped word count: one step of mapper, combiner and reducer speaking mrjob's default
   * protocol (JSON key, tab, JSON value), counting with mrjob's increment_counter line.
   */
  static final String SCRIPT = read(ROOT.resolve("streaming/examples/mrjob/mr_word_count.py"));

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Path work;

  BuiltJar.Result hadoop(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("env", "DROVER_SCRATCH_DIR=" + work.resolve("scratch")));
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.add(ROOT.resolve("bin/drover").toString());
    cmd.addAll(List.of(args));
    BuiltJar.Result r = BuiltJar.exec(cmd, work);
    assertFalse(r.err().contains("drover: building"), "bin/drover rebuilt Drover: " + r.err());
    return r;
  }

  /** mrjob/fs/hadoop.py {@code _HADOOP_VERSION_RE}, applied to each line of stdout in turn. */
  static String hadoopVersion(String stdout) {
    Pattern p = Pattern.compile("^.*?(?<version>(\\d|\\.)+).*?$");
    for (String line : stdout.split("\n")) {
      Matcher m = p.matcher(line);
      if (m.matches()) {
        return m.group("version");
      }
    }
    return null;
  }

  /** mrjob/setup.py and bin.py {@code _setup_wrapper_script_content} for one setup command. */
  static String setupWrapper(Path lock) {
    return String.join("\n",
        "# store $PWD",
        "__mrjob_PWD=$PWD",
        "",
        "# obtain exclusive file lock",
        "exec 9>" + lock, // mrjob: /tmp/wrapper.lock.<job key>; Drover's tests keep out of /tmp
        "python3 -c 'import fcntl; fcntl.flock(9, fcntl.LOCK_EX)'",
        "",
        "# setup commands",
        "{",
        "  export WC_LOWER=1",
        "} 0</dev/null 1>&2",
        "",
        "# release exclusive file lock",
        "exec 9>&-",
        "",
        "# run task from the original working directory",
        "cd $__mrjob_PWD",
        "\"$@\"",
        "");
  }

  static String text(Random rnd, int lines) {
    String[] words = {"the", "The", "whale", "Ahab's", "sea", "SEA", "don't", "a", "ship",
        "Ishmael", "white", "harpoon", "o'er", "deck", "wave", "Call", "me"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int n = rnd.nextInt(12);
      for (int j = 0; j < n; j++) {
        b.append(j > 0 ? (rnd.nextInt(5) == 0 ? ", " : " ") : "").append(words[rnd.nextInt(words.length)]);
      }
      b.append(rnd.nextInt(4) == 0 ? ".\n" : "\n");
    }
    return b.toString();
  }

  /** What the job must output: the script's rules computed here, as "json key\tcount". */
  static Map<String, Long> expectedCounts(String input) {
    Map<String, Long> counts = new TreeMap<>();
    Matcher m = Pattern.compile("[a-z']+").matcher(input.toLowerCase(java.util.Locale.ROOT));
    while (m.find()) {
      counts.merge("\"" + m.group() + "\"", 1L, Long::sum);
    }
    return counts;
  }

  @Test
  void wordCountRunAsMrjobRunsIt() throws Exception {
    work = TestDirs.fresh("mrjob-compat");
    Map<String, String> env = Map.of("HADOOP_CONF_DIR", ROOT.resolve("conf/local").toString());
    String tmp = "file://" + work.resolve("mrjob-tmp/mr_word_count.root.20261205.030000.000000");
    Run run = runAsMrjob(env, tmp);
    // local mode: the "Running job:" record is there, but its job_local id is not mrjob's shape
    assertNull(run.step().jobId);
    assertTrue(MrjobLogs.records(run.stderr().lines().toList()).stream().anyMatch(
        r -> r.message().matches("Running job: job_local\\d+_\\d{4}")), run.stderr());
    assertFalse(Files.exists(Paths.get(java.net.URI.create(tmp))));
  }

  /** What one run as mrjob runs it gave: mrjob's reading of the jar's stderr, and the stderr. */
  record Run(MrjobLogs.Step step, String stderr) {}

  /**
   * mrjob's hadoop runner, step by step, against the file system and job runner that {@code env}'s
   * HADOOP_CONF_DIR names, its temp dir at the URI {@code tmp}; asserts everything but the job id.
   */
  Run runAsMrjob(Map<String, String> env, String tmp) throws Exception {
    Path streamingJar = BuiltJar.of("streaming");
    String input = text(new Random(16), 3000);
    long inputLines = input.lines().count();
    Path local = Files.createDirectories(work.resolve("local"));
    Files.writeString(local.resolve("mr_word_count.py"), SCRIPT);
    Files.writeString(local.resolve("setup-wrapper.sh"), setupWrapper(work.resolve("wrapper.lock")));
    Files.writeString(local.resolve("input.txt"), input);
    // hadoop version: mrjob reads the version from it and picks YARN-era fs commands
    BuiltJar.Result version = hadoop(env, "version");
    assertEquals(0, version.code(), version.err());
    assertEquals(org.apache.hadoop.util.VersionInfo.getVersion(), hadoopVersion(version.out()));

    // uploads: mkdir -p the files dir, put each file
    assertEquals(0, hadoop(env, "fs", "-mkdir", "-p", tmp + "/files/wd").code());
    for (String f : List.of("mr_word_count.py", "setup-wrapper.sh")) {
      BuiltJar.Result put = hadoop(env, "fs", "-put", local.resolve(f).toString(),
          tmp + "/files/wd/" + f);
      assertEquals(0, put.code(), put.err());
    }
    assertEquals(0, hadoop(env, "fs", "-put", local.resolve("input.txt").toString(),
        tmp + "/files/input.txt").code());
    // mrjob checks that the input exists with fs -ls
    BuiltJar.Result ls = hadoop(env, "fs", "-ls", tmp + "/files/input.txt");
    assertEquals(0, ls.code(), ls.err());
    assertTrue(ls.out().contains("/files/input.txt"), ls.out());

    // hadoop jar <streaming jar> with mrjob's arguments
    String task = "/bin/sh -ex setup-wrapper.sh python3 mr_word_count.py --step-num=0 ";
    String output = tmp + "/output";
    BuiltJar.Result job = hadoop(env, "jar", streamingJar.toString(),
        "-files", tmp + "/files/wd/mr_word_count.py#mr_word_count.py,"
            + tmp + "/files/wd/setup-wrapper.sh#setup-wrapper.sh",
        "-D", "mapreduce.job.reduces=2",
        "-input", tmp + "/files/input.txt", "-output", output,
        "-mapper", task + "--mapper", "-combiner", task + "--combiner",
        "-reducer", task + "--reducer");
    assertEquals(0, job.code(), job.err());

    // the client's stderr, read by mrjob's rules
    MrjobLogs.Step step = MrjobLogs.interpretHadoopJarStderr(job.err().lines().toList());
    assertNotNull(step.counters, "no counters found:\n" + job.err());
    Map<String, Long> stats = step.counters.get("wc stats");
    assertNotNull(stats, step.counters.toString());
    assertEquals(inputLines, stats.get("lines"), stats.toString());
    Map<String, Long> expected = expectedCounts(input);
    assertEquals((long) expected.size(), stats.get("distinct words"), stats.toString());
    assertEquals(inputLines,
        step.counters.get("Map-Reduce Framework").get("Map input records"));
    assertTrue(step.counters.get("Map-Reduce Framework").get("Combine input records") > 0,
        "the combiner ran");
    // the input and, on the local file system, its checksum file (fs -put wrote .input.txt.crc),
    // read whole; the checksum reader's last read adds a few bytes (CompatibilityTest holds the
    // count equal to Hadoop's). HDFS keeps its checksums inside the file system: no .crc file.
    long crc = tmp.startsWith("file:")
        ? Files.size(Paths.get(java.net.URI.create(tmp + "/files/.input.txt.crc")))
        : 0;
    long bytesRead = step.counters.get("File Input Format Counters ").get("Bytes Read");
    long inputBytes = input.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytesRead >= inputBytes + crc && bytesRead <= inputBytes + crc + 8,
        "Bytes Read " + bytesRead + " for " + inputBytes + " bytes and a " + crc + "-byte .crc");
    assertEquals(output, step.outputDir);
    int[] last = step.progress.get(step.progress.size() - 1);
    assertEquals(100, last[0]);
    assertEquals(100, last[1]);

    // the output: fs -ls -R, then fs -cat each file (mrjob/runner.py cat_output skips any path
    // with a file or dir name starting with _ or ., as Hadoop's input formats do)
    BuiltJar.Result lsr = hadoop(env, "fs", "-ls", "-R", output);
    assertEquals(0, lsr.code(), lsr.err());
    Map<String, Long> got = new TreeMap<>();
    int parts = 0;
    for (String line : lsr.out().split("\n")) {
      String[] f = line.trim().split("\\s+");
      String path = f[f.length - 1];
      String sub = path.substring(path.indexOf("/output") + "/output".length());
      boolean hidden = java.util.Arrays.stream(sub.split("/"))
          .anyMatch(n -> n.startsWith("_") || n.startsWith("."));
      if (line.startsWith("-") && !hidden) {
        BuiltJar.Result cat = hadoop(env, "fs", "-cat", path);
        assertEquals(0, cat.code(), cat.err());
        parts++;
        for (String kv : cat.out().split("\n")) {
          if (!kv.isEmpty()) {
            String[] p = kv.split("\t");
            assertNull(got.put(p[0], Long.parseLong(p[1])), "key twice: " + p[0]);
          }
        }
      }
    }
    assertEquals(2, parts, lsr.out());
    assertEquals(expected, got);

    // Drover's run manifest beside the output, hidden from readers like _SUCCESS
    BuiltJar.Result manifest = hadoop(env, "fs", "-cat", output + "/_drover/manifest.json");
    assertEquals(0, manifest.code(), manifest.err());
    com.fasterxml.jackson.databind.JsonNode m =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.out());
    assertEquals(0, m.get("exitStatus").asInt());
    // the built jar's version (drover-streaming-<version>.jar), not "unknown"
    String jarName = streamingJar.getFileName().toString();
    assertEquals(jarName.substring("drover-streaming-".length(), jarName.length() - 4),
        m.get("version").asText());
    assertEquals(bytesRead,
        m.get("jobs").get(0).get("counters").get("File Input Format Counters ").get("Bytes Read")
            .asLong());
    assertEquals(input.length(), m.get("inputs").get(0).get("bytes").asLong());
    assertEquals("2", m.get("conf").get("mapreduce.job.reduces").asText());
    assertEquals(inputLines,
        m.get("jobs").get(0).get("counters").get("wc stats").get("lines").asLong());
    assertTrue(job.err().contains("Run manifest: " ), job.err());

    // cleanup as mrjob does it
    BuiltJar.Result rm = hadoop(env, "fs", "-rm", "-R", "-f", "-skipTrash", tmp);
    assertEquals(0, rm.code(), rm.err());
    return new Run(step, job.err());
  }

  /** {@code bin/drover streaming} keeps Drover's short display: no Hadoop log lines. */
  @Test
  void droverStreamingKeepsItsShortDisplay() throws Exception {
    work = TestDirs.fresh("mrjob-compat-short");
    Path in = Files.writeString(work.resolve("in.txt"), "b a\nb\n");
    Path out = work.resolve("out");
    BuiltJar.Result r = hadoop(Map.of(), "streaming", "-input", in.toString(), "-output",
        out.toString(), "-mapper", "cat", "-reducer", "cat");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("Running job:"), r.err());
    assertFalse(r.err().contains("Counters:"), r.err());
    assertTrue(r.err().contains("streaming: output written to "), r.err());
    // the same jar run as `hadoop jar` runs it prints Hadoop Streaming's lines
    BuiltJar.Result h = hadoop(Map.of(), "jar", BuiltJar.of("streaming").toString(), "-input",
        in.toString(), "-output", work.resolve("out2").toString(), "-mapper", "cat",
        "-reducer", "cat");
    assertEquals(0, h.code(), h.err());
    assertTrue(h.err().contains(" INFO Job: Running job: job_"), h.err());
    assertTrue(h.err().contains(" INFO Job: Counters: "), h.err());
    assertTrue(h.err().contains("\t\tMap input records=2\n"), h.err());
    assertTrue(h.err().contains("Output directory: " + work.resolve("out2")), h.err());
  }
}
