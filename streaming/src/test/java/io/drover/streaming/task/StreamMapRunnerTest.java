package io.drover.streaming.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.streaming.conf.StreamingKeys;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.Counters;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapred.lib.CombineFileSplit;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A packed map task runs its command once per file, in order, each with its file's environment,
 * counts every file's records and bytes, and leaves no process behind when it fails.
 */
class StreamMapRunnerTest {
  private static final Path DIR = Paths.get("target", "map-runner-test").toAbsolutePath();
  private static final List<String> FILES = List.of("a.txt", "b.txt", "c.txt", "d.txt");
  /** Tags each line with its file (as its environment says) and records the shell's pid. */
  private static final String TAGGER = "sh -c 'echo $$ >>" + DIR.resolve("pids")
      + "; case $map_input_file in *FAIL) cat >/dev/null; echo no >&2; exit 3;; esac;"
      + " b=$(basename $map_input_file); while IFS= read -r l; do echo \"$b\t$l\"; done'";

  @BeforeAll
  static void files() throws IOException {
    Files.createDirectories(DIR);
    for (String f : FILES) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 3 + f.charAt(0) - 'a'; i++) {
        b.append(f).append(" line ").append(i).append('\n');
      }
      Files.writeString(DIR.resolve(f), b.toString());
    }
  }

  private record Result(List<String> lines, long inputRecords, long bytesRead,
      IOException failure) {}

  private static Result run(String failing) throws IOException {
    Files.deleteIfExists(DIR.resolve("pids"));
    JobConf job = new JobConf(false);
    job.set("mapreduce.task.attempt.id", "attempt_1_0001_m_000000_0");
    job.setLong(StreamingKeys.KEEPALIVE_MS, 0);
    job.set(StreamingKeys.MAP_COMMAND,
        URLEncoder.encode(TAGGER.replace("FAIL", failing), StandardCharsets.UTF_8));
    org.apache.hadoop.fs.Path[] paths = new org.apache.hadoop.fs.Path[FILES.size()];
    long[] lengths = new long[FILES.size()];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = new org.apache.hadoop.fs.Path(DIR.resolve(FILES.get(i)).toUri());
      lengths[i] = Files.size(DIR.resolve(FILES.get(i)));
    }
    CombineFileSplit split = new CombineFileSplit(job, paths, lengths);
    Counters counters = new Counters();
    List<String> lines = new ArrayList<>();
    StreamMapRunner runner = new StreamMapRunner();
    runner.configure(job);
    IOException failure = null;
    try {
      runner.run(null, (Text k, Text v) -> {
        synchronized (lines) {
          lines.add(k + "|" + v);
        }
      }, reporter(split, counters));
    } catch (IOException e) {
      failure = e;
    }
    return new Result(lines, counters.getCounter(TaskCounter.MAP_INPUT_RECORDS),
        counters.getCounter(org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter.BYTES_READ),
        failure);
  }

  @Test
  void eachFileGetsItsOwnCommandAndEnvironmentInOrder() throws Exception {
    List<String> expected = new ArrayList<>();
    for (String f : FILES) {
      for (String l : Files.readAllLines(DIR.resolve(f))) {
        expected.add(f + "|" + l);
      }
    }
    Result r = run("none");
    assertEquals(null, r.failure());
    assertEquals(expected, r.lines());
    assertEquals(expected.size(), r.inputRecords());
    long bytes = 0;
    for (String f : FILES) {
      bytes += Files.size(DIR.resolve(f));
    }
    assertEquals(bytes, r.bytesRead(), "the bytes of the files it read");
    assertEquals(FILES.size(), Files.readAllLines(DIR.resolve("pids")).size(), "one per file");
  }

  @Test
  void aFailureIsReportedAndNoProcessOutlivesTheTask() throws Exception {
    Result r = run("b.txt");
    List<Long> pids = Files.readAllLines(DIR.resolve("pids")).stream().map(Long::parseLong)
        .toList();
    assertEquals(2, pids.size(), "a.txt's and b.txt's commands, none after: " + pids);
    for (long pid : pids) {
      assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "pid " + pid);
    }
    String m = r.failure().getMessage();
    assertTrue(m.startsWith("map task attempt_1_0001_m_000000_0: command 'sh -c "), m);
    assertTrue(m.contains(" exit status 3 "), m);
    assertTrue(m.contains("input: " + new org.apache.hadoop.fs.Path(
        DIR.resolve("b.txt").toUri())), m);
    assertEquals(3, r.lines().size(), "a.txt's lines only");
  }

  private static Reporter reporter(InputSplit split, Counters counters) {
    return new Reporter() {
      @Override
      public void setStatus(String status) {}

      @Override
      public Counters.Counter getCounter(Enum<?> name) {
        return counters.findCounter(name);
      }

      @Override
      public Counters.Counter getCounter(String group, String name) {
        return counters.findCounter(group, name);
      }

      @Override
      public void incrCounter(Enum<?> key, long amount) {
        counters.incrCounter(key, amount);
      }

      @Override
      public void incrCounter(String group, String counter, long amount) {
        counters.incrCounter(group, counter, amount);
      }

      @Override
      public InputSplit getInputSplit() {
        return split;
      }

      @Override
      public float getProgress() {
        return 0;
      }

      @Override
      public void progress() {}
    };
  }
}
