package io.drover.jobs.aggregate.mr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * A vint length and that many bytes, the buffer reused across records (Hadoop's BytesWritable
 * spends 4 bytes on every length). The shared body of the group key and the partial states.
 */
abstract class VarBytes implements Writable {
  byte[] bytes = new byte[0];
  int length;

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
    return o != null && o.getClass() == getClass()
        && Arrays.equals(bytes, 0, length, ((VarBytes) o).bytes, 0, ((VarBytes) o).length);
  }

  @Override
  public int hashCode() {
    return WritableComparator.hashBytes(bytes, length);
  }
}
