package io.drover.jobs.aggregate.mr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * The partial states of all of a group's aggregates as one compact record (a vint length and
 * the bytes of {@code Plan.writeStates}): one shuffle record per group and flush.
 */
public class StateWritable implements Writable {
  private byte[] bytes = new byte[0];
  private int length;

  public StateWritable() {}

  public StateWritable(byte[] b) {
    set(b);
  }

  public void set(byte[] b) {
    bytes = b;
    length = b.length;
  }

  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, length);
    out.write(bytes, 0, length);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int len = WritableUtils.readVInt(in);
    if (bytes.length < len) {
      bytes = new byte[len];
    }
    in.readFully(bytes, 0, len);
    length = len;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateWritable s && java.util.Arrays.equals(bytes, 0, length, s.bytes, 0,
        s.length);
  }

  @Override
  public int hashCode() {
    return org.apache.hadoop.io.WritableComparator.hashBytes(bytes, length);
  }
}
