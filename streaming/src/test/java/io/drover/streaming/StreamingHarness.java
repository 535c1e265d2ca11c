package io.drover.streaming;

import static org.apache.hadoop.mapreduce.lib.output.FileOutputFormatCounter.BYTES_WRITTEN;

import io.drover.common.testing.LocalConf;
import io.drover.streaming.conf.StreamingKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.RunningJob;
import org.apache.hadoop.streaming.StreamJob;
import org.apache.hadoop.util.ToolRunner;

/** Runs streaming jobs in-process on the local runner through Drover and through Hadoop 3.4.2. */
final class StreamingHarness {
  /**
   * What a run left: exit code, visible output files by name, user counters, the File Output
   * Format counter Bytes Written (null when the job failed), Drover's stderr, and Hadoop's own
   * counters (the groups named {@code org.apache.hadoop...}) as {@code group/COUNTER} (empty when
   * the job failed).
   */
  record Run(int exit, Map<String, byte[]> files, Map<String, Long> counters, Long bytesWritten,
      String err, Map<String, Long> framework) {
    String text(String file) {
      return new String(files.get(file), StandardCharsets.UTF_8);
    }

    /** One of Hadoop's counters ({@code TaskCounter.MAP_INPUT_RECORDS}, ...); 0 if absent. */
    long count(Enum<?> counter) {
      return framework.getOrDefault(frameworkKey(counter), 0L);
    }
  }

  static String frameworkKey(Enum<?> counter) {
    return counter.getDeclaringClass().getName() + "/" + counter.name();
  }

  static final Path WORK = Paths.get("target", "streaming-work").toAbsolutePath();
  static final Path SCRIPTS = Paths.get("target", "test-classes", "compat").toAbsolutePath();
  static final Path EXAMPLES = Paths.get("examples", "wordcount").toAbsolutePath();

  private StreamingHarness() {}

  static Configuration localConf() {
    return LocalConf.create();
  }

  static String script(String name) {
    return SCRIPTS.resolve(name).toString();
  }

  private static String interpreter;

  /**
   * The python3 on the PATH, resolved to its interpreter once: a pyenv shim on the PATH is a
   * bash script that costs ~0.4 s per start, and a job over many files starts one per file.
   */
  static synchronized String python3() throws Exception {
    if (interpreter == null) {
      Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0 || out.isEmpty()) {
        throw new IllegalStateException("python3 -c 'print(sys.executable)' failed: " + out);
      }
      interpreter = out;
    }
    return interpreter;
  }

  static String python(String script) {
    return "python3 " + script(script);
  }

  static Run drover(Path output, String... args) throws Exception {
    return drover(localConf(), output, args);
  }

  static Run drover(Configuration conf, Path output, String... args) throws Exception {
    StreamingTool tool = new StreamingTool();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit = ToolRunner.run(conf, tool, withOutput(args, output));
    Map<String, Long> counters = new TreeMap<>();
    Map<String, Long> framework = new TreeMap<>();
    Long written = exit == 0 && tool.counters() != null
        ? tool.counters().findCounter(BYTES_WRITTEN).getValue() : null;
    if (tool.counters() != null) {
      tool.counters().forEach(g -> {
        if (isUserGroup(g.getName())) {
          g.forEach(c -> counters.put(g.getName() + "/" + c.getName(), c.getValue()));
        } else if (exit == 0 && g.getName().startsWith("org.apache.hadoop")) {
          g.forEach(c -> framework.put(g.getName() + "/" + c.getName(), c.getValue()));
        }
      });
    }
    return new Run(exit, files(output), counters, written, err.toString(StandardCharsets.UTF_8),
        framework);
  }

  /** Hadoop Streaming 3.4.2, the oracle. */
  static Run hadoop(Path output, String... args) throws Exception {
    Oracle job = new Oracle();
    int exit = ToolRunner.run(localConf(), job, withOutput(args, output));
    Map<String, Long> counters = new TreeMap<>();
    Map<String, Long> framework = new TreeMap<>();
    RunningJob rj = job.running();
    Long written = null;
    if (rj != null && exit == 0) {
      written = rj.getCounters().findCounter(BYTES_WRITTEN).getValue();
      for (org.apache.hadoop.mapred.Counters.Group g : rj.getCounters()) {
        boolean user = isUserGroup(g.getName());
        if (user || g.getName().startsWith("org.apache.hadoop")) {
          for (org.apache.hadoop.mapred.Counters.Counter c : g) {
            (user ? counters : framework).put(g.getName() + "/" + c.getName(), c.getValue());
          }
        }
      }
    }
    return new Run(exit, exit == 0 ? files(output) : Map.of(), counters, written, "", framework);
  }

  private static boolean isUserGroup(String name) {
    return !name.startsWith("org.apache.hadoop") && !name.equals("Shuffle Errors")
        && !name.equals(StreamingKeys.COUNTER_GROUP);
  }

  /** Replaces the {@code OUT} placeholder with the output dir. */
  private static String[] withOutput(String[] args, Path output) {
    String[] a = Arrays.copyOf(args, args.length);
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals("OUT")) {
        a[i] = output.toString();
      }
    }
    return a;
  }

  /**
   * What the local file system wrote for the part files of {@code dir}: their bytes and their
   * checksum files' (.part-00000.crc), which Hadoop's Bytes Written counts too.
   */
  static long writtenBytes(Path dir) throws IOException {
    long sum = 0;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (n.startsWith("part-") || n.startsWith(".part-") && n.endsWith(".crc")) {
          sum += Files.size(p);
        }
      }
    }
    return sum;
  }

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".") && !n.equals("_drover")) { // Drover's run manifest: not Hadoop's
          out.put(n, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  static Path fresh(String name) throws IOException {
    Path p = WORK.resolve(name);
    deleteTree(p);
    Files.createDirectories(p);
    return p;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(p)) {
      s.forEach(all::add);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Files.delete(all.get(i));
    }
  }

  /** Exposes the RunningJob so the suite can compare counters. */
  static final class Oracle extends StreamJob {
    RunningJob running() {
      return running_;
    }
  }
}
