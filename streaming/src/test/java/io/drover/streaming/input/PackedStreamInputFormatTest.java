package io.drover.streaming.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.lib.CombineFileSplit;
import org.apache.hadoop.mapred.lib.CombineTextInputFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The oracle is Hadoop's own CombineTextInputFormat on the same files and split size. */
class PackedStreamInputFormatTest {
  private static final long KB = 1024;
  private static Path dir;

  @BeforeAll
  static void files() throws Exception {
    dir = TestDirs.fresh("packed-stream-input");
    // in listing order: 3 large books, then 24 small ones, then one larger than a split (which
    // Hadoop cuts into chunks): Hadoop's byte-limited packing puts the large and the small ones
    // in different splits
    for (int i = 0; i < 3; i++) {
      write(String.format("a%02d.txt", i), 600 * KB);
    }
    for (int i = 0; i < 24; i++) {
      write(String.format("b%02d.txt", i), 75 * KB);
    }
    write("c.txt", 1500 * KB);
  }

  private static void write(String name, long bytes) throws Exception {
    StringBuilder b = new StringBuilder();
    while (b.length() < bytes) {
      b.append("line ").append(b.length()).append(" of ").append(name).append('\n');
    }
    Files.writeString(dir.resolve(name), b);
  }

  private static JobConf job(String framework) {
    JobConf job = new JobConf(LocalConf.create());
    job.set("mapreduce.framework.name", framework);
    job.setLong("mapreduce.input.fileinputformat.split.maxsize", 900 * KB);
    FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(dir.toString()));
    return job;
  }

  /** Each split's chunks as "path@offset+length" and its cost. */
  private static List<List<String>> describe(InputSplit[] splits) {
    List<List<String>> out = new ArrayList<>();
    for (InputSplit s : splits) {
      CombineFileSplit c = (CombineFileSplit) s;
      List<String> chunks = new ArrayList<>();
      for (int i = 0; i < c.getNumPaths(); i++) {
        chunks.add(c.getPath(i).getName() + "@" + c.getOffset(i) + "+" + c.getLength(i));
      }
      out.add(chunks);
    }
    return out;
  }

  private static long cost(InputSplit s) {
    CombineFileSplit c = (CombineFileSplit) s;
    return c.getLength() + c.getNumPaths() * CostPacking.START_COST_BYTES;
  }

  private static long spread(InputSplit[] splits) {
    long max = Long.MIN_VALUE;
    long min = Long.MAX_VALUE;
    for (InputSplit s : splits) {
      max = Math.max(max, cost(s));
      min = Math.min(min, cost(s));
    }
    return max - min;
  }

  @Test
  void locallyHadoopsChunksAreDealtIntoAsManyTasksOfEqualCost() throws Exception {
    JobConf job = job("local");
    InputSplit[] hadoop = new CombineTextInputFormat().getSplits(job, 1);
    InputSplit[] ours = new PackedStreamInputFormat().getSplits(job, 1);
    assertEquals(hadoop.length, ours.length);
    assertTrue(hadoop.length >= 4, "splits: " + hadoop.length);
    // the same chunks, each once
    List<String> h = describe(hadoop).stream().flatMap(List::stream).sorted().toList();
    List<String> o = describe(ours).stream().flatMap(List::stream).sorted().toList();
    assertEquals(h, o);
    long total = 0;
    for (InputSplit s : ours) {
      total += cost(s);
    }
    // within one chunk (the 900 KB pieces of c.txt, a 600 KB book) of the mean, where Hadoop's
    // splits differ by the cost of many starts
    long maxChunk = 900 * KB + CostPacking.START_COST_BYTES;
    for (InputSplit s : ours) {
      assertTrue(cost(s) <= total / ours.length + maxChunk, describe(ours).toString());
    }
    assertTrue(spread(ours) < spread(hadoop),
        "ours " + spread(ours) + " vs Hadoop's " + spread(hadoop));
    // a task's chunks in listing order
    for (List<String> t : describe(ours)) {
      assertEquals(t.stream().sorted().toList(), t);
    }
  }

  @Test
  void onAClusterHadoopsLocalityAwarePackingStands() throws Exception {
    JobConf job = job("yarn");
    assertEquals(describe(new CombineTextInputFormat().getSplits(job, 1)),
        describe(new PackedStreamInputFormat().getSplits(job, 1)));
  }
}
