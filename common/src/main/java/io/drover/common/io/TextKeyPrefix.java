package io.drover.common.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A key's first 8 bytes as one number, for sorting in Hadoop's {@code Text} order (unsigned
 * bytes, then length) mostly without touching the keys, as Spark's sorter does: when two keys'
 * prefixes differ, {@code Long.compare} of the prefixes orders them as the full comparison does;
 * when they are equal (the keys share their first 8 bytes, or differ only in trailing zero bytes
 * within them) only the full comparison can tell.
 */
public final class TextKeyPrefix {
  private static final VarHandle BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private TextKeyPrefix() {}

  /**
   * The prefix of {@code b[off, off + len)}: its first 8 bytes big-endian, zero-padded, with the
   * sign bit flipped so that a signed {@code Long.compare} orders the bytes as unsigned.
   */
  public static long of(byte[] b, int off, int len) {
    if (len >= 8) {
      return (long) BIG_ENDIAN.get(b, off) ^ Long.MIN_VALUE;
    }
    long p = 0;
    for (int i = 0; i < len; i++) {
      p = p << 8 | (b[off + i] & 0xff);
    }
    p <<= 8 * (8 - len); // len = 0: p is 0, and a shift by 64 leaves it so
    return p ^ Long.MIN_VALUE;
  }
}
