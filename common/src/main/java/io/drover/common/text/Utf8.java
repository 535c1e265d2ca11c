package io.drover.common.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 on raw bytes: validation, repair, code point decode/encode, case mapping. */
public final class Utf8 {
  private Utf8() {}

  /** True when {@code buf[off, off+len)} is well-formed UTF-8 (no surrogates, no overlongs). */
  public static boolean isValid(byte[] buf, int off, int len) {
    final int end = off + len;
    int i = off;
    while (i < end) {
      if (buf[i] >= 0) {
        i++;
        continue;
      }
      int cp = decode(buf, i, end);
      if (cp < 0) {
        return false;
      }
      i += width(cp);
    }
    return true;
  }

  /**
   * Replaces every malformed sequence with U+FFFD exactly as Hadoop's {@code Text.toString()}
   * does (the JDK decoder with {@link CodingErrorAction#REPLACE}), and returns the re-encoded
   * bytes.
   */
  public static byte[] sanitize(byte[] buf, int off, int len) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(buf, off, len));
      return chars.toString().getBytes(StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a REPLACE decoder cannot fail", e);
    }
  }

  /**
   * Decodes the code point starting at {@code buf[i]} (a lead byte of 0x80 or more), or returns
   * -1 when the sequence there is malformed or truncated by {@code end}.
   */
  public static int decode(byte[] buf, int i, int end) {
    int b0 = buf[i] & 0xff;
    if (b0 < 0x80) {
      return b0;
    }
    if (b0 < 0xC2) {
      return -1;
    }
    if (b0 < 0xE0) {
      if (i + 1 >= end || !cont(buf[i + 1])) {
        return -1;
      }
      return ((b0 & 0x1F) << 6) | (buf[i + 1] & 0x3F);
    }
    if (b0 < 0xF0) {
      if (i + 2 >= end || !cont(buf[i + 1]) || !cont(buf[i + 2])) {
        return -1;
      }
      int cp = ((b0 & 0x0F) << 12) | ((buf[i + 1] & 0x3F) << 6) | (buf[i + 2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
      }
      return cp;
    }
    if (b0 < 0xF5) {
      if (i + 3 >= end || !cont(buf[i + 1]) || !cont(buf[i + 2]) || !cont(buf[i + 3])) {
        return -1;
      }
      int cp =
          ((b0 & 0x07) << 18)
              | ((buf[i + 1] & 0x3F) << 12)
              | ((buf[i + 2] & 0x3F) << 6)
              | (buf[i + 3] & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) {
        return -1;
      }
      return cp;
    }
    return -1;
  }

  private static boolean cont(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** Bytes that {@code cp} takes in UTF-8 (1 for a malformed marker, so scanners advance). */
  public static int width(int cp) {
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    if (cp < 0x10000) {
      return 3;
    }
    return 4;
  }

  /** Writes {@code cp} at {@code out[pos]}; returns the bytes written. */
  public static int encode(int cp, byte[] out, int pos) {
    if (cp < 0x80) {
      out[pos] = (byte) cp;
      return 1;
    }
    if (cp < 0x800) {
      out[pos] = (byte) (0xC0 | (cp >> 6));
      out[pos + 1] = (byte) (0x80 | (cp & 0x3F));
      return 2;
    }
    if (cp < 0x10000) {
      out[pos] = (byte) (0xE0 | (cp >> 12));
      out[pos + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[pos + 2] = (byte) (0x80 | (cp & 0x3F));
      return 3;
    }
    out[pos] = (byte) (0xF0 | (cp >> 18));
    out[pos + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
    out[pos + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
    out[pos + 3] = (byte) (0x80 | (cp & 0x3F));
    return 4;
  }

  /** Unicode simple case folding of one code point. */
  public static int fold(int cp) {
    if (cp < 0x80) {
      return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    }
    if (cp == 0x2019) {
      return '\'';
    }
    return Character.toLowerCase(Character.toUpperCase(cp));
  }

  /**
   * Lower-cases well-formed UTF-8 per code point ({@link Character#toLowerCase(int)}, no locale)
   * into {@code out}, which must hold {@code 3 * len} bytes; returns the bytes written.
   */
  public static int toLowerCase(byte[] buf, int off, int len, byte[] out) {
    final int end = off + len;
    int n = 0;
    int i = off;
    while (i < end) {
      int b = buf[i];
      if (b >= 0) {
        out[n++] = (byte) ((b >= 'A' && b <= 'Z') ? b + 32 : b);
        i++;
      } else {
        int cp = decode(buf, i, end);
        if (cp < 0) { // not expected on sanitized input: copy the byte as it is
          out[n++] = (byte) b;
          i++;
          continue;
        }
        i += width(cp);
        n += encode(Character.toLowerCase(cp), out, n);
      }
    }
    return n;
  }
}
