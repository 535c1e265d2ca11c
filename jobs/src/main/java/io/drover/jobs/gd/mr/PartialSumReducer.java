package io.drover.jobs.gd.mr;

import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The one reducer: adds the partials in key (chunk name) order, so the total has the same bits
 * however tasks were scheduled, and writes it once, keyed {@code total}.
 */
public class PartialSumReducer extends Reducer<Text, PartialWritable, Text, PartialWritable> {
  public static final Text TOTAL = new Text("total");
  private final PartialWritable total = new PartialWritable();

  @Override
  protected void reduce(Text key, Iterable<PartialWritable> values, Context ctx) {
    for (PartialWritable v : values) {
      total.add(v);
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    ctx.write(TOTAL, total);
  }
}
