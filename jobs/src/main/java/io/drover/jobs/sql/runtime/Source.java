package io.drover.jobs.sql.runtime;

import java.nio.charset.StandardCharsets;

/** A reading position over a byte range, the counterpart of {@link Sink}. Reusable. */
public final class Source {
  private byte[] b;
  private int pos;
  private int end;

  public Source() {}

  public Source(byte[] b, int off, int len) {
    set(b, off, len);
  }

  public Source set(byte[] b, int off, int len) {
    if (off < 0 || len < 0 || off + len > b.length) {
      throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + b.length);
    }
    this.b = b;
    this.pos = off;
    this.end = off + len;
    return this;
  }

  public int position() {
    return pos;
  }

  public boolean hasMore() {
    return pos < end;
  }

  private void need(int k) {
    if (pos + k > end) {
      throw new IllegalArgumentException("truncated encoding: needs " + k + " more bytes at "
          + pos + ", ends at " + end);
    }
  }

  public int readByte() {
    need(1);
    return b[pos++] & 0xFF;
  }

  public long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[pos++] & 0xFF);
    }
    return v;
  }

  public int readInt() {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (b[pos++] & 0xFF);
    }
    return v;
  }

  public long readUVarint() {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int x = readByte();
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("malformed varint before " + pos);
  }

  public long readVarint() {
    long u = readUVarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** A length read as a varint, checked against the bytes left. */
  public int readLength() {
    long len = readUVarint();
    if (len < 0 || len > end - pos) {
      throw new IllegalArgumentException("bad length " + len + " at " + pos);
    }
    return (int) len;
  }

  public byte[] readBytes(int len) {
    need(len);
    byte[] out = new byte[len];
    System.arraycopy(b, pos, out, 0, len);
    pos += len;
    return out;
  }

  public String readUtf8(int len) {
    need(len);
    String s = new String(b, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  byte[] array() {
    return b;
  }

  void skip(int k) {
    need(k);
    pos += k;
  }
}
