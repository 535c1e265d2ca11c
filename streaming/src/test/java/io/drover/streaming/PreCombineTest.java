package io.drover.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestData;
import io.drover.streaming.conf.StreamingKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The map side's pre-combine (a command combiner run on the mapper's pairs grouped in memory,
 * before Hadoop's sort): the same bytes as without it, batch after batch, and Hadoop's counters
 * keep their meaning. The oracle is the same job with the pre-combine off (whose bytes
 * GutenbergWordCountTest and CompatibilityTest hold equal to Hadoop Streaming 3.4.2's).
 */
class PreCombineTest {
  private static Path books;
  private static Path dir;
  private static final String MAPPER =
      "python3 " + StreamingHarness.EXAMPLES.resolve("mapper.py");
  private static final String REDUCER =
      "python3 " + StreamingHarness.EXAMPLES.resolve("reducer.py");

  private record Result(byte[] out, Counters counters) {
    long get(TaskCounter c) {
      return counters.findCounter(c).getValue();
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    dir = StreamingHarness.fresh("precombine");
    books = TestData.path("text/gutenberg");
  }

  private static Result run(String name, String precombineMb, String combiner, String... extra)
      throws Exception {
    Configuration conf = StreamingHarness.localConf();
    conf.set(StreamingKeys.PRECOMBINE_MB, precombineMb);
    StreamingTool tool = new StreamingTool();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Path out = dir.resolve(name);
    String[] base = {"-input", books + "/{Austen_Jane,Shelley_Mary_Wollstonecraft}/*.txt",
        "-output", out.toString(),
        "-mapper", MAPPER, "-combiner", combiner, "-reducer", REDUCER};
    String[] args = new String[extra.length + base.length];
    System.arraycopy(extra, 0, args, 0, extra.length);
    System.arraycopy(base, 0, args, extra.length, base.length);
    int exit = ToolRunner.run(conf, tool, args);
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    return new Result(Files.readAllBytes(out.resolve("part-00000")), tool.counters());
  }

  @Test
  void sameBytesWithAndWithoutAndHadoopsCountersKeepTheirMeaning() throws Exception {
    Result off = run("off", "0", REDUCER);
    // 1 MB: the three books' ~220,000 pairs go through the combiner in several batches
    Result small = run("small", "1", REDUCER);
    Result dflt = run("default", Long.toString(StreamingKeys.PRECOMBINE_MB_DEFAULT), REDUCER);
    assertArrayEquals(off.out(), small.out(), "1 MB batches");
    assertArrayEquals(off.out(), dflt.out(), "default batches");

    long pairs = off.get(TaskCounter.MAP_OUTPUT_RECORDS);
    assertTrue(pairs > 200_000, "pairs " + pairs);
    for (Result r : new Result[] {small, dflt}) {
      // what the mapper printed, as without the pre-combine
      assertEquals(pairs, r.get(TaskCounter.MAP_OUTPUT_RECORDS));
      assertEquals(off.get(TaskCounter.MAP_OUTPUT_BYTES), r.get(TaskCounter.MAP_OUTPUT_BYTES));
      // every pair went through the pre-combine, and Hadoop's own combine ran on its output
      assertTrue(r.get(TaskCounter.COMBINE_INPUT_RECORDS) > pairs,
          "combine input " + r.get(TaskCounter.COMBINE_INPUT_RECORDS));
      assertEquals(off.get(TaskCounter.REDUCE_INPUT_GROUPS),
          r.get(TaskCounter.REDUCE_INPUT_GROUPS));
    }
    // without it, Hadoop's combiner alone saw every pair (one spill per task here)
    assertEquals(pairs, off.get(TaskCounter.COMBINE_INPUT_RECORDS));
  }

  @Test
  void aCombinerThatDoesNotShrinkTurnsItOffAndChangesNothing() throws Exception {
    // cat as combiner: nothing shrinks, so after the first batch the pairs go straight on
    Result off = run("cat-off", "0", "cat");
    Result on = run("cat-on", "1", "cat");
    assertArrayEquals(off.out(), on.out());
    long pairs = off.get(TaskCounter.MAP_OUTPUT_RECORDS);
    assertEquals(pairs, on.get(TaskCounter.MAP_OUTPUT_RECORDS));
    long extra = on.get(TaskCounter.COMBINE_INPUT_RECORDS) - pairs;
    assertTrue(extra > 0 && extra < pairs / 2,
        "pairs combined before it turned off: " + extra + " of " + pairs);
  }

  @Test
  void aKeyComparatorOfTheUsersTurnsItOff() throws Exception {
    // reverse order of the keys: Hadoop's comparator decides, the pre-combine stays out
    String[] cmp = {"-D", "mapreduce.job.output.key.comparator.class="
        + "org.apache.hadoop.mapred.lib.KeyFieldBasedComparator",
        "-D", "mapreduce.partition.keycomparator.options=-k1,1r"};
    Result on = run("reverse-on", "1", REDUCER, cmp);
    Result off = run("reverse-off", "0", REDUCER, cmp);
    assertArrayEquals(off.out(), on.out());
    assertEquals(on.get(TaskCounter.MAP_OUTPUT_RECORDS),
        on.get(TaskCounter.COMBINE_INPUT_RECORDS));
    String first = new String(on.out(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
    String last = new String(off.out(), StandardCharsets.UTF_8).lines()
        .reduce((a, b) -> b).orElse("");
    assertTrue(first.compareTo(last) > 0, first + " / " + last);
  }

  /** The combiner, counting its own starts in a user counter as it begins. */
  private static String countingCombiner() throws Exception {
    Path script = dir.resolve("counting-combiner.sh");
    Files.writeString(script, "#!/bin/sh\necho 'reporter:counter:test,combiner starts,1' >&2\n"
        + "exec " + StreamingHarness.python3() + " "
        + StreamingHarness.EXAMPLES.resolve("reducer.py") + "\n");
    script.toFile().setExecutable(true);
    return script.toString();
  }

  @Test
  void whenOneBatchHeldAllOfATasksPairsTheSpillPassesThemOnWithoutTheCommand() throws Exception {
    String combiner = countingCombiner();
    Result off = run("starts-off", "0", combiner);
    Result small = run("starts-small", "1", combiner);
    Result dflt = run("starts-default", Long.toString(StreamingKeys.PRECOMBINE_MB_DEFAULT),
        combiner);
    assertArrayEquals(off.out(), small.out());
    assertArrayEquals(off.out(), dflt.out());
    // off: Hadoop's combine at each task's one spill; default: the pre-combine's one batch per
    // task, whose pairs the spill passes on; 1 MB: several batches, then the spill combines again
    long tasks = starts(off);
    assertTrue(tasks >= 1, "tasks " + tasks);
    assertEquals(tasks, starts(dflt));
    assertTrue(starts(small) > 2 * tasks, "starts " + starts(small) + ", tasks " + tasks);
    long pairs = off.get(TaskCounter.MAP_OUTPUT_RECORDS);
    // the pairs passed on count as combined at the spill, in and out alike
    long preOut = dflt.get(TaskCounter.COMBINE_INPUT_RECORDS) - pairs;
    assertEquals(dflt.get(TaskCounter.SPILLED_RECORDS), preOut);
    assertEquals(2 * preOut, dflt.get(TaskCounter.COMBINE_OUTPUT_RECORDS));
  }

  private static long starts(Result r) {
    return r.counters().findCounter("test", "combiner starts").getValue();
  }
}
