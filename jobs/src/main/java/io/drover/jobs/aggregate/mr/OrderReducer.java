package io.drover.jobs.aggregate.mr;

import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/** The single reducer of the order job: rows arrive in ORDER BY order; writes the first LIMIT. */
public class OrderReducer extends Reducer<BytesWritable, Text, NullWritable, Text> {
  private long left;

  @Override
  protected void setup(Context context) {
    long limit = context.getConfiguration().getLong(AggregateConf.LIMIT, -1);
    left = limit < 0 ? Long.MAX_VALUE : limit;
  }

  @Override
  protected void reduce(BytesWritable key, Iterable<Text> lines, Context context)
      throws IOException, InterruptedException {
    for (Text l : lines) {
      if (left <= 0) {
        return;
      }
      left--;
      context.write(NullWritable.get(), l);
    }
  }
}
