package io.drover.jobs.aggregate.mr;

import java.util.Arrays;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * A group key (or ORDER BY key) in the order-preserving encoding of {@code plan.KeyCodec}:
 * a vint length then the bytes. Its raw comparator compares the serialized bytes directly
 * (unsigned), so the shuffle sorts without deserializing anything.
 */
public class BytesKey extends VarBytes implements WritableComparable<BytesKey> {
  public BytesKey() {}

  public BytesKey(byte[] b) {
    set(b, 0, b.length);
  }

  public void set(byte[] b, int off, int len) {
    if (bytes.length < len) {
      bytes = new byte[Math.max(len, bytes.length * 2)];
    }
    System.arraycopy(b, off, bytes, 0, len);
    length = len;
  }

  public byte[] copy() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public int compareTo(BytesKey o) {
    return WritableComparator.compareBytes(bytes, 0, length, o.bytes, 0, o.length);
  }

  @Override
  public String toString() {
    return "BytesKey[" + length + "]";
  }

  /** Compares serialized keys without reading them into objects. */
  public static final class Comparator extends WritableComparator {
    public Comparator() {
      super(BytesKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int n1 = WritableUtils.decodeVIntSize(b1[s1]);
      int n2 = WritableUtils.decodeVIntSize(b2[s2]);
      return compareBytes(b1, s1 + n1, l1 - n1, b2, s2 + n2, l2 - n2);
    }
  }

  static {
    WritableComparator.define(BytesKey.class, new Comparator());
  }
}
