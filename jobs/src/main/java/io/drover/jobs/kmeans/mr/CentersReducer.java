package io.drover.jobs.kmeans.mr;

import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.ClusterSums;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The reducer of the reduce path: one call per center ({@link CenterGrouping}), its partials in
 * chunk order (the shuffle sorts the whole key, center then chunk: a secondary sort), added from
 * zero in that order by {@link ClusterSums#merge} exactly as the map-only path's driver adds them,
 * so the bits do not depend on the schedule or the path. Writes per center it owns ({@link
 * CenterPartitioner}) its count, cost and next place ({@link ClusterSums#next(int, Centers)}),
 * keyed {@link KMeansJobs#centerKey}; a center no point chose gets no partial, so it is written at
 * the end in its old place (Spark's rule). The k results of all reducers are what the driver reads.
 */
public class CentersReducer extends Reducer<Text, ClusterWritable, Text, ClusterWritable> {
  private Centers old;
  private ClusterSums sums;
  private boolean[] written;

  @Override
  protected void setup(Context ctx) throws IOException {
    old = KMeansJobs.task(ctx.getConfiguration()).centers();
    sums = new ClusterSums(old.k(), old.dimension());
    written = new boolean[old.k()];
  }

  @Override
  protected void reduce(Text key, Iterable<ClusterWritable> values, Context ctx)
      throws IOException, InterruptedException {
    int c = KMeansJobs.center(key);
    if (c >= old.k()) {
      throw new IOException("a partial of center " + c + " for " + old.k() + " centers");
    }
    if (written[c]) {
      throw new IOException("center " + c + " reduced twice (the grouping must be by center)");
    }
    for (ClusterWritable v : values) {
      sums.merge(c, v.count(), v.cost(), v.vector());
    }
    write(c, ctx);
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    int partition = ctx.getConfiguration().getInt(MRJobConfig.TASK_PARTITION, 0);
    int reducers = ctx.getNumReduceTasks();
    for (int c = 0; c < old.k(); c++) {
      if (!written[c] && CenterPartitioner.partition(c, reducers) == partition) {
        write(c, ctx);
      }
    }
  }

  private void write(int c, Context ctx) throws IOException, InterruptedException {
    written[c] = true;
    ctx.write(
        KMeansJobs.centerKey(c),
        new ClusterWritable(sums.count(c), sums.cost(c), sums.next(c, old)));
  }
}
