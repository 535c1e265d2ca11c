package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.WritableComparator;
import org.junit.jupiter.api.Test;

class SortKeyCodecTest {
  /** The oracle: SQL order written independently of the codec. */
  private static int compareValue(DataType t, Object a, Object b) {
    switch (t.kind()) {
      case BOOLEAN:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case INT:
      case BIGINT:
        return Long.compare((Long) a, (Long) b);
      case DOUBLE: {
        double x = (Double) a;
        double y = (Double) b;
        if (Double.isNaN(x) || Double.isNaN(y)) {
          return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return x < y ? -1 : x > y ? 1 : 0;
      }
      case DECIMAL:
        return ((BigDecimal) a).compareTo((BigDecimal) b);
      case DATE:
        return ((LocalDate) a).compareTo((LocalDate) b);
      case TIMESTAMP:
        return ((LocalDateTime) a).compareTo((LocalDateTime) b);
      default: {
        int[] x = ((String) a).codePoints().toArray();
        int[] y = ((String) b).codePoints().toArray();
        return Arrays.compare(x, y);
      }
    }
  }

  private static int oracle(List<DataType> types, boolean[] asc, boolean[] nullsFirst,
      Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      int c;
      if (a[i] == null || b[i] == null) {
        c = a[i] == null && b[i] == null ? 0
            : (a[i] == null) == nullsFirst[i] ? -1 : 1;
      } else {
        c = compareValue(types.get(i), a[i], b[i]);
        if (!asc[i]) {
          c = -c;
        }
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Object normalized(Object v) {
    if (v instanceof Double d) {
      return d == 0.0 ? 0.0 : Double.isNaN(d) ? Double.NaN : d;
    }
    return v;
  }

  @Test
  void byteOrderIsSqlOrderAndEqualTuplesHaveEqualBytes() {
    Random r = new Random(7);
    int equalPairs = 0;
    for (int round = 0; round < 400; round++) {
      int width = 1 + r.nextInt(4);
      List<DataType> types = new ArrayList<>();
      boolean[] asc = new boolean[width];
      boolean[] nullsFirst = new boolean[width];
      for (int i = 0; i < width; i++) {
        types.add(RandomValues.ALL_TYPES.get(r.nextInt(RandomValues.ALL_TYPES.size())));
        asc[i] = r.nextBoolean();
        nullsFirst[i] = r.nextBoolean();
      }
      SortKeyCodec codec = new SortKeyCodec(types, asc, nullsFirst);
      boolean few = r.nextBoolean();
      for (int k = 0; k < 50; k++) {
        Object[] a = new Object[width];
        Object[] b = new Object[width];
        for (int i = 0; i < width; i++) {
          a[i] = RandomValues.value(r, types.get(i), few);
          b[i] = RandomValues.value(r, types.get(i), few);
        }
        byte[] ka = codec.encode(a);
        byte[] kb = codec.encode(b);
        int want = Integer.signum(oracle(types, asc, nullsFirst, a, b));
        int got = Integer.signum(
            WritableComparator.compareBytes(ka, 0, ka.length, kb, 0, kb.length));
        String what = types + " " + Arrays.toString(asc) + Arrays.toString(nullsFirst) + " "
            + Arrays.toString(a) + " vs " + Arrays.toString(b);
        assertEquals(want, got, what);
        if (want == 0) {
          equalPairs++;
          assertArrayEquals(ka, kb, what);
        } else {
          // prefix-free: a tag byte after the key does not change the order
          byte[] ta = Arrays.copyOf(ka, ka.length + 1);
          byte[] tb = Arrays.copyOf(kb, kb.length + 1);
          ta[ka.length] = (byte) r.nextInt(256);
          tb[kb.length] = (byte) r.nextInt(256);
          assertEquals(want, Integer.signum(Arrays.compareUnsigned(ta, tb)), what);
        }
        Object[] back = codec.decode(ka, 0, ka.length);
        for (int i = 0; i < width; i++) {
          assertEquals(normalized(a[i]), back[i], what);
        }
      }
    }
    assertNotEquals(0, equalPairs);
  }

  @Test
  void normalizesNegativeZeroAndDecimalScale() {
    SortKeyCodec d = SortKeyCodec.grouping(List.of(DataType.DOUBLE, DataType.decimal(20, 3)));
    assertArrayEquals(d.encode(new Object[] {0.0, new BigDecimal("1.5")}),
        d.encode(new Object[] {-0.0, new BigDecimal("1.500")}));
  }

  @Test
  void textIsOrderedByCodePointsNotUtf16() {
    SortKeyCodec c = SortKeyCodec.grouping(List.of(DataType.STRING));
    byte[] bmp = c.encode(new Object[] {"\uffff"});
    byte[] astral = c.encode(new Object[] {"\ud83d\ude00"});
    // Java's compareTo puts the surrogate pair first; code points put U+FFFF first
    assertEquals(-1, Integer.signum(Arrays.compareUnsigned(bmp, astral)));
    assertEquals(1, Integer.signum("\uffff".compareTo("\ud83d\ude00")));
  }

  @Test
  void hashIsStable() {
    byte[] b = "drover".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // pinned: the hash must not change between JVMs or releases (partitioning depends on it)
    int h = SortKeyCodec.hash(b, 0, b.length);
    assertEquals(h, SortKeyCodec.hash(Arrays.copyOf(b, b.length), 0, b.length));
    assertEquals(PINNED, h);
    // and it is Murmur3 x86_32 (seed 0x9747b28c) with the sign bit cleared
    Random r = new Random(3);
    for (int n = 0; n < 40; n++) {
      byte[] x = new byte[n];
      r.nextBytes(x);
      int want = org.apache.hadoop.thirdparty.com.google.common.hash.Hashing
          .murmur3_32_fixed(0x9747b28c).hashBytes(x).asInt() & Integer.MAX_VALUE;
      assertEquals(want, SortKeyCodec.hash(x, 0, n));
    }
    byte[] padded = new byte[b.length + 2];
    System.arraycopy(b, 0, padded, 1, b.length);
    assertEquals(h, SortKeyCodec.hash(padded, 1, b.length));
  }

  private static final int PINNED = 89529331;
}
