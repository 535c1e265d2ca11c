package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.exec.Aggregation;
import io.drover.jobs.sql.physical.Shuffle;
import java.io.IOException;
import org.apache.hadoop.mapreduce.Reducer;

/** GROUP BY's combiner: merges one key's partial states into one. */
public class StageCombiner extends Reducer<BytesKey, BytesKey, BytesKey, BytesKey> {
  private Aggregation agg;
  private final BytesKey out = new BytesKey();

  @Override
  protected void setup(Context context) {
    var conf = context.getConfiguration();
    Shuffle.GroupBy g = (Shuffle.GroupBy) SqlConf.stage(conf, SqlConf.plan(conf)).shuffle();
    agg = new Aggregation(g.calls());
  }

  @Override
  protected void reduce(BytesKey key, Iterable<BytesKey> values, Context context)
      throws IOException, InterruptedException {
    Object[] states = agg.newStates();
    for (BytesKey v : values) {
      agg.merge(states, v.bytes(), 0, v.length());
    }
    byte[] b = agg.write(states);
    out.set(b, 0, b.length);
    context.write(key, out);
  }
}
