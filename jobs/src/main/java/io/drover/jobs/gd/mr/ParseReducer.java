package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.data.ParseSummary;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges the summaries in key order (the parsing pass: by file; the encoding: by chunk) into one,
 * written once.
 */
public class ParseReducer<K>
    extends Reducer<K, SummaryWritable, NullWritable, SummaryWritable> {
  private final ParseSummary all = new ParseSummary();

  @Override
  protected void reduce(K key, Iterable<SummaryWritable> parts, Context ctx) {
    for (SummaryWritable p : parts) {
      all.merge(p.get());
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    ctx.write(NullWritable.get(), new SummaryWritable(all));
  }
}
