package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValuesTest {
  static final DataType DEC = DataType.decimal(15, 2);

  /** Both parse paths agree; the byte path reads from the middle of a buffer. */
  static Object parse(String text, DataType t) {
    Object a = Values.parse(text, t);
    byte[] raw = ("xx|" + text + "|yy").getBytes(StandardCharsets.UTF_8);
    Object b = Values.parse(raw, 3, raw.length - 6, t);
    assertEquals(a, b, "string and byte parse of '" + text + "' as " + t);
    return a;
  }

  @Test
  void nullsAndEmptyFields() {
    for (DataType t : new DataType[] {DataType.INT, DataType.BIGINT, DataType.DOUBLE, DEC,
        DataType.DATE, DataType.TIMESTAMP, DataType.BOOLEAN, DataType.STRING,
        DataType.varchar(3)}) {
      assertNull(parse("\\N", t), t.toString());
      assertEquals(t.isText() ? "" : null, parse("", t), t.toString());
    }
  }

  @Test
  void goodValues() {
    assertEquals(42L, parse("42", DataType.INT));
    assertEquals(-42L, parse("-42", DataType.INT));
    assertEquals(5L, parse("+5", DataType.BIGINT));
    assertEquals(3000000000L, parse("3000000000", DataType.BIGINT));
    assertEquals(Long.MIN_VALUE, parse("-9223372036854775808", DataType.BIGINT));
    assertEquals(1.5e-5, parse("1.5e-5", DataType.DOUBLE));
    assertEquals(new BigDecimal("12.30"), parse("12.3", DEC));
    assertEquals(new BigDecimal("-0.01"), parse("-.005", DEC));
    assertEquals(new BigDecimal("12.35"), parse("12.345", DEC));
    assertEquals(new BigDecimal("1000.00"), parse("1e3", DEC));
    assertEquals(2, ((BigDecimal) parse("7", DEC)).scale());
    assertEquals(LocalDate.of(2024, 2, 29), parse("2024-02-29", DataType.DATE));
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 5, 7, 250_000_000),
        parse("2024-02-29 13:05:07.25", DataType.TIMESTAMP));
    assertEquals(Boolean.TRUE, parse("TRUE", DataType.BOOLEAN));
    assertEquals("abc", parse("abcdef", DataType.varchar(3)));
    assertEquals("naïve", parse("naïve", DataType.STRING));
  }

  @Test
  void badValuesAreReported() {
    String[][] bad = {{"x", "int"}, {"2147483648", "int"}, {" 1", "int"}, {"1.5", "bigint"},
        {"-", "bigint"}, {"99999999999999999999", "bigint"}, {"abc", "double"},
        {"1.0d", "double"}, {"1x", "dec"}, {".", "dec"}, {"12345678901234.5", "dec"},
        {"2023-02-29", "date"}, {"2023-2-1", "date"}, {"20230201", "date"},
        {"yes", "boolean"}, {"noon", "timestamp"}};
    for (String[] b : bad) {
      DataType t = switch (b[1]) {
        case "int" -> DataType.INT;
        case "bigint" -> DataType.BIGINT;
        case "double" -> DataType.DOUBLE;
        case "dec" -> DEC;
        case "date" -> DataType.DATE;
        case "boolean" -> DataType.BOOLEAN;
        default -> DataType.TIMESTAMP;
      };
      assertSame(Values.BAD, parse(b[0], t), b[0] + " as " + t);
    }
  }

  @Test
  void formatRoundTrips() {
    Object[][] cases = {{42L, DataType.BIGINT, "42"}, {new BigDecimal("1.50"), DEC, "1.50"},
        {new BigDecimal("0.00"), DEC, "0.00"}, {new BigDecimal("-123456789012.34"), DEC,
        "-123456789012.34"}, {LocalDate.of(1998, 9, 2), DataType.DATE, "1998-09-02"},
        {LocalDateTime.of(2020, 1, 2, 3, 4, 5), DataType.TIMESTAMP, "2020-01-02 03:04:05"},
        {LocalDateTime.of(2020, 1, 2, 3, 4, 5, 120_000_000), DataType.TIMESTAMP,
        "2020-01-02 03:04:05.12"}, {0.001, DataType.DOUBLE, "0.001"},
        {1234567.5, DataType.DOUBLE, "1234567.5"}, {1.0e7, DataType.DOUBLE, "1.0E7"},
        {1.0e-4, DataType.DOUBLE, "1.0E-4"}, {true, DataType.BOOLEAN, "true"},
        {"a\tb", DataType.STRING, "a\tb"}};
    for (Object[] c : cases) {
      DataType t = (DataType) c[1];
      String text = Values.format(c[0], t);
      assertEquals(c[2], text);
      Object back = parse(text, t);
      assertEquals(c[0], back, text);
    }
    assertEquals("\\N", Values.format(null, DataType.INT));
    assertNull(parse(Values.format(null, DEC), DEC));
  }

  @Test
  void casts() {
    assertEquals(3L, Values.cast(new BigDecimal("3.99"), DEC, DataType.INT));
    assertEquals(-3L, Values.cast(-3.99, DataType.DOUBLE, DataType.BIGINT));
    assertNull(Values.cast(3e9, DataType.DOUBLE, DataType.INT));
    assertEquals(new BigDecimal("2.50"), Values.cast(2.499999, DataType.DOUBLE, DEC));
    assertNull(Values.cast(new BigDecimal("123.45"), DEC, DataType.decimal(4, 2)));
    assertEquals(LocalDate.of(2021, 3, 4),
        Values.cast("2021-03-04", DataType.STRING, DataType.DATE));
    assertNull(Values.cast("2021-13-04", DataType.STRING, DataType.DATE));
    assertEquals("2021-03-04",
        Values.cast(LocalDate.of(2021, 3, 4), DataType.DATE, DataType.STRING));
    assertEquals(12L, Values.cast(" 12 ", DataType.STRING, DataType.INT));
    assertNull(Values.cast("x", DataType.STRING, DataType.INT));
    assertEquals(LocalDateTime.of(2021, 3, 4, 0, 0),
        Values.cast(LocalDate.of(2021, 3, 4), DataType.DATE, DataType.TIMESTAMP));
  }

  @Test
  void compares() {
    assertTrue(Values.compare(new BigDecimal("1.0"), new BigDecimal("1.00")) == 0);
    assertTrue(Values.compare(1L, 2L) < 0);
    assertTrue(Values.compare("b", "abc") > 0);
    assertTrue(Values.compare(LocalDate.of(2020, 1, 1), LocalDate.of(2019, 12, 31)) > 0);
  }
}
