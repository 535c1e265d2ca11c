package io.drover.jobs.kmeans.mr;

import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.ClusterSums;
import java.io.IOException;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The one reducer: adds the partials in key order (center, then chunk), so the sums have the same
 * bits however the tasks were scheduled, and writes each center's count, cost and new center
 * ({@link ClusterSums#next}: an empty cluster keeps its center), keyed by the center's index.
 */
public class CentersReducer extends Reducer<Text, ClusterWritable, IntWritable, ClusterWritable> {
  private Centers old;
  private ClusterSums sums;

  @Override
  protected void setup(Context ctx) throws IOException {
    old = KMeansJobs.task(ctx.getConfiguration()).centers();
    sums = new ClusterSums(old.k(), old.dimension());
  }

  @Override
  protected void reduce(Text key, Iterable<ClusterWritable> values, Context ctx) {
    int c = KMeansJobs.center(key);
    for (ClusterWritable v : values) {
      sums.merge(c, v.count(), v.cost(), v.vector());
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    Centers next = sums.next(old);
    for (int c = 0; c < old.k(); c++) {
      ctx.write(
          new IntWritable(c), new ClusterWritable(sums.count(c), sums.cost(c), next.center(c)));
    }
  }
}
