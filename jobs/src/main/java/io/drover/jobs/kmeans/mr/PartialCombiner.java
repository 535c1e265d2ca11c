package io.drover.jobs.kmeans.mr;

import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The combiner of the reduce path: merges the partials of one key, that is one center of one
 * chunk, and keeps the key. A map task reads one chunk and its mapper already sums that chunk per
 * center in memory, writing one partial per center, so every group holds exactly one partial and
 * is passed on unchanged: the combiner merges nothing in today's job. It is grouped by the whole
 * key (Hadoop's default for a combiner: the sort order), never by center alone, because Hadoop
 * also runs it on the reduce side when it merges map outputs held in memory: grouped by center it
 * would add the partials of whichever chunks one merge happened to hold, and the reducer's sum
 * would depend on the schedule.
 */
public class PartialCombiner extends Reducer<Text, ClusterWritable, Text, ClusterWritable> {
  @Override
  protected void reduce(Text key, Iterable<ClusterWritable> values, Context ctx)
      throws IOException, InterruptedException {
    ClusterWritable sum = null;
    for (ClusterWritable v : values) {
      if (sum == null) {
        // the first one as it came (values are reused: copy it), so one partial keeps its bits
        sum = new ClusterWritable(v.count(), v.cost(), v.vector().clone());
      } else {
        sum.add(v);
      }
    }
    ctx.write(key, sum);
  }
}
