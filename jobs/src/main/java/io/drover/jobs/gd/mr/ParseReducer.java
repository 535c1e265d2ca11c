package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.data.ParseSummary;
import java.io.IOException;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges the files' summaries in file order into one, written once. */
public class ParseReducer
    extends Reducer<IntWritable, SummaryWritable, NullWritable, SummaryWritable> {
  private final ParseSummary all = new ParseSummary();

  @Override
  protected void reduce(IntWritable file, Iterable<SummaryWritable> parts, Context ctx) {
    for (SummaryWritable p : parts) {
      all.merge(p.get());
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    ctx.write(NullWritable.get(), new SummaryWritable(all));
  }
}
