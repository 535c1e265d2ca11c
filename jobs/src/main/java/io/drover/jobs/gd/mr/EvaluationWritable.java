package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.eval.Evaluation;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/** An {@link Evaluation} on the wire. */
public final class EvaluationWritable implements Writable {
  private Evaluation e;

  public EvaluationWritable() {}

  public EvaluationWritable(Evaluation e) {
    this.e = e;
  }

  public Evaluation get() {
    return e;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    e.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    e = Evaluation.read(in);
  }
}
