package io.drover.jobs.sql.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.parse.HiveDdl;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.PhysicalPlanner;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.rules.Rules;
import io.drover.jobs.sql.runtime.RowCodec;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.junit.jupiter.api.Test;

/**
 * The ORDER BY sampler on sorted, reverse-sorted and clustered input: split points over the
 * whole key range (each of 4 range partitions gets between half and twice its share of the
 * rows), for a text table and for an earlier stage's SequenceFile rows; and the windows it reads.
 */
class SortSamplerTest {
  static final int ROWS = 200_000;
  static final int PARTS = 4;

  @Test
  void windowsCoverASplittableSplitInEqualParts() {
    List<SortSampler.Window> w =
        SortSampler.windows(new long[] {10_000}, new boolean[] {true}, 1000, 100, 1000);
    assertEquals(10, w.size());
    long at = 0;
    for (SortSampler.Window x : w) {
      assertEquals(0, x.split());
      assertEquals(at, x.start());
      assertEquals(1000, x.length());
      assertEquals(100, x.rows());
      at += x.length();
    }
  }

  @Test
  void windowsGoToSplitsByBytesAndEverySplitGetsOne() {
    // 4 windows of 1000 bytes over 3 splits: one each, the fourth to the biggest
    List<SortSampler.Window> w = SortSampler.windows(new long[] {2000, 10, 1990},
        new boolean[] {true, true, false}, 400, 100, 1000);
    assertEquals(List.of(new SortSampler.Window(0, 0, 1000, 100),
        new SortSampler.Window(0, 1000, 1000, 100), new SortSampler.Window(1, 0, 10, 100),
        new SortSampler.Window(2, 0, 1990, 100)), w);
    // a compressed file (not splittable) is read from its start for all its windows' rows
    w = SortSampler.windows(new long[] {5000}, new boolean[] {false}, 500, 100, 1000);
    assertEquals(List.of(new SortSampler.Window(0, 0, 5000, 500)), w);
  }

  @Test
  void windowsOverManySplitsAreEvenlySpacedWholeSplits() {
    long[] lengths = new long[1000];
    Arrays.fill(lengths, 100);
    boolean[] splittable = new boolean[1000];
    List<SortSampler.Window> w = SortSampler.windows(lengths, splittable, 10_000, 10, 1000);
    assertEquals(List.of(50, 150, 250, 350, 450, 550, 650, 750, 850, 950),
        w.stream().map(SortSampler.Window::split).toList());
    assertTrue(w.stream().allMatch(x -> x.start() == 0 && x.length() == 100 && x.rows() == 1000));
    assertEquals(List.of(), SortSampler.windows(new long[0], new boolean[0], 100, 10, 1000));
  }

  @Test
  void sortedTextTableIsBalanced() throws Exception {
    balancedText("sorted", i -> i, "k");
  }

  @Test
  void reverseSortedTextTableIsBalanced() throws Exception {
    balancedText("reverse", i -> ROWS - 1 - i, "k");
  }

  @Test
  void sortedTextTableInDescendingOrderIsBalanced() throws Exception {
    balancedText("sorted-desc", i -> i, "k DESC");
  }

  @Test
  void clusteredTextTableIsBalanced() throws Exception {
    // ten runs of ascending keys, each over a tenth of the range, the runs in a shuffled order
    int[] runs = {7, 2, 9, 0, 5, 3, 8, 1, 6, 4};
    int run = ROWS / runs.length;
    balancedText("clustered", i -> (long) runs[(int) (i / run)] * run + i % run, "k");
  }

