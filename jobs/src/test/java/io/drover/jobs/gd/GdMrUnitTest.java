package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.iterate.CheckpointStore;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.GradientMapper;
import io.drover.jobs.gd.mr.PartialWritable;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The gradient mapper's contract through MRUnit; the sum of its partials. */
class GdMrUnitTest {
  static PartialWritable p(long n, double loss, double... g) {
    return new PartialWritable(n, loss, g);
  }

  /** Two records, one feature + intercept, squared loss at w = (2, 1): margins 2*3+1, 2*0+1. */
  @Test
  void mapperReadsItsWholeChunkAndWritesOnePartialKeyedByTheChunk() throws Exception {
    Path dir = TestDirs.fresh("mrunit");
    Path chunk = dir.resolve("part-00000-0000.bin");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(chunk))) {
      TrainingRecords.write(out, new Example(10, new int[] {0}, new double[] {3}));
      TrainingRecords.write(out, new Example(-1, new int[] {}, new double[] {}));
    }
    Path state = dir.resolve("state.bin");
    try (OutputStream out = Files.newOutputStream(state)) {
      CheckpointStore.writeState(out, new double[] {2, 1});
    }
    MapDriver<NullWritable, NullWritable, Text, PartialWritable> d =
        MapDriver.newMapDriver(new GradientMapper());
    d.getConfiguration().set(GdKeys.LOSS, "squared");
    d.getConfiguration().set(GdKeys.STATE, state.toUri().toString());
    d.setMapInputPath(new org.apache.hadoop.fs.Path(chunk.toUri()));
    d.withInput(
        NullWritable.get(), NullWritable.get()); // MRUnit needs one; the mapper reads the file
    // residuals r = 7 - 10 = -3 and 1 - (-1) = 2; loss (9 + 4) / 2; G = (-3 * 3, -3 + 2)
    List<Pair<Text, PartialWritable>> out = d.run();
    assertEquals(1, out.size());
    assertEquals(new Text("part-00000-0000.bin"), out.get(0).getFirst());
    assertEquals(p(2, 6.5, -9, -1), out.get(0).getSecond());
    assertEquals(2, d.getCounters().findCounter(GradientMapper.Counters.RECORDS).getValue());
  }

  /** The map-only job's partials, whatever order the tasks' files list them in: key order. */
  @Test
  void partialsAreAddedInChunkOrderWhateverOrderTheyArrive() {
    PartialWritable a = p(1, 0.1, 0.1, 1e-17);
    PartialWritable b = p(1, 0.2, 0.2, 1.0);
    PartialWritable c = p(1, 0.3, 0.3, -1.0);
    PartialWritable expected = new PartialWritable();
    for (PartialWritable v : List.of(a, b, c)) { // by key: part-a, part-b, part-c
      expected.add(v);
    }
    java.util.TreeMap<String, PartialWritable> byKey = new java.util.TreeMap<>();
    byKey.put("part-c", c);
    byKey.put("part-a", a);
    byKey.put("part-b", b);
    PartialWritable total = GdJobs.sumInKeyOrder(byKey);
    assertArrayEquals(expected.grad(), total.grad());
    assertEquals(expected, total);
    // the other order really gives other bits here (1e-17 is lost when added after 1.0 - 1.0)
    PartialWritable other = new PartialWritable();
    for (PartialWritable v : List.of(b, c, a)) {
      other.add(v);
    }
    org.junit.jupiter.api.Assertions.assertNotEquals(expected.grad()[1], other.grad()[1]);
  }
}
