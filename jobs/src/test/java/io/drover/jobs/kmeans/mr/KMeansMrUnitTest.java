package io.drover.jobs.kmeans.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.iterate.CheckpointStore;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.TrainingRecords;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kmeans mapper, combiner and reducer contracts through MRUnit. */
class KMeansMrUnitTest {
  static Path state;

  static ClusterWritable w(long n, double cost, double... v) {
    return new ClusterWritable(n, cost, v);
  }

  /** Centers 0 and 10 in one dimension. */
  @BeforeAll
  static void centers() throws Exception {
    Path dir = TestDirs.fresh("kmeans-mrunit");
    state = dir.resolve("state.bin");
    try (OutputStream out = Files.newOutputStream(state)) {
      CheckpointStore.writeState(out, new double[] {0, 10});
    }
  }

  static void withCenters(org.apache.hadoop.conf.Configuration c) {
    c.set(KMeansKeys.STATE, state.toUri().toString());
    c.setInt(KMeansKeys.K, 2);
  }

  @Test
  void mapperSumsItsWholeChunkPerNearestCenter() throws Exception {
    Path chunk = state.getParent().resolve("part-00000-0003.bin");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(chunk))) {
      TrainingRecords.write(out, new Example(1, new int[] {0}, new double[] {2}));
      TrainingRecords.write(out, new Example(0, new int[] {}, new double[] {}));
      TrainingRecords.write(out, new Example(0, new int[] {0}, new double[] {7}));
    }
    MapDriver<NullWritable, NullWritable, Text, ClusterWritable> d =
        MapDriver.newMapDriver(new AssignMapper());
    withCenters(d.getConfiguration());
    d.setMapInputPath(new org.apache.hadoop.fs.Path(chunk.toUri()));
    d.withInput(
        NullWritable.get(), NullWritable.get()); // MRUnit needs one; the mapper reads the file
    List<Pair<Text, ClusterWritable>> out = d.run();
    assertEquals(2, out.size());
    assertEquals(new Text("000000000 part-00000-0003.bin"), out.get(0).getFirst());
    assertEquals(w(2, 4, 2), out.get(0).getSecond());
    assertEquals(new Text("000000001 part-00000-0003.bin"), out.get(1).getFirst());
    assertEquals(w(1, 9, 7), out.get(1).getSecond());
    assertEquals(3, d.getCounters().findCounter(AssignMapper.Counters.POINTS).getValue());
  }

  @Test
  void combinerSumsTheValuesOfAKeyAndKeepsTheKey() throws Exception {
    ReduceDriver.newReduceDriver(new PartialCombiner())
        .withInput(KMeansJobs.key(1, "c"), List.of(w(1, 0.5, 1, 2), w(2, 0.25, 3, 4)))
        .withOutput(KMeansJobs.key(1, "c"), w(3, 0.75, 4, 6))
        .runTest();
  }

  @Test
  void reducerWritesEveryCenterAndAnEmptyOneKeepsItsPlace() throws Exception {
    ReduceDriver<Text, ClusterWritable, IntWritable, ClusterWritable> d =
        ReduceDriver.newReduceDriver(new CentersReducer());
    withCenters(d.getConfiguration());
    d.withInput(KMeansJobs.key(0, "a"), List.of(w(2, 1, 3)))
        .withInput(KMeansJobs.key(0, "b"), List.of(w(1, 2, 6)))
        .withOutput(new IntWritable(0), w(3, 3, 3))
        .withOutput(new IntWritable(1), w(0, 0, 10))
        .runTest();
  }

  /** Combining 0, 1 or n times gives the same bits: partials are added in (center, chunk) order. */
  @Test
  void combinerRunsChangeNothing() throws Exception {
    ClusterWritable a = w(1, 0.1, 0.1);
    ClusterWritable b = w(1, 0.2, 1e-17);
    ClusterWritable c = w(1, 0.3, -0.1);
    ClusterWritable expected = new ClusterWritable();
    for (ClusterWritable v : List.of(a, b, c)) { // reducer order: by chunk
      expected.add(v);
    }
    expected =
        new ClusterWritable(
            expected.count(), expected.cost(), new double[] {expected.vector()[0] / 3});
    for (boolean combine : new boolean[] {false, true}) {
      MapReduceDriver<Text, ClusterWritable, Text, ClusterWritable, IntWritable, ClusterWritable>
          d =
              MapReduceDriver.newMapReduceDriver(
                  new org.apache.hadoop.mapreduce.Mapper<
                      Text, ClusterWritable, Text, ClusterWritable>(),
                  new CentersReducer());
      withCenters(d.getConfiguration());
      if (combine) {
        d.withCombiner(new PartialCombiner());
      }
      d.withInput(KMeansJobs.key(0, "part-c"), c)
          .withInput(KMeansJobs.key(0, "part-a"), a)
          .withInput(KMeansJobs.key(0, "part-b"), b);
      List<Pair<IntWritable, ClusterWritable>> out = d.run();
      assertEquals(2, out.size());
      assertEquals(expected, out.get(0).getSecond());
      assertEquals(w(0, 0, 10), out.get(1).getSecond());
    }
  }

  @Test
  void keysSortByCenterThenChunk() {
    assertTrue(KMeansJobs.key(9, "part-z").compareTo(KMeansJobs.key(10, "part-a")) < 0);
    assertTrue(KMeansJobs.key(10, "part-a").compareTo(KMeansJobs.key(10, "part-b")) < 0);
    assertEquals(123456, KMeansJobs.center(KMeansJobs.key(123456, "part-00001-0002.bin")));
  }
}
