package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * An order-preserving encoding of a tuple of typed values: comparing two encodings as unsigned
 * bytes (Hadoop's {@code WritableComparator.compareBytes}) gives SQL order, equal tuples encode to
 * identical bytes (so it also serves as a group-by and join key), and no encoding is a prefix of
 * another (a key followed by a tag byte still sorts by the key first).
 *
 * <p>Each column is a marker byte ({@code 00} before the value, {@code 01} after: NULL takes the
 * one that puts it first or last) and, when not NULL, the value: boolean one byte; int and bigint
 * 8 bytes big-endian with the sign bit flipped; double its bits, negatives inverted and positives
 * sign-flipped ({@code -0.0} as {@code 0.0}, every NaN as the one NaN, which sorts last); decimal
 * its unscaled value at the type's scale as 8 (precision up to 18) or 16 bytes of two's
 * complement, sign bit flipped; text its UTF-8 bytes (so code-point order) with {@code 00} written
 * {@code 00 FF}, ended by {@code 00 00}; date the epoch day as 8 bytes sign-flipped; timestamp the
 * epoch second as 8 bytes sign-flipped and the nanosecond as 4. A descending column has its value
 * bytes inverted (the marker is not, so NULL placement is as asked).
 */
public final class SortKeyCodec {
  private final DataType[] types;
  private final byte[] kinds;
  private final boolean[] ascending;
  private final boolean[] nullsFirst;
  private final Sink scratch = new Sink();
  private final Source source = new Source();
  private byte[] text = new byte[64];

  private static final byte BOOL = 0, LONG = 1, DOUBLE = 2, DEC8 = 3, DEC16 = 4, TEXT = 5,
      DATE = 6, TS = 7;

  public SortKeyCodec(List<DataType> types, boolean[] ascending, boolean[] nullsFirst) {
    this.types = types.toArray(new DataType[0]);
    if (ascending.length != this.types.length || nullsFirst.length != this.types.length) {
      throw new IllegalArgumentException("a sort key of " + this.types.length
          + " columns needs as many ascending and nullsFirst flags");
    }
    this.ascending = ascending.clone();
    this.nullsFirst = nullsFirst.clone();
    this.kinds = new byte[this.types.length];
    for (int i = 0; i < kinds.length; i++) {
      DataType t = this.types[i];
      kinds[i] = switch (t.kind()) {
        case BOOLEAN -> BOOL;
        case INT, BIGINT -> LONG;
        case DOUBLE -> DOUBLE;
        case DECIMAL -> t.precision() <= 18 ? DEC8 : DEC16;
        case STRING, VARCHAR, CHAR -> TEXT;
        case DATE -> DATE;
        case TIMESTAMP -> TS;
        default -> throw new IllegalArgumentException("no sort key for type " + t);
      };
    }
  }

  /** A key for grouping or joining: all ascending, NULLs first. */
  public static SortKeyCodec grouping(List<DataType> types) {
    boolean[] asc = new boolean[types.size()];
    Arrays.fill(asc, true);
    return new SortKeyCodec(types, asc, asc.clone());
  }

  /** The key of an ORDER BY: each column ascending or not, NULLs first or last, as asked. */
  public static SortKeyCodec ordering(List<io.drover.jobs.sql.logical.Plan.SortKey> keys) {
    boolean[] asc = new boolean[keys.size()];
    boolean[] nullsFirst = new boolean[keys.size()];
    for (int i = 0; i < asc.length; i++) {
      asc[i] = keys.get(i).ascending();
      nullsFirst[i] = keys.get(i).nullsFirst();
    }
    return new SortKeyCodec(keys.stream().map(k -> k.expr().type()).toList(), asc, nullsFirst);
  }

  public int width() {
    return types.length;
  }

  /** Appends the key of {@code values} to {@code out}. */
  public void encode(Object[] values, Sink out) {
    if (values.length != types.length) {
      throw new IllegalArgumentException(
          "tuple has " + values.length + " values, the key " + types.length + " columns");
    }
    for (int i = 0; i < values.length; i++) {
      encodeField(i, values[i], out);
    }
  }

  /** Appends column {@code i}'s encoding of {@code v}. */
  public void encodeField(int i, Object v, Sink out) {
    if (v == null) {
      out.writeByte(nullsFirst[i] ? 0 : 1);
      return;
    }
    out.writeByte(nullsFirst[i] ? 1 : 0);
    int from = out.length();
    switch (kinds[i]) {
      case BOOL -> out.writeByte(((Boolean) v) ? 1 : 0);
      case LONG -> out.writeLong((Long) v ^ Long.MIN_VALUE);
      case DOUBLE -> {
        double d = (Double) v;
        long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
        out.writeLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
      }
      case DEC8 -> out.writeLong(
          RowCodec.unscaledLong((BigDecimal) v, types[i]) ^ Long.MIN_VALUE);
      case DEC16 -> writeDec16(RowCodec.unscaled((BigDecimal) v, types[i]), out);
      case TEXT -> {
        out.writeUtf8((String) v, true);
        out.writeByte(0);
        out.writeByte(0);
      }
      case DATE -> out.writeLong(((LocalDate) v).toEpochDay() ^ Long.MIN_VALUE);
      case TS -> {
        LocalDateTime ts = (LocalDateTime) v;
        out.writeLong(ts.toEpochSecond(ZoneOffset.UTC) ^ Long.MIN_VALUE);
        out.writeInt(ts.getNano());
      }
      default -> throw new IllegalStateException();
    }
    if (!ascending[i]) {
      out.invertFrom(from);
    }
  }

  private static void writeDec16(BigInteger u, Sink out) {
    byte[] raw = u.toByteArray();
    if (raw.length > 16) {
      throw new IllegalArgumentException(u + " has more than 38 digits");
    }
    int pad = 16 - raw.length;
    byte fill = (byte) (u.signum() < 0 ? 0xFF : 0);
    out.ensure(16);
    int start = out.length();
    for (int k = 0; k < pad; k++) {
      out.writeByte(fill);
    }
    out.write(raw, 0, raw.length);
    out.array()[start] ^= (byte) 0x80;
  }

  /** The key of {@code values} as a new array. */
  public byte[] encode(Object[] values) {
    scratch.reset();
    encode(values, scratch);
    return scratch.toByteArray();
  }

  public Object[] decode(byte[] b, int off, int len) {
    return decode(b, off, len, new Object[types.length]);
  }

  /** Decodes a whole key into {@code into}; bytes after the key (a tag) are an error. */
  public Object[] decode(byte[] b, int off, int len, Object[] into) {
    source.set(b, off, len);
    decode(source, into);
    if (source.hasMore()) {
      throw new IllegalArgumentException("sort key has " + (off + len - source.position())
          + " bytes past its last column");
    }
    return into;
  }

  /** Reads one key from {@code in} (which may go on past it) into {@code into}. */
  public void decode(Source in, Object[] into) {
    for (int i = 0; i < types.length; i++) {
      into[i] = decodeField(i, in);
    }
  }

  private Object decodeField(int i, Source in) {
    int marker = in.readByte();
    if (marker == (nullsFirst[i] ? 0 : 1)) {
      return null;
    }
    if (marker != (nullsFirst[i] ? 1 : 0)) {
      throw new IllegalArgumentException("bad null marker " + marker + " in column " + i);
    }
    long x = ascending[i] ? 0 : -1L;
    int xb = (int) x & 0xFF;
    return switch (kinds[i]) {
      case BOOL -> (in.readByte() ^ xb) != 0;
      case LONG -> (in.readLong() ^ x) ^ Long.MIN_VALUE;
      case DOUBLE -> {
        long bits = in.readLong() ^ x;
        yield Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits);
      }
      case DEC8 -> BigDecimal.valueOf((in.readLong() ^ x) ^ Long.MIN_VALUE, types[i].scale());
      case DEC16 -> {
        byte[] raw = in.readBytes(16);
        for (int k = 0; k < 16; k++) {
          raw[k] ^= (byte) xb;
        }
        raw[0] ^= (byte) 0x80;
        yield new BigDecimal(new BigInteger(raw), types[i].scale());
      }
      case TEXT -> {
        int n = 0;
        while (true) {
          int c = in.readByte() ^ xb;
          if (c == 0) {
            int e = in.readByte() ^ xb;
            if (e == 0) {
              break;
            }
            if (e != 0xFF) {
              throw new IllegalArgumentException("bad text escape in column " + i);
            }
          }
          if (n == text.length) {
            text = Arrays.copyOf(text, n * 2);
          }
          text[n++] = (byte) c;
        }
        yield new String(text, 0, n, StandardCharsets.UTF_8);
      }
      case DATE -> LocalDate.ofEpochDay((in.readLong() ^ x) ^ Long.MIN_VALUE);
      case TS -> {
        long sec = (in.readLong() ^ x) ^ Long.MIN_VALUE;
        int nano = in.readInt() ^ (int) x;
        yield LocalDateTime.ofEpochSecond(sec, nano, ZoneOffset.UTC);
      }
      default -> throw new IllegalStateException();
    };
  }

  /**
   * A hash of a key's bytes for partitioning, the same in every JVM (Murmur3's 32-bit mix over
   * the bytes); non-negative.
   */
  public static int hash(byte[] b, int off, int len) {
    int h = 0x9747b28c;
    int i = off;
    int end = off + len;
    for (; i + 4 <= end; i += 4) {
      int k = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
      h = mixH(h, mixK(k));
    }
    int k = 0;
    for (int s = 0; i < end; i++, s += 8) {
      k |= (b[i] & 0xFF) << s;
    }
    h ^= mixK(k);
    h ^= len;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & Integer.MAX_VALUE;
  }

  private static int mixK(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }

  private static int mixH(int h, int k) {
    h ^= k;
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }
}
