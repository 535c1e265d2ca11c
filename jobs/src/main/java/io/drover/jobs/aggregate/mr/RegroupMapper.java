package io.drover.jobs.aggregate.mr;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.plan.Plan;
import java.io.IOException;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Second job of a count(DISTINCT x) plan: reads the first job's one record per distinct
 * (group key, x), keys it by the group key alone and marks the x as one distinct value, so the
 * usual combiner and reducer finish the query.
 */
public class RegroupMapper extends Mapper<BytesKey, StateWritable, BytesKey, StateWritable> {
  private Plan plan;
  private final BytesKey outKey = new BytesKey();
  private final StateWritable outState = new StateWritable();

  @Override
  protected void setup(Context context) throws IOException {
    plan = AggregateConf.plan(AggregateConf.read(context.getConfiguration()));
  }

  @Override
  protected void map(BytesKey key, StateWritable value, Context context)
      throws IOException, InterruptedException {
    Accumulator[] states = plan.readStates(value.bytes(), 0, value.length());
    byte[] group = plan.regroup(key.bytes(), 0, key.length(), states);
    outKey.set(group, 0, group.length);
    outState.set(Plan.writeStates(states));
    context.write(outKey, outState);
  }
}
