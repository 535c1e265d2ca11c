package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Type;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Compact encodings of state fields: zig-zag variable-length longs, typed values. */
public final class StateIO {
  private StateIO() {}

  public static void writeVLong(DataOutput out, long v) throws IOException {
    long z = (v << 1) ^ (v >> 63);
    while ((z & ~0x7FL) != 0) {
      out.writeByte((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.writeByte((int) z);
  }

  public static long readVLong(DataInput in) throws IOException {
    long z = 0;
    int shift = 0;
    while (true) {
      int b = in.readByte();
      z |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return (z >>> 1) ^ -(z & 1);
  }

  public static void writeBytes(DataOutput out, byte[] b) throws IOException {
    writeVLong(out, b.length);
    out.write(b);
  }

  public static byte[] readBytes(DataInput in) throws IOException {
    byte[] b = new byte[(int) readVLong(in)];
    in.readFully(b);
    return b;
  }

  /** A nullable value of a known type. */
  public static void writeValue(DataOutput out, Object v, Type t) throws IOException {
    if (v == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte(1);
    switch (t) {
      case LONG:
      case TIMESTAMP:
        writeVLong(out, (Long) v);
        break;
      case DOUBLE:
        out.writeDouble((Double) v);
        break;
      case BOOLEAN:
        out.writeBoolean((Boolean) v);
        break;
      case STRING:
        writeBytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
        break;
      default:
        throw new AssertionError(t);
    }
  }

  public static Object readValue(DataInput in, Type t) throws IOException {
    if (in.readByte() == 0) {
      return null;
    }
    switch (t) {
      case LONG:
      case TIMESTAMP:
        return readVLong(in);
      case DOUBLE:
        return in.readDouble();
      case BOOLEAN:
        return in.readBoolean();
      case STRING:
        return new String(readBytes(in), StandardCharsets.UTF_8);
      default:
        throw new AssertionError(t);
    }
  }

  public static int heapBytes(Object v) {
    return v instanceof String s ? 48 + 2 * s.length() : 16;
  }
}
