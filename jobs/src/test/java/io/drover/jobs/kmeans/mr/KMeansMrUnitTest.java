package io.drover.jobs.kmeans.mr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.iterate.CheckpointStore;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.ClusterSums;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kmeans mapper's contract through MRUnit; the driver's reading of its partials. */
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

  /** Writes each partial to its own part file, in the order given, as separate tasks would. */
  static org.apache.hadoop.fs.Path committed(String name, List<Pair<Text, ClusterWritable>> parts)
      throws Exception {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(TestDirs.fresh(name).toUri());
    for (int i = 0; i < parts.size(); i++) {
      try (SequenceFile.Writer w =
          SequenceFile.createWriter(
              conf,
              SequenceFile.Writer.file(
                  new org.apache.hadoop.fs.Path(dir, String.format("part-m-%05d", i))),
              SequenceFile.Writer.keyClass(Text.class),
              SequenceFile.Writer.valueClass(ClusterWritable.class))) {
        w.append(parts.get(i).getFirst(), parts.get(i).getSecond());
      }
    }
    return dir;
  }

  static Centers zeroAndTen() {
    return new Centers(2, 1, new double[] {0, 10});
  }

  @Test
  void readGivesEveryCenterAndAnEmptyOneKeepsItsPlace() throws Exception {
    org.apache.hadoop.fs.Path dir =
        committed(
            "kmeans-read",
            List.of(
                new Pair<>(KMeansJobs.key(0, "b"), w(1, 2, 6)),
                new Pair<>(KMeansJobs.key(0, "a"), w(2, 1, 3))));
    KMeansJobs.Result r =
        KMeansJobs.read(new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen());
    assertArrayEquals(new long[] {3, 0}, r.counts());
    assertArrayEquals(new double[] {3, 0}, r.costs());
    assertArrayEquals(new double[] {3, 10}, r.next().state());
    assertEquals(1, r.empty());
  }

  /** The partials of a center are added in chunk order, whatever file (task) holds which. */
  @Test
  void readAddsInChunkOrderWhateverOrderTheFilesListThem() throws Exception {
    ClusterWritable a = w(1, 0.1, 1e-17);
    ClusterWritable b = w(1, 0.2, 1.0);
    ClusterWritable c = w(1, 0.3, -1.0);
    org.apache.hadoop.fs.Path dir =
        committed(
            "kmeans-read-order",
            List.of(
                new Pair<>(KMeansJobs.key(0, "part-b"), b),
                new Pair<>(KMeansJobs.key(0, "part-c"), c),
                new Pair<>(KMeansJobs.key(0, "part-a"), a)));
    KMeansJobs.Result r =
        KMeansJobs.read(new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen());
    ClusterSums byChunk = new ClusterSums(2, 1);
    for (ClusterWritable v : List.of(a, b, c)) {
      byChunk.merge(0, v.count(), v.cost(), v.vector());
    }
    assertArrayEquals(byChunk.next(zeroAndTen()).state(), r.next().state());
    assertEquals(byChunk.cost(0), r.costs()[0]);
    // the files' order gives other bits: (1.0 - 1.0) + 1e-17, where chunk order loses the 1e-17
    ClusterSums byFile = new ClusterSums(2, 1);
    for (ClusterWritable v : List.of(b, c, a)) {
      byFile.merge(0, v.count(), v.cost(), v.vector());
    }
    assertNotEquals(byFile.next(zeroAndTen()).center(0)[0], r.next().center(0)[0]);
  }

  @Test
  void aPartialOfACenterBeyondKIsAnError() throws Exception {
    org.apache.hadoop.fs.Path dir =
        committed("kmeans-read-bad", List.of(new Pair<>(KMeansJobs.key(2, "a"), w(1, 0, 1))));
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class,
            () -> KMeansJobs.read(new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen()));
    assertTrue(e.getMessage().contains("a partial of center 2"), e.getMessage());
  }

  @Test
  void keysSortByCenterThenChunk() {
    assertTrue(KMeansJobs.key(9, "part-z").compareTo(KMeansJobs.key(10, "part-a")) < 0);
    assertTrue(KMeansJobs.key(10, "part-a").compareTo(KMeansJobs.key(10, "part-b")) < 0);
    assertEquals(123456, KMeansJobs.center(KMeansJobs.key(123456, "part-00001-0002.bin")));
  }
}
