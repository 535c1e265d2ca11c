package io.drover.jobs.kmeans.mr;

import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Adds the partials of one key (one center of one chunk), keeping the key. The mapper already sums
 * its whole chunk in memory, so a key normally has one partial and this changes nothing; it keeps
 * the job correct if a map task ever writes a center twice. It never adds partials of different
 * chunks, which would make the reducer's order of addition depend on the schedule.
 */
public class PartialCombiner extends Reducer<Text, ClusterWritable, Text, ClusterWritable> {
  @Override
  protected void reduce(Text key, Iterable<ClusterWritable> values, Context ctx)
      throws IOException, InterruptedException {
    ClusterWritable sum = new ClusterWritable();
    for (ClusterWritable v : values) {
      sum.add(v);
    }
    ctx.write(key, sum);
  }
}
