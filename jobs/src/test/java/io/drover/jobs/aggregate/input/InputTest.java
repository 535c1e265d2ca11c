package io.drover.jobs.aggregate.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and schema inference of every input format, good and bad records. */
class InputTest {
  static final java.time.ZoneId UTC = ZoneOffset.UTC;

  @Test
  void csvInferenceLikeSparkAndQuotedFields() throws Exception {
    List<String> lines = List.of("\uFEFFid,price,ok,when,name,mixed,empty\r",
        "1,2.5,true,2001-01-01 10:15,\"Smith, J.\",1,\r",
        "2,3,false,2001-01-02,\"say \"\"hi\"\"\",2.5,\r");
    Schema s = Inference.infer(Format.CSV, lines, true, ',', UTC);
    assertEquals("id bigint, price double, ok boolean, when timestamp, name string, "
        + "mixed double, empty string", s.toString());
    RecordParser p = Inference.parser(Format.CSV, s, ',', UTC);
    assertArrayEquals(new Object[] {2L, 3.0, false, Values.parseTimestamp("2001-01-02", UTC),
        "say \"hi\"", 2.5, null}, p.parse(lines.get(2)));
    assertArrayEquals(new Object[] {1L, 2.5, true, 978_344_100_000_000L, "Smith, J.", 1.0, null},
        p.parse(lines.get(1)));
  }

  @Test
  void badCsvRecordsSayWhyAndBadValuesAreNullAndCounted() throws Exception {
    Schema s = Schema.parse("a bigint, b string");
    RecordParser p = Inference.parser(Format.CSV, s, ',', UTC);
    BadRecordException e = assertThrows(BadRecordException.class, () -> p.parse("1,2,3"));
    assertEquals(BadRecordException.Reason.WRONG_FIELD_COUNT, e.reason());
    assertEquals("expected 2 fields, found 3", e.getMessage());
    e = assertThrows(BadRecordException.class, () -> p.parse("1,\"open"));
    assertEquals(BadRecordException.Reason.BROKEN_QUOTES, e.reason());
    assertArrayEquals(new Object[] {null, "x"}, p.parse("abc,x"));
    assertEquals(1, p.badValues());
  }

  @Test
  void tsvSplitsAtEveryTabAndReadsBackslashNAsNull() throws Exception {
    Schema s = Schema.parse("a string, b bigint, c string");
    RecordParser p = Inference.parser(Format.TSV, s, '\t', UTC);
    assertArrayEquals(new Object[] {"x \"y\"", null, ""}, p.parse("x \"y\"\t\\N\t"));
  }

  @Test
  void jsonLinesWithNestedFieldsAndBadLines() throws Exception {
    List<String> lines = List.of("{\"a\":1,\"u\":{\"name\":\"x\",\"age\":3},\"t\":[1,2]}",
        "{\"a\":2.5,\"u\":{\"name\":null},\"b\":true}");
    Schema s = Inference.infer(Format.JSONL, lines, false, ',', UTC);
    assertEquals("a double, u.name string, u.age bigint, t string, b boolean", s.toString());
    RecordParser p = Inference.parser(Format.JSONL, s, ',', UTC);
    assertArrayEquals(new Object[] {1.0, "x", 3L, "[1,2]", null}, p.parse(lines.get(0)));
    assertArrayEquals(new Object[] {2.5, null, null, null, true}, p.parse(lines.get(1)));
    assertEquals(BadRecordException.Reason.INVALID_JSON,
        assertThrows(BadRecordException.class, () -> p.parse("{\"a\":")).reason());
    assertEquals(BadRecordException.Reason.NOT_A_JSON_OBJECT,
        assertThrows(BadRecordException.class, () -> p.parse("[1]")).reason());
    Schema typed = Schema.parse("a bigint");
    RecordParser q = Inference.parser(Format.JSONL, typed, ',', UTC);
    assertArrayEquals(new Object[] {null}, q.parse("{\"a\":\"many\"}"));
    assertEquals(1, q.badValues());
  }

  @Test
  void apacheCombinedAndCommonLines() throws Exception {
    RecordParser p = new ApacheLogParser();
    Object[] r = p.parse("83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /a.png HTTP/1.1\" "
        + "200 203023 \"http://x/\" \"Mozilla/5.0 (\\\"q\\\")\"");
    assertArrayEquals(new Object[] {"83.149.9.216", null, null, 1_431_857_103_000_000L, "GET",
        "/a.png", "HTTP/1.1", 200L, 203023L, "http://x/", "Mozilla/5.0 (\\\"q\\\")"}, r);
    Object[] common = p.parse("1.2.3.4 - bob [17/May/2015:12:05:03 +0200] \"POST /x HTTP/1.0\" "
        + "404 -");
    assertEquals("bob", common[2]);
    assertEquals(1_431_857_103_000_000L, common[3]);
    assertEquals(null, common[8]);
    BadRecordException e = assertThrows(BadRecordException.class, () -> p.parse(
        "46.118.127.106 - - [20/May/2015:12:05:17 +0000] \"GET /x HTTP/1.1\" 200 235 \"-\" "
            + "\"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"));
    assertEquals(BadRecordException.Reason.LOG_LINE_MISMATCH, e.reason());
    assertEquals("not an Apache common/combined log line (a quoted field lacks its closing quote)",
        e.getMessage());
  }

  @Test
  void formatDetectionByExtensionThenContent() {
    assertEquals(Format.CSV, Format.detect("flights.csv.bz2", List.of("{")));
    assertEquals(Format.JSONL, Format.detect("events", List.of("{\"a\":1}")));
    assertEquals(Format.APACHE, Format.detect("access_log", List.of(
        "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"")));
    assertEquals(Format.TSV, Format.detect("data", List.of("a\tb")));
    assertEquals(Format.CSV, Format.detect("data", List.of("a,b")));
  }

  @Test
  void schemaTextRoundTripsAndBadSchemasAreNamed() throws Exception {
    Schema s = Schema.parse("a bigint, `b c` string, u.name varchar, t timestamp, x decimal(10,2)");
    assertEquals(Type.DOUBLE, s.get(4).type());
    assertEquals(s, Schema.parse(s.toString()));
    QueryException e = assertThrows(QueryException.class, () -> Schema.parse("a number"));
    assertTrue(e.getMessage().startsWith("--schema: cannot read 'a number'"), e.getMessage());
  }
}
