package io.drover.common.run;

import io.drover.common.cli.UsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Text input for jobs that read many files ({@link PackedTextInputFormat}): checks every input
 * exists, reads directories recursively, and packs small files into few splits (one map task per 300 small files is what
 * makes Hadoop's WordCount slow). Compressed input (gzip, bzip2, ...) is read transparently.
 */
public final class InputPacking {
  /** Upper bound of one packed split, in bytes. Unset: chosen from the input size (see below). */
  public static final String SPLIT_MAX_BYTES = "drover.input.split.max-bytes";

  /** Local runner: at least this much per split, so tiny inputs do not start many tasks. */
  static final long LOCAL_MIN_SPLIT = 4L << 20;

  /** Cluster default when unset: one HDFS block. */
  static final long CLUSTER_SPLIT = 128L << 20;

  /**
   * Hadoop's rule for input listings ({@code FileInputFormat}'s hidden-file filter): names that
   * start with {@code _} or {@code .} ({@code _SUCCESS}, {@code .crc} files, work dirs) are not
   * input.
   */
  public static final PathFilter VISIBLE =
      p -> !p.getName().startsWith("_") && !p.getName().startsWith(".");

  private InputPacking() {}

  /** True when jobs run in this JVM on Hadoop's LocalJobRunner (framework unset or local). */
  public static boolean isLocal(Configuration conf) {
    return MRConfig.LOCAL_FRAMEWORK_NAME.equals(
        conf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME));
  }

  /** Expands globs and checks that each input exists; the message names the missing path. */
  public static List<Path> resolveInputs(Configuration conf, List<Path> inputs)
      throws IOException, UsageException {
    List<Path> found = new ArrayList<>();
    for (Path p : inputs) {
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new UsageException("input path does not exist: " + fs.makeQualified(p));
      }
      for (FileStatus m : matches) {
        found.add(m.getPath());
      }
    }
    return found;
  }

  /**
   * Sets {@link CombineTextInputFormat} over {@code inputs} with a split size that gives each map
   * slot about one split in local mode, and one block per split on a cluster.
   */
  public static void configure(Job job, List<Path> inputs) throws IOException {
    Configuration conf = job.getConfiguration();
    job.setInputFormatClass(PackedTextInputFormat.class);
    FileInputFormat.setInputDirRecursive(job, true);
    FileInputFormat.setInputPaths(job, inputs.toArray(new Path[0]));
    CombineTextInputFormat.setMaxInputSplitSize(job, splitBytes(conf, inputs));
  }

  /**
   * The upper bound of one packed split: {@link #SPLIT_MAX_BYTES} when set to a positive value,
   * else {@link #defaultSplitBytes}.
   */
  public static long splitBytes(Configuration conf, List<Path> inputs) throws IOException {
    long max = conf.getLong(SPLIT_MAX_BYTES, -1);
    return max > 0 ? max : defaultSplitBytes(conf, inputs);
  }

  /**
   * The packed split size used when {@link #SPLIT_MAX_BYTES} is unset: about one split per map
   * slot in local mode (at least 4 MiB), one HDFS block on a cluster.
   */
  public static long defaultSplitBytes(Configuration conf, List<Path> inputs) throws IOException {
    if (!isLocal(conf)) {
      return CLUSTER_SPLIT;
    }
    long total = 0;
    for (Path p : inputs) {
      total += p.getFileSystem(conf).getContentSummary(p).getLength();
    }
    int slots = Math.max(1, conf.getInt("mapreduce.local.map.tasks.maximum", 1));
    long perSlot = (total + slots - 1) / slots;
    return Math.max(LOCAL_MIN_SPLIT, perSlot);
  }
}
