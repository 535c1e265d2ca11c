package io.drover.jobs.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.parse.HiveDdl;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The csv, tsv, jsonl and apache rows of the sql runtime, each value written out by hand. */
class FormatRowsTest {
  static Object[] parse(FormatRows rows, String record) throws BadRecordException {
    byte[] b = ("xx" + record).getBytes(StandardCharsets.UTF_8);
    return rows.parse(b, 2, b.length - 2);
  }

  static List<Column> columns(Table t, String... names) {
    return List.of(names).stream().map(n -> t.column(n).orElseThrow()).toList();
  }

  static final Table CSV = HiveDdl.table("CREATE TABLE c (id int, price decimal(6,2), "
      + "name varchar(3), day date, n bigint, x double, ok boolean, at timestamp, s string) "
      + "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' LOCATION 'c'");

  @Test
  void csvValuesByTheirDeclaredTypes() throws Exception {
    FormatRows rows = new FormatRows(CSV, CSV.columns());
    assertArrayEquals(new Object[] {7L, new BigDecimal("12.35"), "Smi", null, 12L, 1.5, true,
        LocalDateTime.of(2026, 1, 2, 3, 4, 5), "a \"q\"\r\nb, c"},
        parse(rows, "7,12.345,\"Smith, John\",2026-02-30,12,1.5,TRUE,2026-01-02 03:04:05,"
            + "\"a \"\"q\"\"\r\nb, c\"\r"));
    assertEquals(1, rows.badValues()); // 2026-02-30
    assertArrayEquals(new Object[] {null, null, null, LocalDate.of(2026, 2, 28), null, null, null,
        null, null}, parse(rows, "x,,,2026-02-28,y,z,maybe,noon,"));
    assertEquals(1 + 5, rows.badValues()); // int, bigint, double, boolean, timestamp
  }

  @Test
  void csvReadsOnlyTheScannedColumnsInTheirOrder() throws Exception {
    FormatRows rows = new FormatRows(CSV, columns(CSV, "n", "id"));
    assertArrayEquals(new Object[] {12L, 7L}, parse(rows, "7,bad,x,bad,12,bad,bad,bad,x"));
    assertEquals(0, rows.badValues());
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> parse(rows, "7,1,2"));
    assertEquals(BadRecordException.Reason.WRONG_FIELD_COUNT, e.reason());
    assertEquals(BadRecordException.Reason.BROKEN_QUOTES,
        assertThrows(BadRecordException.class, () -> parse(rows, "7,\"a\"b,,,,,,,")).reason());
  }

  @Test
  void csvWithASeparatorChar() throws Exception {
    Table t = HiveDdl.table("CREATE TABLE c (a string, b int) ROW FORMAT SERDE "
        + "'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES "
        + "('separatorChar'=';') LOCATION 'c'");
    assertArrayEquals(new Object[] {"x,y", 3L}, parse(new FormatRows(t, t.columns()), "x,y;3"));
  }

  @Test
  void tsvKeepsEmptyStringsAndReadsBackslashNAsNull() throws Exception {
    Table t = new Table("t", HiveDdl.table("create table t (s string, u string, n int) "
        + "location 'x'").columns(), io.drover.jobs.sql.catalog.TableFormat.TSV, '\t', "x",
        false);
    assertArrayEquals(new Object[] {"", null, null}, parse(new FormatRows(t, t.columns()),
        "\t\\N\t"));
  }

  @Test
  void jsonMatchesKeysIgnoringCase() throws Exception {
    Table t = HiveDdl.table("CREATE TABLE j (id int, name string, nested string, amount "
        + "decimal(5,1), ok boolean, gone string) STORED AS JSONFILE LOCATION 'j'");
    FormatRows rows = new FormatRows(t, columns(t, "ok", "id", "name", "nested", "amount",
        "gone"));
    assertArrayEquals(new Object[] {false, 5L, "x", "{\"a\":[1,2]}", new BigDecimal("2.5"), null},
        parse(rows, "{\"ID\": 5, \"Name\": \"x\", \"nested\": {\"a\": [1, 2]}, \"amount\": "
            + "2.46, \"ok\": false}"));
    assertEquals(BadRecordException.Reason.INVALID_JSON,
        assertThrows(BadRecordException.class, () -> parse(rows, "{\"id\": ")).reason());
    assertEquals(BadRecordException.Reason.NOT_A_JSON_OBJECT,
        assertThrows(BadRecordException.class, () -> parse(rows, "[1]")).reason());
  }

  @Test
  void apacheLogLines() throws Exception {
    Table t = HiveDdl.table("CREATE TABLE l STORED AS APACHELOG LOCATION 'l'");
    FormatRows rows = new FormatRows(t, columns(t, "time", "status", "bytes", "agent", "user",
        "method"));
    assertArrayEquals(new Object[] {LocalDateTime.of(2000, 10, 10, 20, 55, 36), 200L, null,
        "Mozilla/4.08", "frank", "GET"},
        parse(rows, "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" "
            + "200 - \"http://x/\" \"Mozilla/4.08\""));
    assertEquals(BadRecordException.Reason.LOG_LINE_MISMATCH,
        assertThrows(BadRecordException.class, () -> parse(rows, "127.0.0.1 - - [x] \"GET")).reason());
  }
}
