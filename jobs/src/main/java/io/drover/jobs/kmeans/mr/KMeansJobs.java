package io.drover.jobs.kmeans.mr;

import io.drover.common.iterate.CheckpointStore;
import io.drover.common.iterate.KeyedPartials;
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
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/** The kmeans job exactly as the tool submits it, its keys, and the reading of its result. */
public final class KMeansJobs {
  private KMeansJobs() {}

  /**
   * One Lloyd step over the training set in {@code dataDir} (gd's binary chunks) from the centers
   * in {@code stateFile}: a map-only job ({@link KeyedPartials}), each task committing its chunk's
   * partial per non-empty center to {@code output}, keyed by {@link #key}; {@link #read} adds them
   * up into each center's count, cost and new center. {@code base} carries the standardization
   * ({@link io.drover.jobs.gd.mr.GdKeys#SCALING}) when the run has one.
   */
  public static Job assignJob(
      Configuration base, Path dataDir, Path stateFile, int k, Path output, String what)
      throws IOException {
    Job job = Job.getInstance(LeanJobConf.of(base), "drover kmeans " + what);
    JobJar.use(job);
    GdJobs.pollQuickly(job.getConfiguration());
    job.getConfiguration().set(KMeansKeys.STATE, stateFile.toString());
    job.getConfiguration().setInt(KMeansKeys.K, k);
    job.setInputFormatClass(TrainingSetInputFormat.class);
    FileInputFormat.setInputPaths(job, dataDir);
    job.setMapperClass(AssignMapper.class);
    KeyedPartials.mapOnly(job, ClusterWritable.class, output);
    return job;
  }

  /** The map output key: the center zero-padded (so text order is center order), the chunk. */
  static Text key(int center, String chunk) {
    return new Text(String.format("%09d %s", center, chunk));
  }

  /** The center of a {@link #key}. */
  static int center(Text key) {
    return Integer.parseInt(new String(key.getBytes(), 0, 9, StandardCharsets.US_ASCII));
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
   * What an {@link #assignJob} (or kmeans-evaluate's job) committed to {@code dir}, from the
   * centers {@code old} it started at: the partials added per center in key order (center, then
   * chunk), as one reducer added them after the shuffle's sort, so the sums have the same bits
   * however the tasks were scheduled; the new centers by {@link ClusterSums#next} (an empty
   * cluster keeps its center).
   */
  public static Result read(Configuration conf, Path dir, Centers old) throws IOException {
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
   * The training set's points, read on the client for k-means++: the chunk files in name order
   * (input file, then chunk), records in order, dense and standardized as the tasks see them.
   */
  public static KMeansPlusPlus.Points points(
      Configuration conf, Path dataDir, long n, int d, Standardization std) throws IOException {
    FileSystem fs = dataDir.getFileSystem(conf);
    List<Path> chunks = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dataDir)) {
      String name = st.getPath().getName();
      if (name.startsWith("part-") && name.endsWith(TrainingSetInputFormat.SUFFIX)) {
        chunks.add(st.getPath());
      }
    }
    chunks.sort(null);
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
