package io.drover.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bin/drover on a machine with no Hadoop install: the built jar through RunJar in a separate JVM,
 * conf/local (LocalJobRunner, local file system), scratch under DROVER_SCRATCH_DIR.
 */
class LauncherIT {
  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  static final Path SAMPLE = ROOT.resolve("src/sample/text");
  Path work;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("launcher");
  }

  BuiltJar.Result drover(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("env", "DROVER_SCRATCH_DIR=" + work.resolve("scratch"),
        ROOT.resolve("bin/drover").toString()));
    cmd.addAll(List.of(args));
    return BuiltJar.exec(cmd, ROOT);
  }

  @Test
  void countsTheBundledSampleExactlyAsStringTokenizerDoes() throws Exception {
    Path out = work.resolve("out");
    BuiltJar.Result r = drover("wordcount", SAMPLE.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Long> expected = new TreeMap<>();
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        StringTokenizer st = new StringTokenizer(Files.readString(f, StandardCharsets.UTF_8));
        while (st.hasMoreTokens()) {
          expected.merge(st.nextToken(), 1L, Long::sum);
        }
      }
    }
    Map<String, Long> got = new TreeMap<>();
    for (String line : Files.readAllLines(out.resolve("part-r-00000"))) {
      String[] kv = line.split("\t");
      got.put(kv[0], Long.parseLong(kv[1]));
    }
    assertEquals(expected, got);
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    // progress lines (stderr is not a terminal here) and a short summary, not pages of counters
    assertTrue(r.err().contains("job 'drover wordcount': map 100% reduce 100%\n"), r.err());
    assertTrue(r.err().contains("job 'drover wordcount' (job_local"), r.err());
    assertTrue(r.err().contains(") succeeded in "), r.err());
    assertTrue(r.err().contains("  WordCountCounters: LINES="), r.err());
    assertFalse(r.err().contains("File System Counters"), r.err());
    assertFalse(r.err().contains("The url to track the job"), r.err());
    assertTrue(r.err().lines().count() < 15, r.err());
    // scratch went where the launcher put it
    assertTrue(Files.isDirectory(work.resolve("scratch/hadoop")));
  }

  @Test
  void topWithGenericOptionsFirst() throws Exception {
    Path out = work.resolve("top");
    BuiltJar.Result r = drover("wordcount", "-D", "drover.input.split.max-bytes=1000", "--top", "3",
        "--tokenizer", "words", SAMPLE.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("the\t27", "of\t21", "it\t15"), Files.readAllLines(out.resolve("part-r-00000")));
    // two jobs, each with its progress and summary: the bar is under 15 lines
    assertTrue(r.err().lines().count() < 15, r.err());
    assertTrue(r.err().contains("job 'drover wordcount top 3' (job_local"), r.err());

    // Hadoop's own client output, one key away
    BuiltJar.Result verbose = drover("wordcount", "-D", "drover.verbose=true", SAMPLE.toString(),
        work.resolve("verbose").toString());
    assertEquals(0, verbose.code(), verbose.err());
    assertTrue(verbose.err().contains("File System Counters"), verbose.err());
  }

  @Test
  void badInputExitsTwoWithTheFlagNamed() throws Exception {
    BuiltJar.Result r = drover("wordcount", "--top", "many", SAMPLE.toString(), work.resolve("o").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("option --top: 'many' is not a whole number"), r.err());
    assertFalse(Files.exists(work.resolve("o")));

    // an unknown name is an unknown `hadoop` subcommand: Hadoop's exit code 1 (issue 16)
    BuiltJar.Result unknown = drover("no-such-program");
    assertEquals(1, unknown.code(), unknown.err());
    assertTrue((unknown.out() + unknown.err()).contains("wordcount"), unknown.out() + unknown.err());
  }

  @Test
  void listsThePrograms() throws Exception {
    BuiltJar.Result r = drover("--help");
    assertEquals(0, r.code(), r.err());
    assertTrue((r.out() + r.err()).contains("wordcount: Counts words"), r.out() + r.err());
  }

  /** The hidden work dirs beside {@code out} ({@code .out.drover-UUID}). */
  List<Path> workDirsOf(String out) throws Exception {
    try (Stream<Path> s = Files.list(work)) {
      return s.filter(p -> p.getFileName().toString().startsWith("." + out + ".drover-")).toList();
    }
  }

  @Test
  void aKilledClientLeavesNoOutputAndTheNextRunSweepsItsWorkDir() throws Exception {
    Path books = TestData.path("text/gutenberg");
    Path out = work.resolve("out");
    Process client = new ProcessBuilder("env", "DROVER_SCRATCH_DIR=" + work.resolve("scratch"),
        ROOT.resolve("bin/drover").toString(), "wordcount", books.toString(), out.toString())
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("killed.log").toFile())
        .start();
    // wait (bounded) until the job has started writing into its work dir, then SIGKILL the client
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (workDirsOf("out").stream().noneMatch(d -> Files.isDirectory(d.resolve("out")))) {
      assertTrue(client.isAlive(), "client ended before it could be killed: "
          + Files.readString(work.resolve("killed.log")));
      assertTrue(System.nanoTime() < deadline, "no work dir appeared");
      Thread.sleep(10);
    }
    client.destroyForcibly();
    assertEquals(137, client.waitFor(), "SIGKILL");
    assertFalse(Files.exists(out), "a killed client leaves no output");
    List<Path> left = workDirsOf("out");
    assertEquals(1, left.size(), "the killed client could not clean up: " + left);
    assertEquals(1, unjarDirs().size(), "RunJar's unpacked job jar, which only its hook removes");

    BuiltJar.Result r = drover("wordcount", "--top", "1", books.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("the\t32700"), Files.readAllLines(out.resolve("part-r-00000")));
    assertEquals(List.of(), workDirsOf("out"), "the dead run's work dir was swept");
    assertEquals(List.of(), unjarDirs(), "the dead run's unpacked jar was swept");
  }

  /** The job jars RunJar unpacked ({@code hadoop-unjar*}) anywhere in the launcher's scratch. */
  List<Path> unjarDirs() throws Exception {
    try (Stream<Path> s = Files.walk(work.resolve("scratch"), 3)) {
      return s.filter(p -> p.getFileName().toString().startsWith("hadoop-unjar")).toList();
    }
  }

  /** What tools that drive {@code hadoop} (mrjob, Oozie) call, answered as Hadoop answers it. */
  @Test
  void answersHadoopsSubcommands() throws Exception {
    BuiltJar.Result v = drover("version");
    assertEquals(0, v.code(), v.err());
    // Hadoop's VersionInfo main: the version of the hadoop-common jar on the class path first
    String hadoopVersion = org.apache.hadoop.util.VersionInfo.getVersion();
    assertEquals("Hadoop " + hadoopVersion, v.out().lines().findFirst().orElse(""), v.out());
    assertTrue(v.out().contains("This command was run using "), v.out());

    BuiltJar.Result cp = drover("classpath");
    assertEquals(0, cp.code(), cp.err());
    assertEquals(1, cp.out().lines().count(), cp.out());
    assertTrue(cp.out().contains("hadoop-common-" + hadoopVersion + ".jar"), cp.out());

    BuiltJar.Result env = drover("envvars");
    assertEquals(0, env.code(), env.err());
    assertTrue(env.out().contains("HADOOP_CONF_DIR='" + ROOT.resolve("conf/local") + "'\n"),
        env.out());

    BuiltJar.Result conf = drover("conftest");
    assertEquals(0, conf.code(), conf.err() + conf.out());
    assertTrue(conf.out().contains("core-site.xml: valid"), conf.out());

    BuiltJar.Result cls = drover("org.apache.hadoop.util.VersionInfo");
    assertEquals(v.out(), cls.out());
  }

  /** {@code jar} alone or with --help: Hadoop 3's bin/hadoop prints its usage and exits 0. */
  @Test
  void jarWithoutAJarGetsHadoopsUsage() throws Exception {
    for (List<String> args : List.of(List.of("jar"), List.of("jar", "--help"))) {
      BuiltJar.Result r = drover(args.toArray(new String[0]));
      assertEquals(0, r.code(), r.err());
      assertEquals("Usage: hadoop jar <jar> [mainClass] args...\n", r.out());
    }
  }

  /** Hadoop's wording and exit code (hadoop_validate_classname): 1, not Drover's 2. */
  @Test
  void anUnknownSubcommandGetsHadoopsWordingAndExitCode() throws Exception {
    for (String cmd : List.of("getconf", "-x")) {
      BuiltJar.Result r = drover(cmd);
      assertEquals(1, r.code(), r.err());
      assertEquals("ERROR: " + cmd + " is not COMMAND nor fully qualified CLASSNAME.",
          r.err().lines().findFirst().orElse(""), r.err());
    }
  }

  @Test
  void dfsIsFsShellWithHadoopsWarning() throws Exception {
    BuiltJar.Result r = drover("dfs", "-ls", SAMPLE.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("WARNING: Use of this script to execute dfs is deprecated.\n"),
        r.err());
    assertTrue(r.out().contains(SAMPLE.toString() + "/"), r.out());
  }
}
