package io.drover.jobs.kmeans.mr;

import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.ClusterSums;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * One chunk of the training set per task, read in bulk: each point (dense, standardized when the
 * run is) goes to its nearest center in memory ({@link ClusterSums}); at the end one partial per
 * non-empty center, keyed by {@link KMeansJobs#key} (center, then chunk), so the reducer (or, on
 * the map-only path, the driver) adds the partials of a center in chunk order whatever order the
 * tasks finished in.
 */
public class AssignMapper extends Mapper<NullWritable, NullWritable, Text, ClusterWritable> {
  /** Counters of the kmeans job. */
  public enum Counters {
    POINTS
  }

  @Override
  public void run(Context ctx) throws IOException, InterruptedException {
    KMeansJobs.Task task = KMeansJobs.task(ctx.getConfiguration());
    Centers centers = task.centers();
    Standardization std = task.standardization();
    int d = centers.dimension();
    FileSplit split = (FileSplit) ctx.getInputSplit();
    String chunk = split.getPath().getName();
    ByteBuffer buf = ByteBuffer.wrap(KMeansJobs.readFully(ctx.getConfiguration(), split.getPath()));
    ClusterSums sums = new ClusterSums(centers.k(), d);
    double[] x = new double[d];
    long n =
        TrainingRecords.forEach(
            buf,
            (label, nnz, idx, val) -> {
              KMeansJobs.dense(nnz, idx, val, x);
              std.standardize(x);
              sums.add(centers, x);
            });
    ctx.getCounter(Counters.POINTS).increment(n);
    for (int c = 0; c < centers.k(); c++) {
      if (sums.count(c) > 0) {
        ctx.write(
            KMeansJobs.key(c, chunk),
            new ClusterWritable(sums.count(c), sums.cost(c), sums.sum(c)));
      }
    }
  }
}
