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
 * A packed map task runs its command once per file, in order, each with its file's environment;
 * with the next file's command started ahead ({@link StreamingKeys#PRESTART}) the task gives the
 * same output, counters and failure report as with one start after the other, and leaves no
 * process behind when it fails.
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

  private record Result(List<String> lines, long inputRecords, IOException failure) {}

  private static Result run(boolean prestart, String failing) throws IOException {
    Files.deleteIfExists(DIR.resolve("pids"));
    JobConf job = new JobConf(false);
    job.set("mapreduce.task.attempt.id", "attempt_1_0001_m_000000_0");
    job.setLong(StreamingKeys.KEEPALIVE_MS, 0);
    job.setBoolean(StreamingKeys.PRESTART, prestart);
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
    return new Result(lines, counters.getCounter(TaskCounter.MAP_INPUT_RECORDS), failure);
  }

  @Test
  void eachFileGetsItsOwnCommandAndEnvironmentInOrderWithOrWithoutStartingAhead()
      throws Exception {
    List<String> expected = new ArrayList<>();
    for (String f : FILES) {
      for (String l : Files.readAllLines(DIR.resolve(f))) {
        expected.add(f + "|" + l);
      }
    }
    Result ahead = run(true, "none");
    Result oneByOne = run(false, "none");
    assertEquals(null, ahead.failure());
    assertEquals(expected, ahead.lines());
    assertEquals(expected, oneByOne.lines());
    assertEquals(expected.size(), ahead.inputRecords());
    assertEquals(expected.size(), oneByOne.inputRecords());
  }

  @Test
  void aFailureIsReportedAsWithoutStartingAheadAndNoProcessOutlivesTheTask() throws Exception {
    Result oneByOne = run(false, "b.txt");
    Result ahead = run(true, "b.txt");
    // c.txt's command was started while b.txt's was fed (it waits for its input): the failure
    // ended it, and whatever it had started
    List<Long> pids = Files.readAllLines(DIR.resolve("pids")).stream().map(Long::parseLong)
        .toList();
    assertTrue(pids.size() >= 2, "commands that ran: " + pids);
    for (long pid : pids) {
      assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "pid " + pid);
    }
    assertEquals(oneByOne.failure().getMessage(), ahead.failure().getMessage());
    assertTrue(ahead.failure().getMessage().startsWith("map task attempt_1_0001_m_000000_0:"
        + " command 'sh -c "), ahead.failure().getMessage());
    assertTrue(ahead.failure().getMessage().contains(" exit status 3 "),
        ahead.failure().getMessage());
    assertEquals(oneByOne.lines(), ahead.lines());
    assertEquals(3, ahead.lines().size(), "a.txt's lines only");
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
