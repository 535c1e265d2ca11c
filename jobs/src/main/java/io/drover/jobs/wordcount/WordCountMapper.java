package io.drover.jobs.wordcount;

import io.drover.common.text.ByteCounts;
import io.drover.common.text.Tokenizer;
import io.drover.common.text.Utf8;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Tokenizes each line and counts in memory (in-mapper combining); the counts are written when the
 * map holds {@link WordCount#INMAPPER_MAX_BYTES} and at the end of the task. No String per token.
 */
public class WordCountMapper extends Mapper<Object, Text, Text, LongWritable> {
  private Tokenizer tokenizer;
  private ByteCounts stopwords;
  private ByteCounts counts;
  private long maxBytes;
  private final Text word = new Text();
  private final LongWritable count = new LongWritable();
  private long lines;
  private long tokens;
  private long stopped;
  private long malformed;

  @Override
  protected void setup(Context context) throws IOException {
    Configuration conf = context.getConfiguration();
    tokenizer = WordCountKeys.tokenizer(conf);
    stopwords = Stopwords.load(context, tokenizer);
    counts = new ByteCounts(1 << 14);
    maxBytes = conf.getLong(WordCountKeys.INMAPPER_MAX_BYTES, WordCountKeys.INMAPPER_MAX_BYTES_DEFAULT);
  }

  @Override
  protected void map(Object offset, Text line, Context context)
      throws IOException, InterruptedException {
    lines++;
    byte[] buf = line.getBytes();
    int len = line.getLength();
    if (!Utf8.isValid(buf, 0, len)) {
      malformed++;
      buf = Utf8.sanitize(buf, 0, len);
      len = buf.length;
    }
    tokenizer.forEachToken(buf, 0, len, this::add);
    if (counts.approxBytes() > maxBytes) {
      flush(context);
    }
  }

  private void add(byte[] buf, int off, int len) {
    tokens++;
    if (stopwords != null && stopwords.contains(buf, off, len)) {
      stopped++;
      return;
    }
    counts.add(buf, off, len, 1);
  }

  private void flush(Context context) throws IOException, InterruptedException {
    byte[] keys = counts.keyBytes();
    for (int e = counts.first(); e != 0; e = counts.next(e)) {
      word.set(keys, counts.keyOffset(e), counts.keyLength(e));
      count.set(counts.count(e));
      context.write(word, count);
    }
    counts.clear();
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    flush(context);
    context.getCounter(WordCountCounters.LINES).increment(lines);
    context.getCounter(WordCountCounters.TOKENS).increment(tokens);
    context.getCounter(WordCountCounters.STOPWORDS_DROPPED).increment(stopped);
    context.getCounter(WordCountCounters.MALFORMED_LINES).increment(malformed);
  }
}
