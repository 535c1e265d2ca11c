package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.eval.Evaluation;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges the splits' evaluations in split order and writes the total once. */
public class EvaluationReducer extends Reducer<Text, EvaluationWritable, Text, EvaluationWritable> {
  private Evaluation total;

  @Override
  protected void reduce(Text key, Iterable<EvaluationWritable> values, Context ctx) {
    for (EvaluationWritable v : values) {
      if (total == null) {
        total = v.get();
      } else {
        total.merge(v.get());
      }
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    if (total != null) {
      ctx.write(new Text("total"), new EvaluationWritable(total));
    }
  }
}
