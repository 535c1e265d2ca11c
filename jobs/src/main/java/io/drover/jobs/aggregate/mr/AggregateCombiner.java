package io.drover.jobs.aggregate.mr;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.plan.Plan;
import java.io.IOException;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges the partial states of a key into one. Merging is associative and commutative and a state
 * merges like the rows it stands for, so Hadoop may run this 0, 1 or many times.
 */
public class AggregateCombiner extends Reducer<BytesKey, StateWritable, BytesKey, StateWritable> {
  private Plan plan;
  private final StateWritable out = new StateWritable();

  @Override
  protected void setup(Context context) throws IOException {
    plan = AggregateConf.plan(AggregateConf.read(context.getConfiguration()));
  }

  @Override
  protected void reduce(BytesKey key, Iterable<StateWritable> values, Context context)
      throws IOException, InterruptedException {
    Accumulator[] total = null;
    for (StateWritable v : values) {
      Accumulator[] s = plan.readStates(v.bytes(), 0, v.length());
      if (total == null) {
        total = s;
      } else {
        Plan.merge(total, s);
      }
    }
    out.set(Plan.writeStates(total));
    context.write(key, out);
  }
}
