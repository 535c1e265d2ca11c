package io.drover.jobs.gd.mr;

import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/** Sums the partials of one key (one chunk), keeping the key, so the reducer's order holds. */
public class PartialSumCombiner extends Reducer<Text, PartialWritable, Text, PartialWritable> {
  @Override
  protected void reduce(Text key, Iterable<PartialWritable> values, Context ctx)
      throws IOException, InterruptedException {
    PartialWritable sum = new PartialWritable();
    for (PartialWritable v : values) {
      sum.add(v);
    }
    ctx.write(key, sum);
  }
}
