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
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kmeans mapper, combiner and reducer contracts through MRUnit; the job's partitioner and
 * comparators; the driver's reading of both paths' results.
 */
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
        KMeansJobs.readPartials(new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen());
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
        KMeansJobs.readPartials(new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen());
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
            () -> KMeansJobs.readPartials(new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen()));
    assertTrue(e.getMessage().contains("a partial of center 2"), e.getMessage());
  }

  @Test
  void keysSortByCenterThenChunk() {
    assertTrue(KMeansJobs.key(9, "part-z").compareTo(KMeansJobs.key(10, "part-a")) < 0);
    assertTrue(KMeansJobs.key(10, "part-a").compareTo(KMeansJobs.key(10, "part-b")) < 0);
    assertEquals(123456, KMeansJobs.center(KMeansJobs.key(123456, "part-00001-0002.bin")));
  }

  // ---- the reduce path ----

  /**
   * Partials whose sum depends on the order of addition: in chunk order (1e-17 + 1.0) - 1.0 is 0,
   * in the reverse order (-1.0 + 1.0) + 1e-17 is 1e-17.
   */
  static final ClusterWritable A = w(1, 0.1, 1e-17, 2);
  static final ClusterWritable B = w(2, 0.2, 1.0, 4);
  static final ClusterWritable C = w(3, 0.3, -1.0, 8);

  /** Center 0's next place and total as the map-only driver adds A, B, C (chunk order). */
  static ClusterWritable byChunkOrder() {
    ClusterSums s = new ClusterSums(2, 2);
    for (ClusterWritable v : List.of(A, B, C)) {
      s.merge(0, v.count(), v.cost(), v.vector());
    }
    return new ClusterWritable(s.count(0), s.cost(0), s.next(0, zeroAndTen2()));
  }

  /** Two centers in two dimensions: (0, 0) and (10, 10). */
  static Centers zeroAndTen2() {
    return new Centers(2, 2, new double[] {0, 0, 10, 10});
  }

  static Path state2;

  @BeforeAll
  static void centers2() throws Exception {
    state2 = TestDirs.fresh("kmeans-mrunit-2d").resolve("state.bin");
    try (OutputStream out = Files.newOutputStream(state2)) {
      CheckpointStore.writeState(out, zeroAndTen2().state());
    }
  }

  static void withCenters2(org.apache.hadoop.conf.Configuration c) {
    c.set(KMeansKeys.STATE, state2.toUri().toString());
    c.setInt(KMeansKeys.K, 2);
  }

  @Test
  void combinerPassesOnePartialOnWithItsBitsAndAddsTheValuesOfOneKey() throws Exception {
    // a map task reads one chunk and writes one partial per center: a group of one, unchanged
    // (-0.0 stays -0.0: no 0 + v)
    ReduceDriver.newReduceDriver(new PartialCombiner())
        .withInput(KMeansJobs.key(1, "c"), List.of(w(1, 0.5, -0.0, 2)))
        .withOutput(KMeansJobs.key(1, "c"), w(1, 0.5, -0.0, 2))
        .runTest();
    ReduceDriver.newReduceDriver(new PartialCombiner())
        .withInput(KMeansJobs.key(1, "c"), List.of(w(1, 0.5, 1, 2), w(2, 0.25, 3, 4)))
        .withOutput(KMeansJobs.key(1, "c"), w(3, 0.75, 4, 6))
        .runTest();
  }

  @Test
  void reducerAddsACentersPartialsInChunkOrderAndAnEmptyCenterKeepsItsPlace() throws Exception {
    ReduceDriver<Text, ClusterWritable, Text, ClusterWritable> d =
        ReduceDriver.newReduceDriver(new CentersReducer());
    withCenters2(d.getConfiguration());
    // one group (center 0), its values in chunk order as the shuffle's sort gives them
    List<Pair<Text, ClusterWritable>> out =
        d.withInput(KMeansJobs.key(0, "part-a"), List.of(A, B, C)).run();
    assertEquals(2, out.size());
    assertEquals(KMeansJobs.centerKey(0), out.get(0).getFirst());
    assertEquals(byChunkOrder(), out.get(0).getSecond());
    assertEquals(w(6, 0.1 + 0.2 + 0.3, 0.0, 14.0 / 6), out.get(0).getSecond());
    assertEquals(KMeansJobs.centerKey(1), out.get(1).getFirst());
    assertEquals(w(0, 0, 10, 10), out.get(1).getSecond());
  }

  /**
   * Reducer 1 of 2 owns centers 1 and 3 of 4 (center modulo 2): it writes center 1 from its
   * partial and center 3, which got none, in its old place; never 0 or 2.
   */
  @Test
  void aReducerWritesTheCentersItOwnsAndOnlyThose() throws Exception {
    Path four = TestDirs.fresh("kmeans-mrunit-4").resolve("state.bin");
    try (OutputStream out = Files.newOutputStream(four)) {
      CheckpointStore.writeState(out, new double[] {0, 10, 20, 30});
    }
    ReduceDriver<Text, ClusterWritable, Text, ClusterWritable> d =
        ReduceDriver.newReduceDriver(new CentersReducer());
    d.getConfiguration().set(KMeansKeys.STATE, four.toUri().toString());
    d.getConfiguration().setInt(KMeansKeys.K, 4);
    d.getConfiguration().setInt(org.apache.hadoop.mapreduce.MRJobConfig.NUM_REDUCES, 2);
    d.getConfiguration().setInt(org.apache.hadoop.mapreduce.MRJobConfig.TASK_PARTITION, 1);
    d.withInput(KMeansJobs.key(1, "part-a"), List.of(w(2, 1, 24)))
        .withOutput(KMeansJobs.centerKey(1), w(2, 1, 12))
        .withOutput(KMeansJobs.centerKey(3), w(0, 0, 30))
        .runTest();
    assertEquals(1, new CenterPartitioner().getPartition(KMeansJobs.key(7, "x"), A, 3));
    assertEquals(0, new CenterPartitioner().getPartition(KMeansJobs.key(6, "y"), A, 3));
  }

  /**
   * Map (the partials of three chunks, arriving in task order c, b, a), combiner or not, shuffle
   * sorted by (center, chunk) and grouped by center, reduce: the same bits as the map-only driver
   * adding them in chunk order, and other bits than adding them in arrival order.
   */
  @Test
  void combinedOrNotTheReducePathGivesTheMapOnlyPathsBits() throws Exception {
    List<Pair<Text, ClusterWritable>> partials =
        List.of(
            new Pair<>(KMeansJobs.key(0, "part-c"), C),
            new Pair<>(KMeansJobs.key(0, "part-b"), B),
            new Pair<>(KMeansJobs.key(0, "part-a"), A));
    KMeansJobs.Result mapOnly =
        KMeansJobs.readPartials(
            new org.apache.hadoop.conf.Configuration(),
            committed("kmeans-paths-map-only", partials),
            zeroAndTen2());
    for (boolean combine : new boolean[] {false, true}) {
      MapReduceDriver<Text, ClusterWritable, Text, ClusterWritable, Text, ClusterWritable> d =
          MapReduceDriver.newMapReduceDriver(
              new org.apache.hadoop.mapreduce.Mapper<
                  Text, ClusterWritable, Text, ClusterWritable>(),
              new CentersReducer());
      withCenters2(d.getConfiguration());
      d.withKeyGroupingComparator(new CenterGrouping());
      if (combine) {
        d.withCombiner(new PartialCombiner());
      }
      d.withAll(partials);
      List<Pair<Text, ClusterWritable>> out = d.run();
      assertEquals(2, out.size());
      assertEquals(byChunkOrder(), out.get(0).getSecond(), "combine " + combine);
      assertArrayEquals(mapOnly.next().center(0), out.get(0).getSecond().vector());
      assertEquals(mapOnly.costs()[0], out.get(0).getSecond().cost());
      assertEquals(w(0, 0, 10, 10), out.get(1).getSecond());
    }
    ClusterSums byArrival = new ClusterSums(2, 2);
    for (ClusterWritable v : List.of(C, B, A)) {
      byArrival.merge(0, v.count(), v.cost(), v.vector());
    }
    assertNotEquals(byArrival.next(0, zeroAndTen2())[0], byChunkOrder().vector()[0]);
  }

  static byte[] bytes(Text t) throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    t.write(new DataOutputStream(b));
    return b.toByteArray();
  }

  /** The reducer groups by center; the sort and the combiner's grouping use the whole key. */
  @Test
  void theReducePathsJobGroupsByCenterForTheReducerOnly() throws Exception {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    conf.setInt(org.apache.hadoop.mapreduce.MRJobConfig.NUM_REDUCES, 5);
    org.apache.hadoop.mapreduce.Job job =
        assignJob(conf, SumPath.REDUCE);
    assertEquals(2, job.getNumReduceTasks(), "at most k reducers");
    assertEquals(1, job.getConfiguration().getInt("mapreduce.task.io.sort.mb", 0), "k tiny partials");
    assertEquals(PartialCombiner.class, job.getCombinerClass());
    assertEquals(CentersReducer.class, job.getReducerClass());
    assertEquals(CenterPartitioner.class, job.getPartitionerClass());
    Text a = KMeansJobs.key(3, "part-a");
    Text b = KMeansJobs.key(3, "part-b");
    Text next = KMeansJobs.key(4, "part-a");
    org.apache.hadoop.io.RawComparator<?> group = job.getGroupingComparator();
    org.apache.hadoop.io.RawComparator<?> sort = job.getSortComparator();
    org.apache.hadoop.io.RawComparator<?> combine =
        new org.apache.hadoop.mapred.JobConf(job.getConfiguration())
            .getCombinerKeyGroupingComparator();
    for (Text[] pair : new Text[][] {{a, b}, {b, next}, {a, next}}) {
      byte[] x = bytes(pair[0]);
      byte[] y = bytes(pair[1]);
      int want = pair[0].compareTo(pair[1]);
      assertEquals(Integer.signum(want), Integer.signum(sort.compare(x, 0, x.length, y, 0, y.length)));
      assertEquals(
          Integer.signum(want), Integer.signum(combine.compare(x, 0, x.length, y, 0, y.length)));
      int center = Integer.compare(KMeansJobs.center(pair[0]), KMeansJobs.center(pair[1]));
      assertEquals(center, Integer.signum(group.compare(x, 0, x.length, y, 0, y.length)));
      assertEquals(center, Integer.signum(new CenterGrouping().compare(pair[0], pair[1])));
    }
    org.apache.hadoop.mapreduce.Job mapOnly =
        assignJob(conf, SumPath.MAP_ONLY);
    assertEquals(0, mapOnly.getNumReduceTasks());
  }

  @Test
  void theSortBufferFitsTheTasksPartialsWithinTheConfiguredSize() {
    assertEquals(1, KMeansJobs.sortMb(100, 10, 123)); // 20 kB
    assertEquals(13, KMeansJobs.sortMb(100, 1000, 800)); // 12.9 MB
    assertEquals(100, KMeansJobs.sortMb(100, 10_000, 1000)); // 161 MB: spills, as Hadoop does
    assertEquals(7, KMeansJobs.sortMb(7, 1000, 800)); // never above what the user set
  }

  @Test
  void readCentersTakesEveryCenterOnceAndRefusesAGap() throws Exception {
    org.apache.hadoop.fs.Path dir =
        committed(
            "kmeans-read-centers",
            List.of(
                new Pair<>(KMeansJobs.centerKey(1), w(0, 0, 10, 10)),
                new Pair<>(KMeansJobs.centerKey(0), w(6, 0.6, 1.5, 2.5))));
    KMeansJobs.Result r =
        KMeansJobs.read(
            new org.apache.hadoop.conf.Configuration(), dir, zeroAndTen2(), SumPath.REDUCE);
    assertArrayEquals(new long[] {6, 0}, r.counts());
    assertArrayEquals(new double[] {0.6, 0}, r.costs());
    assertArrayEquals(new double[] {1.5, 2.5, 10, 10}, r.next().state());
    org.apache.hadoop.fs.Path gap =
        committed(
            "kmeans-read-centers-gap", List.of(new Pair<>(KMeansJobs.centerKey(1), w(0, 0, 1, 1))));
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class,
            () ->
                KMeansJobs.read(
                    new org.apache.hadoop.conf.Configuration(),
                    gap,
                    zeroAndTen2(),
                    SumPath.REDUCE));
    assertTrue(e.getMessage().contains("center '000000001'"), e.getMessage());
    org.apache.hadoop.fs.Path short1 =
        committed(
            "kmeans-read-centers-short", List.of(new Pair<>(KMeansJobs.centerKey(0), w(0, 0, 1, 1))));
    e =
        assertThrows(
            java.io.IOException.class,
            () ->
                KMeansJobs.read(
                    new org.apache.hadoop.conf.Configuration(),
                    short1,
                    zeroAndTen2(),
                    SumPath.REDUCE));
    assertTrue(e.getMessage().endsWith("the reducers wrote 1 of 2 centers"), e.getMessage());
  }

  /** The assignment job of k 2, d 2 on the given path, as an iteration builds it. */
  private static org.apache.hadoop.mapreduce.Job assignJob(
      org.apache.hadoop.conf.Configuration conf, SumPath path) throws java.io.IOException {
    return KMeansJobs.assignJob(conf, new org.apache.hadoop.fs.Path("data"),
        new org.apache.hadoop.fs.Path("state.bin"), 2, 2, new org.apache.hadoop.fs.Path("out"),
        "test", path);
  }
}
