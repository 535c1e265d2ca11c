package io.drover.jobs.sql.runtime;

import java.util.Arrays;

/**
 * A growable byte buffer that rows, sort keys and aggregate states are written into. Reuse one
 * per task: {@link #reset} keeps the array. Varints are LEB128 (7 bits a byte, low first);
 * signed ones are zig-zag coded first.
 */
public final class Sink {
  private byte[] b;
  private int n;

  public Sink() {
    this(64);
  }

  public Sink(int capacity) {
    b = new byte[Math.max(capacity, 8)];
  }

  public void reset() {
    n = 0;
  }

  /** The bytes written so far (the backing array; valid up to {@link #length}). */
  public byte[] array() {
    return b;
  }

  public int length() {
    return n;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(b, n);
  }

  void ensure(int more) {
    if (n + more > b.length) {
      b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
    }
  }

  public void writeByte(int v) {
    ensure(1);
    b[n++] = (byte) v;
  }

  public void write(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, b, n, len);
    n += len;
  }

  /** Eight bytes, big-endian. */
  public void writeLong(long v) {
    ensure(8);
    for (int i = 56; i >= 0; i -= 8) {
      b[n++] = (byte) (v >>> i);
    }
  }

  /** Four bytes, big-endian. */
  public void writeInt(int v) {
    ensure(4);
    for (int i = 24; i >= 0; i -= 8) {
      b[n++] = (byte) (v >>> i);
    }
  }

  /** An unsigned varint (a negative value takes 10 bytes). */
  public void writeUVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      b[n++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[n++] = (byte) v;
  }

  /** A signed varint, zig-zag coded so small magnitudes are short. */
  public void writeVarint(long v) {
    writeUVarint((v << 1) ^ (v >> 63));
  }

  /**
   * The UTF-8 bytes of {@code s} (a lone surrogate becomes {@code ?}, as String.getBytes does).
   * With {@code escapeZero} a U+0000 is written as {@code 00 FF}, so that {@code 00 00} can end a
   * key.
   */
  void writeUtf8(String s, boolean escapeZero) {
    int len = s.length();
    ensure(len * 3 + 2);
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[n++] = (byte) c;
        if (c == 0 && escapeZero) {
          b[n++] = (byte) 0xFF;
        }
      } else if (c < 0x800) {
        b[n++] = (byte) (0xC0 | (c >> 6));
        b[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          b[n++] = (byte) (0xF0 | (cp >> 18));
          b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          b[n++] = '?';
        }
      } else {
        b[n++] = (byte) (0xE0 | (c >> 12));
        b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  /** The UTF-8 length of {@code s} as {@link #writeUtf8} writes it without escapes. */
  static int utf8Length(String s) {
    int len = s.length();
    int out = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out++;
      } else if (c < 0x800) {
        out += 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          out += 4;
        } else {
          out++;
        }
      } else {
        out += 3;
      }
    }
    return out;
  }

  /** Inverts the bytes from {@code from} to the end (descending sort order). */
  void invertFrom(int from) {
    for (int i = from; i < n; i++) {
      b[i] = (byte) ~b[i];
    }
  }
}
