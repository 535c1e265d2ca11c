package io.drover.jobs.kmeans.mr;

import io.drover.common.iterate.CheckpointStore;
import io.drover.common.iterate.KeyedPartials;
import io.drover.common.run.LeanFileOutputFormat;
import io.drover.common.run.LeanJobConf;
import io.drover.jobs.JobJar;
import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.GradientMapper;
import io.drover.jobs.gd.mr.TrainingSetInputFormat;
import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.ClusterSums;
import io.drover.jobs.kmeans.model.KMeansPlusPlus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/** The kmeans job exactly as the tool submits it, its keys, and the reading of its result. */
public final class KMeansJobs {
  private KMeansJobs() {}

  /**
   * One Lloyd step over the training set in {@code dataDir} (gd's binary chunks) from the centers
   * in {@code stateFile} (k centers of dimension d), each map task summing its chunk per center, its results into {@code
   * output} the way {@link #collect} says; {@link #read} gives each center's count, cost and new
   * center. {@code base} carries the standardization ({@link io.drover.jobs.gd.mr.GdKeys#SCALING})
   * when the run has one.
   */
  public static Job assignJob(
      Configuration base,
      Path dataDir,
      Path stateFile,
      int k,
      int d,
      Path output,
      String what,
      SumPath path)
      throws IOException {
    Job job = Job.getInstance(LeanJobConf.of(base), "drover kmeans " + what);
    JobJar.use(job);
    GdJobs.pollQuickly(job.getConfiguration());
    job.getConfiguration().set(KMeansKeys.STATE, stateFile.toString());
    job.getConfiguration().setInt(KMeansKeys.K, k);
    job.setInputFormatClass(TrainingSetInputFormat.class);
    FileInputFormat.setInputPaths(job, dataDir);
    job.setMapperClass(AssignMapper.class);
    collect(job, k, d, output, path);
    return job;
  }

