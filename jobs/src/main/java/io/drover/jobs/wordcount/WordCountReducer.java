package io.drover.jobs.wordcount;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Sums the counts of a word and keeps it when the total reaches {@link WordCount#MIN_COUNT}. The
 * combiner is Hadoop's plain {@code LongSumReducer}: the threshold applies only to final totals.
 */
public class WordCountReducer extends Reducer<Text, LongWritable, Text, LongWritable> {
  private final LongWritable total = new LongWritable();
  private long minCount;
  private Counter emitted;

  @Override
  protected void setup(Context context) {
    minCount = context.getConfiguration().getLong(WordCountKeys.MIN_COUNT, WordCountKeys.MIN_COUNT_DEFAULT);
    emitted = context.getCounter(WordCountCounters.WORDS_EMITTED);
  }

  @Override
  protected void reduce(Text word, Iterable<LongWritable> counts, Context context)
      throws IOException, InterruptedException {
    long sum = 0;
    for (LongWritable c : counts) {
      sum += c.get();
    }
    if (sum >= minCount) {
      total.set(sum);
      context.write(word, total);
      emitted.increment(1);
    }
  }
}
