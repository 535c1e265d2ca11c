package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.iterate.CheckpointStore;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.GradientMapper;
import io.drover.jobs.gd.mr.PartialSumCombiner;
import io.drover.jobs.gd.mr.PartialSumReducer;
import io.drover.jobs.gd.mr.PartialWritable;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The gradient mapper, combiner and reducer contracts through MRUnit. */
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

  @Test
  void combinerSumsTheValuesOfAKeyAndKeepsTheKey() throws Exception {
    ReduceDriver.newReduceDriver(new PartialSumCombiner())
        .withInput(new Text("part-1"), List.of(p(1, 0.5, 1, 2), p(2, 0.25, 3, 4)))
        .withOutput(new Text("part-1"), p(3, 0.75, 4, 6))
        .runTest();
  }

  @Test
  void reducerWritesOneTotalInKeyOrder() throws Exception {
    ReduceDriver.newReduceDriver(new PartialSumReducer())
        .withInput(new Text("part-a"), List.of(p(1, 1, 1)))
        .withInput(new Text("part-b"), List.of(p(2, 2, 2)))
        .withOutput(new Text("total"), p(3, 3, 3))
        .runTest();
  }

  /** Combining 0, 1 or n times gives the same bits: each key carries its own partial. */
  @Test
  void combinerRunsChangeNothing() throws Exception {
    PartialWritable a = p(1, 0.1, 0.1, 1e-17);
    PartialWritable b = p(1, 0.2, 0.2, 1.0);
    PartialWritable c = p(1, 0.3, 0.3, -1.0);
    PartialWritable expected = new PartialWritable();
    for (PartialWritable v : List.of(a, b, c)) { // reducer order: by key
      expected.add(v);
    }
    for (boolean combine : new boolean[] {false, true}) {
      MapReduceDriver<Text, PartialWritable, Text, PartialWritable, Text, PartialWritable> d =
          MapReduceDriver.newMapReduceDriver(
              new org.apache.hadoop.mapreduce.Mapper<
                  Text, PartialWritable, Text, PartialWritable>(),
              new PartialSumReducer());
      if (combine) {
        d.withCombiner(new PartialSumCombiner());
      }
      // map outputs arrive out of key order; the shuffle sorts them
      d.withInput(new Text("part-c"), c)
          .withInput(new Text("part-a"), a)
          .withInput(new Text("part-b"), b);
      List<Pair<Text, PartialWritable>> out = d.run();
      assertEquals(1, out.size());
      assertArrayEquals(expected.grad(), out.get(0).getSecond().grad());
      assertEquals(expected, out.get(0).getSecond());
    }
  }
}
