package io.drover.jobs.sql.mr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestDirs;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * Parquet's physical and logical types as Drover's values, on a file written by parquet-hadoop's
 * own example writer (every backing of decimals, int96 and int64 timestamps, unsigned and small
 * ints, float, unannotated binary, ENUM), NULLs kept; and the types it refuses.
 */
class ParquetRowsTest {
  static final MessageType FILE = MessageTypeParser.parseMessageType("message m {"
      + " required int32 i8 (INTEGER(8,true)); optional int64 big; optional int32 u32"
      + " (INTEGER(32,false)); optional float f; optional binary dbin (DECIMAL(20,4));"
      + " optional fixed_len_byte_array(9) dfix (DECIMAL(20,2)); optional int32 d32"
      + " (DECIMAL(5,1)); optional binary raw; optional binary e (ENUM); optional int64 tsm"
      + " (TIMESTAMP(MILLIS,true)); optional int64 tsu (TIMESTAMP(MICROS,false));"
      + " optional int96 t96; optional int32 dt (DATE); optional boolean b; }");
  // in another order than the file's, and not all of them (b is left out)
  static final List<Column> COLUMNS = List.of(new Column("dt", DataType.DATE),
      new Column("i8", DataType.INT), new Column("big", DataType.BIGINT),
      new Column("u32", DataType.BIGINT), new Column("f", DataType.DOUBLE),
      new Column("dbin", DataType.decimal(22, 4)), new Column("dfix", DataType.decimal(21, 3)),
      new Column("d32", DataType.decimal(6, 2)), new Column("raw", DataType.varchar(3)),
      new Column("e", DataType.STRING), new Column("tsm", DataType.TIMESTAMP),
      new Column("tsu", DataType.TIMESTAMP), new Column("t96", DataType.TIMESTAMP));

