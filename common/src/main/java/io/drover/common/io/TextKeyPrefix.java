package io.drover.common.io;

/**
 * A key's first 8 bytes as one number, for sorting in Hadoop's {@code Text} order (unsigned
 * bytes, then length) mostly without touching the keys, as Spark's sorter does: when two keys'
 * prefixes differ, {@code Long.compare} of the prefixes orders them as the full comparison does;
 * when they are equal (the keys share their first 8 bytes, or differ only in trailing zero bytes
 * within them) only the full comparison can tell.
 */
public final class TextKeyPrefix {
  private TextKeyPrefix() {}

  /**
   * The prefix of {@code b[off, off + len)}: its first 8 bytes big-endian, zero-padded, with the
   * sign bit flipped so that a signed {@code Long.compare} orders the bytes as unsigned.
   */
  public static long of(byte[] b, int off, int len) {
    long p = 0;
    int n = Math.min(len, 8);
    for (int i = 0; i < n; i++) {
      p = p << 8 | (b[off + i] & 0xff);
    }
    if (n < 8) {
      p <<= 8 * (8 - n); // n = 0: p is 0, and a shift by 64 leaves it so
    }
    return p ^ Long.MIN_VALUE;
  }
}
