package io.drover.common.iterate;

import io.drover.common.run.LeanFileOutputFormat;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * A step whose map tasks each sum their split in memory and commit a few small partials, keyed by
 * text (for example the split's name), and whose driver adds the committed partials in key order:
 * a map-only job, so no shuffle, sort, reduce task or map output buffer per iteration.
 *
 * <p>Adding in key order is what one reducer did after the shuffle's sort, so the total has the
 * same bits however the tasks were scheduled. Only committed task attempts' files are in the
 * output dir, so a failed or killed attempt's partial is never read; a key seen twice (two
 * tasks writing the same key) is an error, not a silent double count.
 */
public final class KeyedPartials {
  private KeyedPartials() {}

  /**
   * Makes {@code job} map-only, its tasks writing {@code Text} keys and {@code valueClass} partials
   * to SequenceFile {@code part-m-*} files of {@code output}.
   */
  public static void mapOnly(Job job, Class<? extends Writable> valueClass, Path output) {
    job.setNumReduceTasks(0);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(valueClass);
    LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
  }

  /**
   * Every partial committed to {@code dir} (its {@code part-*} files), by key in key order: iterate
   * its values to add them as the one reducer did. Also reads the small keyed results of a job with
   * a reduce phase that writes SequenceFiles of {@code Text} keys (kmeans' reducers: one record per
   * center), whose part files are {@code part-r-*}.
   *
   * @throws IOException also when a key occurs twice, naming the file
   */
  public static <V extends Writable> SortedMap<String, V> read(
      Configuration conf, Path dir, Supplier<V> newValue) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    SortedMap<String, V> byKey = new TreeMap<>();
    for (FileStatus st : fs.listStatus(dir, p -> p.getName().startsWith("part-"))) {
      try (SequenceFile.Reader r =
          new SequenceFile.Reader(conf, SequenceFile.Reader.file(st.getPath()))) {
        Text key = new Text();
        V value = newValue.get();
        while (r.next(key, value)) {
          if (byKey.put(key.toString(), value) != null) {
            throw new IOException(st.getPath() + ": a second partial keyed " + key);
          }
          value = newValue.get();
        }
      }
    }
    return byKey;
  }
}