  @Test
  void sortedStageOutputIsBalanced() throws Exception {
    Path dir = TestDirs.fresh("sort-sampler-stage");
    Path table = Files.createDirectories(dir.resolve("t"));
    Files.writeString(table.resolve("part-0"), "1|a\n");
    Catalog catalog = catalog(table);
    // stage 1 groups, stage 2 sorts the groups it wrote: sampled from SequenceFile rows
    PhysicalPlan plan = plan(catalog,
        "SELECT k, count(*) AS n FROM t GROUP BY k ORDER BY k DESC");
    Stage sort = plan.stages().get(plan.stages().size() - 1);
    assertTrue(sort.shuffle() instanceof Shuffle.Sort, plan.explain());
    Stage group = plan.stages().get(0);
    Configuration conf = conf(plan, sort);
    Path out = Files.createDirectories(dir.resolve("stage-1"));
    conf.set(SqlConf.STAGE_DIR + group.id(), out.toUri().toString());
    RowCodec rows = new RowCodec(group.schema().stream().map(Field::type).toList());
    // two files, as two reducers write them, each sorted
    for (int f = 0; f < 2; f++) {
      try (SequenceFile.Writer w = SequenceFile.createWriter(conf,
          SequenceFile.Writer.file(new org.apache.hadoop.fs.Path(
              out.resolve("part-r-0000" + f).toUri())),
          SequenceFile.Writer.keyClass(NullWritable.class),
          SequenceFile.Writer.valueClass(BytesKey.class))) {
        BytesKey v = new BytesKey();
        for (long i = f * ROWS / 2; i < (f + 1) * ROWS / 2; i++) {
          byte[] b = rows.encode(new Object[] {i, 1L});
          v.set(b, 0, b.length);
          w.append(NullWritable.get(), v);
        }
      }
    }
    assertBalanced(conf, sort, LongUnaryOperator.identity(), "sorted stage output");
  }

  private void balancedText(String name, LongUnaryOperator key, String order) throws Exception {
    Path dir = TestDirs.fresh("sort-sampler-" + name);
    Path table = Files.createDirectories(dir.resolve("t"));
    try (BufferedWriter w = Files.newBufferedWriter(table.resolve("part-0"),
        StandardCharsets.UTF_8)) {
      for (long i = 0; i < ROWS; i++) {
        w.write(key.applyAsLong(i) + "|row " + i + "\n");
      }
    }
    PhysicalPlan plan = plan(catalog(table), "SELECT k, v FROM t ORDER BY " + order);
    Stage sort = plan.stages().get(plan.stages().size() - 1);
    assertTrue(sort.shuffle() instanceof Shuffle.Sort, plan.explain());
    assertBalanced(conf(plan, sort), sort, key, name);
  }

  /** Every row's key through the split points the sample gives: 4 partitions, none lopsided. */
  private static void assertBalanced(Configuration conf, Stage sort, LongUnaryOperator key,
      String what) throws Exception {
    List<byte[]> sample = SortSampler.sample(conf, sort, SqlConf.SORT_SAMPLE_ROWS_DEFAULT);
    assertTrue(sample.size() > 1000 && sample.size() <= SqlConf.SORT_SAMPLE_ROWS_DEFAULT,
        what + ": " + sample.size() + " keys sampled");
    byte[][] splits = RangePartitioner.splitPoints(sample, PARTS).toArray(new byte[0][]);
    assertEquals(PARTS - 1, splits.length, what);
    SortKeyCodec codec = Keys.sortCodec(((Shuffle.Sort) sort.shuffle()).keys());
    long[] counts = new long[PARTS];
    for (long i = 0; i < ROWS; i++) {
      byte[] k = codec.encode(new Object[] {key.applyAsLong(i)});
      counts[RangePartitioner.partition(splits, k, k.length)]++;
    }
    long share = ROWS / PARTS;
    for (long c : counts) {
      assertTrue(c >= share / 2 && c <= 2 * share, what + ": rows per partition "
          + Arrays.toString(counts));
    }
  }

  private static Catalog catalog(Path table) {
    return HiveDdl.addTables(Catalog.empty(), "CREATE EXTERNAL TABLE t (k BIGINT, v STRING) "
        + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '" + table.toUri() + "'",
        "test");
  }

  private static PhysicalPlan plan(Catalog catalog, String sql) {
    return PhysicalPlanner.plan(Rules.optimize(new SqlTranslator(catalog).translate(sql)),
        t -> 1L << 40, new PhysicalPlanner.Options(-1, Set.of()));
  }

  private static Configuration conf(PhysicalPlan plan, Stage stage) {
    Configuration conf = LocalConf.create();
    conf.set(SqlConf.PLAN, SqlConf.encode(plan));
    conf.setInt(SqlConf.STAGE, stage.id());
    return conf;
  }

}