  static Path write(String name) throws Exception {
    Path file = new Path(TestDirs.fresh("parquet-rows").resolve(name).toString());
    SimpleGroupFactory groups = new SimpleGroupFactory(FILE);
    ByteBuffer int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    int96.putLong(3_600_000_000_123L).putInt(2_440_588 + 19_724); // 2024-01-02 01:00:00.000000123
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withType(FILE)
        .withConf(new Configuration()).build()) {
      for (int i = 0; i < 3; i++) { // the same strings thrice: dictionary pages
        w.write(groups.newGroup().append("i8", -7).append("big", -(1L << 40)).append("u32", -1)
            .append("f", 0.1f).append("dbin", Binary.fromConstantByteArray(
                new BigInteger("-1234567890123456").toByteArray()))
            .append("dfix", Binary.fromConstantByteArray(ParquetResult.fixed(
                new BigInteger("-98765"), 9)))
            .append("d32", 1234).append("raw", "Grüße").append("e", "RED")
            .append("tsm", -1L).append("tsu", 1_704_157_200_000_001L)
            .append("t96", Binary.fromConstantByteArray(int96.array()))
            .append("dt", 19_724).append("b", true));
      }
      w.write(groups.newGroup().append("i8", 0));
    }
    return file;
  }

  static List<Object[]> read(Path file, List<Column> columns) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetReader<Object[]> r = ParquetReader.builder(
        new ParquetRows(columns, file.toString()), file).withConf(new Configuration()).build()) {
      for (Object[] row = r.read(); row != null; row = r.read()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void typesAsDroverValues() throws Exception {
    List<Object[]> rows = read(write("all.parquet"), COLUMNS);
    assertEquals(4, rows.size());
    Object[] expected = {LocalDate.of(2024, 1, 2), -7L, -(1L << 40), 4_294_967_295L,
        (double) 0.1f, new BigDecimal("-123456789012.3456"), new BigDecimal("-987.650"),
        new BigDecimal("123.40"), "Grü", "RED", LocalDateTime.of(1969, 12, 31, 23, 59, 59,
            999_000_000), LocalDateTime.of(2024, 1, 2, 1, 0, 0, 1_000),
        LocalDateTime.of(2024, 1, 2, 1, 0, 0, 123)};
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected, rows.get(i));
    }
    // decimals carry exactly the column's scale (Values' contract)
    assertEquals(3, ((BigDecimal) rows.get(0)[6]).scale());
    Object[] nulls = new Object[COLUMNS.size()];
    nulls[1] = 0L;
    assertArrayEquals(nulls, rows.get(3));
  }

  @Test
  void aMissingColumnNamesFileAndColumn() throws Exception {
    Path file = write("missing.parquet");
    ParquetRows.SchemaMismatch e = assertThrows(ParquetRows.SchemaMismatch.class,
        () -> read(file, List.of(new Column("dt", DataType.DATE), new Column("zz",
            DataType.INT))));
    assertTrue(e.getMessage().startsWith("parquet file " + file + " has no column zz (its"
        + " columns: i8, big, u32,"), e.getMessage());
  }

  @Test
  void incompatibleTypesRefused() {
    String[][] refused = {
      {"optional int64 c", "int"},
      {"optional int32 c (INTEGER(32,false))", "int"},
      {"optional int64 c (INTEGER(64,false))", "bigint"},
      {"optional int64 c (DECIMAL(12,3))", "decimal(12,2)"}, // would round
      {"optional int64 c (DECIMAL(12,2))", "decimal(11,2)"}, // might not fit
      {"optional int32 c", "date"},
      {"optional int32 c", "string"},
      {"optional binary c (STRING)", "int"},
      {"optional double c", "decimal(10,2)"},
      {"repeated int32 c", "int"},
      {"optional int32 c (DATE)", "timestamp"},
    };
    for (String[] r : refused) {
      MessageType m = MessageTypeParser.parseMessageType("message m { " + r[0] + "; }");
      assertFalse(ParquetRows.compatible(m.getType(0), type(r[1])), r[0] + " as " + r[1]);
      ParquetRows.SchemaMismatch e = assertThrows(ParquetRows.SchemaMismatch.class,
          () -> ParquetRows.requested(m, List.of(new Column("c", type(r[1]))), "f.parquet"));
      assertTrue(e.getMessage().startsWith("parquet file f.parquet: column c is "),
          e.getMessage());
    }
    MessageType g = MessageTypeParser.parseMessageType(
        "message m { optional group c { optional int32 x; } }");
    assertFalse(ParquetRows.compatible(g.getType(0), DataType.INT));
  }

  static DataType type(String s) {
    return switch (s) {
      case "int" -> DataType.INT;
      case "bigint" -> DataType.BIGINT;
      case "date" -> DataType.DATE;
      case "string" -> DataType.STRING;
      case "timestamp" -> DataType.TIMESTAMP;
      default -> {
        String[] ps = s.substring(8, s.length() - 1).split(",");
        yield DataType.decimal(Integer.parseInt(ps[0]), Integer.parseInt(ps[1]));
      }
    };
  }

  @Test
  void resultSchemaAndFixedBytes() {
    MessageType m = ParquetResult.schema(List.of(new Field("t", "a", DataType.INT),
        new Field("u", "a", DataType.decimal(25, 3)), new Field(null, "d", DataType.DATE),
        new Field(null, "n", DataType.decimal(9, 2)), new Field(null, "s", DataType.varchar(4))));
    assertEquals("message result { optional int32 a; optional fixed_len_byte_array(11) a_2"
        + " (DECIMAL(25,3)); optional int32 d (DATE); optional int32 n (DECIMAL(9,2));"
        + " optional binary s (STRING); }", m.toString().replaceAll("\\s+", " ").strip());
    for (int p = 1; p <= 38; p++) {
      BigInteger max = BigInteger.TEN.pow(p).subtract(BigInteger.ONE);
      int n = ParquetResult.bytes(p);
      assertEquals(max, new BigInteger(ParquetResult.fixed(max, n)), "precision " + p);
      assertEquals(max.negate(), new BigInteger(ParquetResult.fixed(max.negate(), n)));
      assertTrue(n == 1 || BigInteger.TWO.pow(8 * (n - 1) - 1).compareTo(max) <= 0,
          "precision " + p + " in fewer than " + n + " bytes");
    }
  }
}
