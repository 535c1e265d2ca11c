package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A compact binary encoding of a row (values as the runtime represents them: Boolean, Long,
 * Double, BigDecimal at the type's scale, String, LocalDate, LocalDateTime, null) given its
 * column types, for rows travelling between MapReduce stages. Layout: a null bitmap (bit i of
 * byte i/8 set when column i is NULL), then each non-null value: boolean one byte; int and bigint
 * a zig-zag varint; double 8 bytes; decimal of precision up to 18 its unscaled value as a zig-zag
 * varint, wider ones a varint length and the unscaled BigInteger's two's complement bytes (the
 * scale is the type's); text a varint length and UTF-8; date the epoch day as a zig-zag varint;
 * timestamp microseconds since 1970-01-01T00:00 as a zig-zag varint (finer digits are dropped).
 * Not order-preserving: see {@link SortKeyCodec}. Not thread-safe (holds a scratch buffer).
 */
public final class RowCodec {
  private final DataType[] types;
  private final byte[] kinds;
  private final int bitmapBytes;
  private final Sink scratch = new Sink();
  private final Source source = new Source();

  static final byte BOOL = 0, LONG = 1, DOUBLE = 2, DEC_SMALL = 3, DEC_BIG = 4, TEXT = 5, DATE = 6,
      TS = 7;

  public RowCodec(List<DataType> types) {
    this.types = types.toArray(new DataType[0]);
    this.kinds = new byte[this.types.length];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = kindOf(this.types[i]);
    }
    this.bitmapBytes = (this.types.length + 7) / 8;
  }

  static byte kindOf(DataType t) {
    return switch (t.kind()) {
      case BOOLEAN -> BOOL;
      case INT, BIGINT -> LONG;
      case DOUBLE -> DOUBLE;
      case DECIMAL -> t.precision() <= 18 ? DEC_SMALL : DEC_BIG;
      case STRING, VARCHAR, CHAR -> TEXT;
      case DATE -> DATE;
      case TIMESTAMP -> TS;
      default -> throw new IllegalArgumentException("no runtime values of type " + t);
    };
  }

  public int width() {
    return types.length;
  }

  /** Appends the encoding of {@code row} to {@code out}. */
  public void encode(Object[] row, Sink out) {
    if (row.length != types.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values, the codec " + types.length + " columns");
    }
    int start = out.length();
    out.ensure(bitmapBytes);
    for (int i = 0; i < bitmapBytes; i++) {
      out.writeByte(0);
    }
    byte[] bm = out.array();
    for (int i = 0; i < row.length; i++) {
      if (row[i] == null) {
        bm[start + (i >>> 3)] |= (byte) (1 << (i & 7));
      }
    }
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) {
        writeValue(kinds[i], types[i], row[i], out);
      }
    }
  }

  /** The encoding of {@code row} as a new array. */
  public byte[] encode(Object[] row) {
    scratch.reset();
    encode(row, scratch);
    return scratch.toByteArray();
  }

  public Object[] decode(byte[] b, int off, int len) {
    return decode(b, off, len, new Object[types.length]);
  }

  /** Decodes into {@code into} (length {@link #width}) and returns it. */
  public Object[] decode(byte[] b, int off, int len, Object[] into) {
    source.set(b, off, len);
    decode(source, into);
    if (source.hasMore()) {
      throw new IllegalArgumentException("row encoding has " + (off + len - source.position())
          + " bytes past its last column");
    }
    return into;
  }

  /** Reads one row from {@code in} into {@code into}. */
  public void decode(Source in, Object[] into) {
    int bmStart = in.position();
    in.skip(bitmapBytes);
    byte[] b = in.array();
    for (int i = 0; i < types.length; i++) {
      boolean isNull = (b[bmStart + (i >>> 3)] & (1 << (i & 7))) != 0;
      into[i] = isNull ? null : readValue(kinds[i], types[i], in);
    }
  }

  static void writeValue(byte kind, DataType t, Object v, Sink out) {
    switch (kind) {
      case BOOL -> out.writeByte(((Boolean) v) ? 1 : 0);
      case LONG -> out.writeVarint((Long) v);
      case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) v));
      case DEC_SMALL -> out.writeVarint(unscaledLong((BigDecimal) v, t));
      case DEC_BIG -> {
        byte[] u = unscaled((BigDecimal) v, t).toByteArray();
        out.writeUVarint(u.length);
        out.write(u, 0, u.length);
      }
      case TEXT -> {
        String s = (String) v;
        out.writeUVarint(Sink.utf8Length(s));
        out.writeUtf8(s, false);
      }
      case DATE -> out.writeVarint(((LocalDate) v).toEpochDay());
      case TS -> out.writeVarint(epochMicros((LocalDateTime) v));
      default -> throw new IllegalStateException();
    }
  }

  static Object readValue(byte kind, DataType t, Source in) {
    return switch (kind) {
      case BOOL -> in.readByte() != 0;
      case LONG -> in.readVarint();
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case DEC_SMALL -> BigDecimal.valueOf(in.readVarint(), t.scale());
      case DEC_BIG -> new BigDecimal(new BigInteger(in.readBytes(in.readLength())), t.scale());
      case TEXT -> in.readUtf8(in.readLength());
      case DATE -> LocalDate.ofEpochDay(in.readVarint());
      case TS -> fromEpochMicros(in.readVarint());
      default -> throw new IllegalStateException();
    };
  }

  /**
   * {@link #unscaled} as a long, without making a BigInteger when {@code d} is already at
   * {@code t}'s scale with at most 18 digits (the usual case: a parsed or computed value of its
   * type); the caller knows the value fits a long (a decimal of at most 18 digits).
   */
  static long unscaledLong(BigDecimal d, DataType t) {
    if (d.scale() == t.scale() && d.precision() <= 18) {
      return d.scaleByPowerOfTen(d.scale()).longValueExact(); // scale 0, compact: no BigInteger
    }
    return unscaled(d, t).longValueExact();
  }

  /** The unscaled value of {@code d} at {@code t}'s scale (rescaled only when exact). */
  static BigInteger unscaled(BigDecimal d, DataType t) {
    if (d.scale() != t.scale()) {
      try {
        d = d.setScale(t.scale(), RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(d + " does not fit " + t + " without rounding");
      }
    }
    return d.unscaledValue();
  }

  static long epochMicros(LocalDateTime ts) {
    long sec = ts.toEpochSecond(ZoneOffset.UTC);
    return Math.addExact(Math.multiplyExact(sec, 1_000_000L), ts.getNano() / 1000);
  }

  static LocalDateTime fromEpochMicros(long micros) {
    long sec = Math.floorDiv(micros, 1_000_000L);
    int nano = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return LocalDateTime.ofEpochSecond(sec, nano, ZoneOffset.UTC);
  }
}
