package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DoubleWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.junit.jupiter.api.Test;

/** The map-only partials: a real job on the LocalJobRunner, and the reading rules. */
class KeyedPartialsTest {
  /** Sums its file's numbers in memory; one partial keyed by the file's name at the end. */
  public static class SumMapper extends Mapper<LongWritable, Text, Text, DoubleWritable> {
    private double sum;

    @Override
    protected void map(LongWritable k, Text line, Context ctx) {
      sum += Double.parseDouble(line.toString());
    }

    @Override
    protected void cleanup(Context ctx) throws IOException, InterruptedException {
      ctx.write(new Text(((FileSplit) ctx.getInputSplit()).getPath().getName()),
          new DoubleWritable(sum));
    }
  }

  @Test
  void aMapOnlyJobCommitsOnePartialPerTaskAndTheyComeBackInKeyOrder() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("keyed-partials-job");
    java.nio.file.Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("c.txt"), "-1.0\n");
    Files.writeString(in.resolve("a.txt"), "1e-17\n");
    Files.writeString(in.resolve("b.txt"), "0.5\n0.5\n");
    Configuration conf = LocalConf.create();
    Job job = Job.getInstance(conf, "keyed partials");
    job.setMapperClass(SumMapper.class);
    FileInputFormat.addInputPath(job, new Path(in.toUri()));
    Path out = new Path(dir.resolve("out").toUri());
    KeyedPartials.mapOnly(job, DoubleWritable.class, out);
    assertTrue(job.waitForCompletion(false));
    assertEquals(0, job.getNumReduceTasks());
    try (Stream<java.nio.file.Path> s = Files.list(dir.resolve("out"))) {
      assertTrue(s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("part-"))
          .allMatch(n -> n.startsWith("part-m-")));
    }
    SortedMap<String, DoubleWritable> byKey = KeyedPartials.read(conf, out, DoubleWritable::new);
    assertEquals(List.of("a.txt", "b.txt", "c.txt"), List.copyOf(byKey.keySet()));
    double total = 0;
    for (DoubleWritable v : byKey.values()) {
      total += v.get();
    }
    // key order: (1e-17 + 1.0) - 1.0 = 0, where the order b, c, a gives 1e-17
    assertEquals(0.0, total);
  }

  static void write(Configuration conf, Path file, Map<String, Double> partials)
      throws IOException {
    try (SequenceFile.Writer w = SequenceFile.createWriter(conf, SequenceFile.Writer.file(file),
        SequenceFile.Writer.keyClass(Text.class),
        SequenceFile.Writer.valueClass(DoubleWritable.class))) {
      for (Map.Entry<String, Double> e : partials.entrySet()) {
        w.append(new Text(e.getKey()), new DoubleWritable(e.getValue()));
      }
    }
  }

  @Test
  void keyOrderWhateverFileHoldsWhichAndOnlyPartFilesAreRead() throws Exception {
    Configuration conf = new Configuration();
    Path dir = new Path(TestDirs.fresh("keyed-partials-read").toUri());
    write(conf, new Path(dir, "part-m-00000"), Map.of("z", 3.0));
    write(conf, new Path(dir, "part-m-00001"), Map.of("b", 2.0));
    write(conf, new Path(dir, "part-m-00002"), Map.of("a", 1.0));
    write(conf, new Path(dir, "_stale"), Map.of("a0", 9.0));
    dir.getFileSystem(conf).create(new Path(dir, "_SUCCESS")).close();
    SortedMap<String, DoubleWritable> byKey = KeyedPartials.read(conf, dir, DoubleWritable::new);
    assertEquals(List.of("a", "b", "z"), List.copyOf(byKey.keySet()));
    assertEquals(List.of(1.0, 2.0, 3.0),
        byKey.values().stream().map(DoubleWritable::get).toList());
  }

  @Test
  void aKeyTwiceIsAnErrorNamingTheFile() throws Exception {
    Configuration conf = new Configuration();
    Path dir = new Path(TestDirs.fresh("keyed-partials-twice").toUri());
    write(conf, new Path(dir, "part-m-00000"), Map.of("chunk-1", 1.0));
    write(conf, new Path(dir, "part-m-00001"), Map.of("chunk-1", 1.0));
    IOException e = assertThrows(IOException.class,
        () -> KeyedPartials.read(conf, dir, DoubleWritable::new));
    assertTrue(e.getMessage().contains("part-m-0000"), e.getMessage());
    assertTrue(e.getMessage().endsWith("a second partial keyed chunk-1"), e.getMessage());
  }
}