  /**
   * How a job whose mappers write one partial per center keyed {@link #key} (the assignment job,
   * kmeans-evaluate's) gets its partials to the driver. {@link SumPath#REDUCE}: a combiner ({@link
   * PartialCombiner}), the partials of a center to one reducer ({@link CenterPartitioner}), grouped
   * by center ({@link CenterGrouping}) and sorted by chunk within it, {@link CentersReducer} adding
   * them and writing each center's count, cost and next place: k records. The reducers are as many
   * as {@code mapreduce.job.reduces} says (default 1), at most k. {@link SumPath#MAP_ONLY}: the
   * tasks commit their partials ({@link KeyedPartials}) and the driver adds them.
   */
  public static void collect(Job job, int k, int d, Path output, SumPath path) {
    if (path == SumPath.MAP_ONLY) {
      KeyedPartials.mapOnly(job, ClusterWritable.class, output);
      return;
    }
    job.setCombinerClass(PartialCombiner.class);
    job.setPartitionerClass(CenterPartitioner.class);
    job.setGroupingComparatorClass(CenterGrouping.class);
    job.setReducerClass(CentersReducer.class);
    job.setNumReduceTasks(reducers(job.getConfiguration(), k));
    Configuration c = job.getConfiguration();
    c.setInt(MRJobConfig.IO_SORT_MB, sortMb(c.getInt(MRJobConfig.IO_SORT_MB, 100), k, d));
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(ClusterWritable.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(ClusterWritable.class);
    LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
  }

  /** The reduce path's reducers: {@code mapreduce.job.reduces} (default 1), 1 to k. */
  public static int reducers(Configuration conf, int k) {
    return Math.max(1, Math.min(conf.getInt(MRJobConfig.NUM_REDUCES, 1), k));
  }

  /**
   * The map tasks' sort buffer: what a task's k partials need with room to spare, at most what
   * the configuration says (Hadoop's default 100 MB). Hadoop allocates the whole buffer in every
   * map task before the first record, so a job writing a few kB paid for 100 MB per task.
   */
  static int sortMb(int configured, long k, long d) {
    long need = k * (8 * d + 64) * 2; // key, count, cost, length, d doubles; and the metadata
    return (int) Math.max(1, Math.min(configured, (need >> 20) + 1));
  }

  /** The digits of the center at the start of every key. */
  static final int CENTER_DIGITS = 9;

  /** The map output key: the center zero-padded (so text order is center order), the chunk. */
  static Text key(int center, String chunk) {
    return new Text(String.format("%09d %s", center, chunk));
  }

  /** The reducer's output key: the center zero-padded. */
  static Text centerKey(int center) {
    return new Text(String.format("%09d", center));
  }

  /** The center of a {@link #key}. */
  static int center(Text key) {
    return Integer.parseInt(
        new String(key.getBytes(), 0, CENTER_DIGITS, StandardCharsets.US_ASCII));
  }

  /** What a task reads from its configuration: the centers and the standardization. */
  record Task(Centers centers, Standardization standardization) {}

  static Task task(Configuration conf) throws IOException {
    String file = conf.get(KMeansKeys.STATE);
    int k = conf.getInt(KMeansKeys.K, 0);
    if (file == null || k < 1) {
      throw new IOException(KMeansKeys.STATE + " and " + KMeansKeys.K + " must be set");
    }
    Path p = new Path(file);
    Centers centers = Centers.ofState(k, CheckpointStore.readState(p.getFileSystem(conf), p));
    return new Task(centers, GradientMapper.standardization(conf, centers.dimension()));
  }

  static byte[] readFully(Configuration conf, Path p) throws IOException {
    return GradientMapper.readFully(conf, p);
  }

  /** A sparse record as the dense vector {@code x} (its length is the dimension). */
  static void dense(int nnz, int[] idx, double[] val, double[] x) {
    Arrays.fill(x, 0);
    for (int i = 0; i < nnz; i++) {
      x[idx[i]] = val[i];
    }
  }

  /** What the job wrote: per center the count, the cost and the new center. */
  public record Result(long[] counts, double[] costs, Centers next) {
    public long total() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /** The cost of all points, added in center order. */
    public double cost() {
      double s = 0;
      for (double c : costs) {
        s += c;
      }
      return s;
    }

    public int empty() {
      int e = 0;
      for (long c : counts) {
        if (c == 0) {
          e++;
        }
      }
      return e;
    }
  }

  /**
   * What an {@link #assignJob} (or kmeans-evaluate's job) collected in {@code dir} the way {@code
   * path} says, from the centers {@code old} it started at: per center the count, cost and next
   * place. Both ways give the same bits: the partials of a center are added from zero in chunk
   * order (by the reducer, or here as the reducer would), and an empty center keeps its place.
   */
  public static Result read(Configuration conf, Path dir, Centers old, SumPath path)
      throws IOException {
    return path == SumPath.MAP_ONLY ? readPartials(conf, dir, old) : readCenters(conf, dir, old);
  }

  /**
   * The map-only path: the partials committed to {@code dir} added per center in key order
   * (center, then chunk), so the sums have the same bits however the tasks were scheduled; the new
   * centers by {@link ClusterSums#next} (an empty cluster keeps its center).
   */
  static Result readPartials(Configuration conf, Path dir, Centers old) throws IOException {
    int k = old.k();
    ClusterSums sums = new ClusterSums(k, old.dimension());
    for (java.util.Map.Entry<String, ClusterWritable> e :
        KeyedPartials.read(conf, dir, ClusterWritable::new).entrySet()) {
      int c = center(new Text(e.getKey()));
      ClusterWritable v = e.getValue();
      if (c >= k || v.vector().length != old.dimension()) {
        throw new IOException(
            dir + ": a partial of center " + c + " with " + v.vector().length
                + " coordinates, for " + k + " centers of dimension " + old.dimension());
      }
      sums.merge(c, v.count(), v.cost(), v.vector());
    }
    long[] counts = new long[k];
    double[] costs = new double[k];
    for (int c = 0; c < k; c++) {
      counts[c] = sums.count(c);
      costs[c] = sums.cost(c);
    }
    return new Result(counts, costs, sums.next(old));
  }

  /**
   * The reduce path: the k records the reducers wrote to {@code dir} (count, cost, next place per
   * center, keyed {@link #centerKey}); every center exactly once, or an error naming the dir.
   */
  static Result readCenters(Configuration conf, Path dir, Centers old) throws IOException {
    int k = old.k();
    int d = old.dimension();
    java.util.SortedMap<String, ClusterWritable> byCenter =
        KeyedPartials.read(conf, dir, ClusterWritable::new);
    long[] counts = new long[k];
    double[] costs = new double[k];
    double[] next = new double[k * d];
    int c = 0;
    for (java.util.Map.Entry<String, ClusterWritable> e : byCenter.entrySet()) {
      ClusterWritable v = e.getValue();
      if (c >= k || !e.getKey().equals(centerKey(c).toString()) || v.vector().length != d) {
        throw new IOException(
            dir + ": the reducers wrote center '" + e.getKey() + "' with " + v.vector().length
                + " coordinates where center " + c + " of " + k + " (dimension " + d
                + ") was due");
      }
      counts[c] = v.count();
      costs[c] = v.cost();
      System.arraycopy(v.vector(), 0, next, c * d, d);
      c++;
    }
    if (c != k) {
      throw new IOException(dir + ": the reducers wrote " + c + " of " + k + " centers");
    }
    return new Result(counts, costs, new Centers(k, d, next));
  }

  /** The chunk files of the training set in {@code dataDir}, in name order. */
  private static List<Path> chunks(Configuration conf, Path dataDir) throws IOException {
    FileSystem fs = dataDir.getFileSystem(conf);
    List<Path> chunks = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dataDir)) {
      String name = st.getPath().getName();
      if (name.startsWith("part-") && name.endsWith(TrainingSetInputFormat.SUFFIX)) {
        chunks.add(st.getPath());
      }
    }
    chunks.sort(null);
    return chunks;
  }

  /**
   * The training set's points, read on the client for k-means++: the chunk files in name order
   * (input file, then chunk), records in order, dense and standardized as the tasks see them.
   */
  public static KMeansPlusPlus.Points points(
      Configuration conf, Path dataDir, long n, int d, Standardization std) throws IOException {
    List<Path> chunks = chunks(conf, dataDir);
    return new KMeansPlusPlus.Points() {
      @Override
      public long size() {
        return n;
      }

      @Override
      public int dimension() {
        return d;
      }

      @Override
      public void forEach(KMeansPlusPlus.Visitor v) throws IOException {
        double[] x = new double[d];
        long[] i = {0};
        for (Path chunk : chunks) {
          TrainingRecords.forEach(
              ByteBuffer.wrap(readFully(conf, chunk)),
              (label, nnz, idx, val) -> {
                dense(nnz, idx, val, x);
                std.standardize(x);
                v.point(i[0]++, x);
              });
        }
      }
    };
  }
}
