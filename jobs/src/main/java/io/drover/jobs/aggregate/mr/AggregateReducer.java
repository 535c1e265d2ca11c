package io.drover.jobs.aggregate.mr;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.plan.JobSpec;
import io.drover.jobs.aggregate.plan.Plan;
import io.drover.jobs.aggregate.plan.RowFormat;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges a group's partial states, finishes the aggregates, applies HAVING and writes the output
 * row: a text line, or, when a second job orders the result, the line keyed by its ORDER BY key
 * (a SequenceFile). A global aggregate (no GROUP BY) over no rows still writes its one row (count
 * 0, sum NULL), as SQL does.
 */
public class AggregateReducer extends Reducer<BytesKey, StateWritable, Writable, Text> {
  private Plan plan;
  private RowFormat format;
  private boolean ordered;
  private boolean sawGroup;
  private final Text line = new Text();
  private final BytesWritable orderKey = new BytesWritable();
  private long groups;
  private long rows;

  @Override
  protected void setup(Context context) throws IOException {
    JobSpec spec = AggregateConf.read(context.getConfiguration());
    plan = AggregateConf.plan(spec);
    format = spec.output();
    ordered = context.getConfiguration().getBoolean(AggregateConf.ORDERED, false);
  }

  @Override
  protected void reduce(BytesKey key, Iterable<StateWritable> values, Context context)
      throws IOException, InterruptedException {
    Accumulator[] total = plan.newStates();
    for (StateWritable v : values) {
      Plan.merge(total, plan.readStates(v.bytes(), 0, v.length()));
    }
    emit(key.bytes(), key.length(), total, context);
  }

  private void emit(byte[] key, int len, Accumulator[] total, Context context)
      throws IOException, InterruptedException {
    sawGroup = true;
    groups++;
    Plan.Result r = plan.finish(key, 0, len, total);
    if (r == null) {
      return;
    }
    rows++;
    line.set(plan.line(r.values(), format));
    if (ordered) {
      orderKey.set(r.orderKey(), 0, r.orderKey().length);
      context.write(orderKey, line);
    } else {
      context.write(NullWritable.get(), line);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (plan.global() && !sawGroup && context.getTaskAttemptID().getTaskID().getId() == 0) {
      emit(new byte[0], 0, plan.newStates(), context);
    }
    context.getCounter(AggregateCounters.GROUPS).increment(groups);
    context.getCounter(AggregateCounters.ROWS_OUT).increment(rows);
  }
}
