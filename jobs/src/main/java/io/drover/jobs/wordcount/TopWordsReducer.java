package io.drover.jobs.wordcount;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The single reducer of the --top job: keys arrive already in the final order, so it writes the
 * first N as {@code word<TAB>count}.
 */
public class TopWordsReducer extends Reducer<WordCountWritable, NullWritable, Text, LongWritable> {
  private final LongWritable count = new LongWritable();
  private int left;

  @Override
  protected void setup(Context context) {
    left = context.getConfiguration().getInt(WordCountKeys.TOP, WordCountKeys.TOP_DEFAULT);
  }

  @Override
  protected void reduce(WordCountWritable key, Iterable<NullWritable> values, Context context)
      throws IOException, InterruptedException {
    if (left > 0) {
      left--;
      count.set(key.count());
      context.write(key.word(), count);
    }
  }
}
