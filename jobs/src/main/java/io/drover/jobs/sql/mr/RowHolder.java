package io.drover.jobs.sql.mr;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * A row in memory, handed as a Writable between Parquet and a stage's task (a Parquet table's
 * record, a Parquet result's row); never serialized.
 */
public final class RowHolder implements org.apache.hadoop.io.Writable {
  Object[] row;

  @Override
  public void write(DataOutput out) {
    throw new UnsupportedOperationException("a RowHolder is never serialized");
  }

  @Override
  public void readFields(DataInput in) {
    throw new UnsupportedOperationException("a RowHolder is never serialized");
  }
}
