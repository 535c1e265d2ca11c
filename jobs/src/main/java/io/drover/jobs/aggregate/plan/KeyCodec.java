package io.drover.jobs.aggregate.plan;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An order-preserving byte encoding of a tuple of typed values: comparing two encodings as
 * unsigned bytes gives the SQL order of the tuples, so the shuffle sorts group keys (and ORDER BY
 * keys) with a plain byte comparison. Each value is a marker byte (NULL first or last, else 0x01)
 * then the value: bigint and timestamp as 8 big-endian bytes with the sign bit flipped, double as
 * its IEEE bits made sortable (-0.0 as 0.0, one NaN above +Infinity), boolean as one byte, string
 * as UTF-8 with 0x00 escaped as 0x00 0xFF and ended by 0x00 0x00. A descending value has its
 * bytes inverted (the encoding is prefix-free, so inversion exactly reverses the order).
 */
public final class KeyCodec {
  private KeyCodec() {}

  private static final int NULL_FIRST = 0x00;
  private static final int PRESENT = 0x01;
  private static final int NULL_LAST = 0x02;

  /** A growable byte buffer, reused from key to key (no locking, unlike ByteArrayOutputStream). */
  public static final class Bytes {
    private byte[] b = new byte[64];
    private int n;

    public void reset() {
      n = 0;
    }

    public byte[] array() {
      return b;
    }

    public int size() {
      return n;
    }

    public byte[] toArray() {
      return java.util.Arrays.copyOf(b, n);
    }

    void write(int v) {
      if (n == b.length) {
        b = java.util.Arrays.copyOf(b, n * 2);
      }
      b[n++] = (byte) v;
    }

    void write(byte[] src) {
      if (n + src.length > b.length) {
        b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + src.length));
      }
      System.arraycopy(src, 0, b, n, src.length);
      n += src.length;
    }
  }

  /** Appends one value. */
  public static void encode(ByteArrayOutputStream out, Object v, Type t, boolean descending,
      boolean nullsFirst) {
    Bytes b = new Bytes();
    encode(b, v, t, descending, nullsFirst);
    out.write(b.array(), 0, b.size());
  }

  /** Appends one value. */
  public static void encode(Bytes out, Object v, Type t, boolean descending,
      boolean nullsFirst) {
    if (v == null) {
      out.write(nullsFirst ? NULL_FIRST : NULL_LAST);
      return;
    }
    out.write(PRESENT);
    int flip = descending ? 0xFF : 0x00;
    switch (t) {
      case LONG:
      case TIMESTAMP:
        writeLong(out, (Long) v ^ Long.MIN_VALUE, flip);
        break;
      case DOUBLE:
        double d = (Double) v;
        if (d == 0.0) {
          d = 0.0;
        }
        long bits = Double.doubleToLongBits(d);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        writeLong(out, bits, flip);
        break;
      case BOOLEAN:
        out.write(((Boolean) v ? 1 : 0) ^ flip);
        break;
      case STRING:
        byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
        if (flip == 0 && noZero(utf8)) {
          out.write(utf8);
          out.write(0);
          out.write(0);
          break;
        }
        for (byte b : utf8) {
          out.write((b & 0xFF) ^ flip);
          if (b == 0) {
            out.write(0xFF ^ flip);
          }
        }
        out.write(flip);
        out.write(flip);
        break;
      default:
        throw new AssertionError(t);
    }
  }

  private static boolean noZero(byte[] b) {
    for (byte x : b) {
      if (x == 0) {
        return false;
      }
    }
    return true;
  }

  private static void writeLong(Bytes out, long v, int flip) {
    for (int s = 56; s >= 0; s -= 8) {
      out.write((int) ((v >>> s) & 0xFF) ^ flip);
    }
  }

  /** The group key of a row: ascending, NULLs first (Spark's default order). */
  public static byte[] encodeKey(Object[] values, List<Type> types) {
    Bytes out = new Bytes();
    for (int i = 0; i < values.length; i++) {
      encode(out, Values.normalize(values[i], types.get(i)), types.get(i), false, true);
    }
    return out.toArray();
  }

  /** Appends one value of a group key (ascending, NULLs first) to {@code out}. */
  public static void encodeKeyValue(Bytes out, Object value, Type type) {
    encode(out, Values.normalize(value, type), type, false, true);
  }

  /** Decodes a group key written by {@link #encodeKey}. */
  public static Object[] decodeKey(byte[] b, int off, int len, List<Type> types) {
    Object[] out = new Object[types.size()];
    int p = off;
    for (int i = 0; i < out.length; i++) {
      int marker = b[p++] & 0xFF;
      if (marker != PRESENT) {
        continue;
      }
      switch (types.get(i)) {
        case LONG:
        case TIMESTAMP:
          out[i] = readLong(b, p) ^ Long.MIN_VALUE;
          p += 8;
          break;
        case DOUBLE:
          long bits = readLong(b, p);
          p += 8;
          bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
          out[i] = Double.longBitsToDouble(bits);
          break;
        case BOOLEAN:
          out[i] = b[p++] == 1;
          break;
        case STRING:
          ByteArrayOutputStream s = new ByteArrayOutputStream();
          while (true) {
            int c = b[p++] & 0xFF;
            if (c == 0) {
              int next = b[p++] & 0xFF;
              if (next == 0) {
                break;
              }
              s.write(0);
            } else {
              s.write(c);
            }
          }
          out[i] = new String(s.toByteArray(), StandardCharsets.UTF_8);
          break;
        default:
          throw new AssertionError(types.get(i));
      }
    }
    if (p != off + len) {
      throw new IllegalArgumentException("group key of " + len + " bytes decoded to " + (p - off));
    }
    return out;
  }

  private static long readLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }
}
