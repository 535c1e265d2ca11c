package io.drover.jobs.wordcount;

import io.drover.common.text.TopN;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Keeps this split's N most frequent words and writes them at the end: at most N records. */
public class TopWordsMapper extends Mapper<Text, LongWritable, WordCountWritable, NullWritable> {
  private TopN top;

  @Override
  protected void setup(Context context) {
    top = new TopN(context.getConfiguration().getInt(WordCountKeys.TOP, WordCountKeys.TOP_DEFAULT));
  }

  @Override
  protected void map(Text word, LongWritable count, Context context) {
    top.offer(word.getBytes(), 0, word.getLength(), count.get());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    WordCountWritable out = new WordCountWritable();
    for (TopN.Entry e : top.result()) {
      out.set(e.word(), e.count());
      context.write(out, NullWritable.get());
    }
  }
}
