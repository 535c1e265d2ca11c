package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.data.ParseSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/** A {@link ParseSummary} on the wire. */
public final class SummaryWritable implements Writable {
  private ParseSummary summary = new ParseSummary();

  public SummaryWritable() {}

  public SummaryWritable(ParseSummary summary) {
    this.summary = summary;
  }

  public ParseSummary get() {
    return summary;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    summary.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    summary = new ParseSummary();
    summary.readFields(in);
  }
}
