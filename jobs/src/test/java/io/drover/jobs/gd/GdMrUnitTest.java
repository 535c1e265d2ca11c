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

  /**
   * The map-only job's partials, whatever file holds which: added in key (chunk) order, as
   * {@link GdJobs#readTotal} reads them back from the committed {@code part-m-*} files.
   */
  @Test
  void partialsAreAddedInChunkOrderWhateverOrderTheyArrive() throws Exception {
    PartialWritable a = p(1, 0.1, 0.1, 1e-17);
    PartialWritable b = p(1, 0.2, 0.2, 1.0);
    PartialWritable c = p(1, 0.3, 0.3, -1.0);
    PartialWritable expected = new PartialWritable();
    for (PartialWritable v : List.of(a, b, c)) { // by key: part-a, part-b, part-c
      expected.add(v);
    }
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    org.apache.hadoop.fs.Path dir =
        new org.apache.hadoop.fs.Path(TestDirs.fresh("gd-partials").toUri());
    String[] keys = {"part-b", "part-c", "part-a"}; // file order differs from key order
    PartialWritable[] values = {b, c, a};
    for (int i = 0; i < keys.length; i++) {
      try (org.apache.hadoop.io.SequenceFile.Writer w =
          org.apache.hadoop.io.SequenceFile.createWriter(
              conf,
              org.apache.hadoop.io.SequenceFile.Writer.file(
                  new org.apache.hadoop.fs.Path(dir, String.format("part-m-%05d", i))),
              org.apache.hadoop.io.SequenceFile.Writer.keyClass(Text.class),
              org.apache.hadoop.io.SequenceFile.Writer.valueClass(PartialWritable.class))) {
        w.append(new Text(keys[i]), values[i]);
      }
    }
    PartialWritable total = GdJobs.readTotal(conf, dir);
    assertArrayEquals(expected.grad(), total.grad());
    assertEquals(expected, total);
    // the files' order really gives other bits (key order loses the 1e-17 in 1e-17 + 1.0)
    PartialWritable other = new PartialWritable();
    for (PartialWritable v : List.of(b, c, a)) {
      other.add(v);
    }
    org.junit.jupiter.api.Assertions.assertNotEquals(expected.grad()[1], other.grad()[1]);
  }
}
