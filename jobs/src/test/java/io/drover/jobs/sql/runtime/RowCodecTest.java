package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowCodecTest {
  @Test
  void randomRowsOfEveryTypeRoundTrip() {
    Random r = new Random(42);
    for (int round = 0; round < 300; round++) {
      List<DataType> types = new ArrayList<>();
      int width = r.nextInt(20);
      for (int i = 0; i < width; i++) {
        types.add(RandomValues.ALL_TYPES.get(r.nextInt(RandomValues.ALL_TYPES.size())));
      }
      RowCodec codec = new RowCodec(types);
      Sink sink = new Sink(4);
      Object[] reuse = new Object[width];
      List<Object[]> rows = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
          row[i] = RandomValues.value(r, types.get(i), false);
        }
        rows.add(row);
        byte[] one = codec.encode(row);
        assertArrayEquals(row, codec.decode(one, 0, one.length), types.toString());
        byte[] padded = new byte[one.length + 6];
        System.arraycopy(one, 0, padded, 3, one.length);
        assertArrayEquals(row, codec.decode(padded, 3, one.length, reuse));
      }
      // many rows appended to one sink read back in sequence
      for (Object[] row : rows) {
        codec.encode(row, sink);
      }
      Source in = new Source(sink.array(), 0, sink.length());
      for (Object[] row : rows) {
        Object[] got = new Object[width];
        codec.decode(in, got);
        assertArrayEquals(row, got);
      }
      assertEquals(false, in.hasMore());
    }
  }

  @Test
  void decimalsKeepTheTypesScaleAndNullsTakeOnlyBits() {
    RowCodec codec = new RowCodec(List.of(DataType.decimal(10, 2), DataType.decimal(38, 5)));
    byte[] b = codec.encode(new Object[] {new BigDecimal("1.5"), new BigDecimal("7")});
    Object[] back = codec.decode(b, 0, b.length);
    assertEquals(new BigDecimal("1.50"), back[0]);
    assertEquals(new BigDecimal("7.00000"), back[1]);
    assertThrows(IllegalArgumentException.class,
        () -> codec.encode(new Object[] {new BigDecimal("1.555"), null}));
    RowCodec wide = new RowCodec(java.util.Collections.nCopies(16, DataType.STRING));
    assertEquals(2, wide.encode(new Object[16]).length);
  }

  @Test
  void truncatedOrLongerInputIsAnError() {
    RowCodec codec = new RowCodec(List.of(DataType.BIGINT, DataType.STRING));
    byte[] b = codec.encode(new Object[] {5L, "hello"});
    assertThrows(IllegalArgumentException.class, () -> codec.decode(b, 0, b.length - 1));
    byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
    assertThrows(IllegalArgumentException.class, () -> codec.decode(longer, 0, longer.length));
  }
}
