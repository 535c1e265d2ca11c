package io.drover.jobs.aggregate.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestData;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The record automaton and the byte path of the CSV parser against commons-csv itself: on the
 * fixture files, and on random inputs made of the characters that matter (quotes, delimiters, LF,
 * CR, whitespace, multi-byte UTF-8 and Unicode spaces).
 */
class CsvRecordsTest {
  static final CSVFormat RFC = DelimitedParser.csvFormat(',');

  /** Records with CsvRecords, fields with the parser's byte path (all columns as strings). */
  static List<List<String>> drover(byte[] in, int width) throws Exception {
    List<Schema.Field> f = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      f.add(new Schema.Field("c" + i, Type.STRING));
    }
    DelimitedParser p = new DelimitedParser(new Schema(f), false, ',', ZoneOffset.UTC);
    CsvRecords r = CsvRecords.fromStart(new ByteArrayInputStream(in), ',', 1 << 20);
    List<List<String>> out = new ArrayList<>();
    while (r.next()) {
      List<String> row = new ArrayList<>();
      for (Object v : p.parse(r.buffer(), r.offset(), r.length())) {
        row.add((String) v);
      }
      out.add(row);
    }
    return out;
  }

  /** commons-csv over the whole input, one parser (empty fields as null, as Drover reads). */
  static List<List<String>> commons(Reader in) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(in, RFC)) {
      for (CSVRecord rec : p) {
        List<String> row = new ArrayList<>();
        for (String s : rec) {
          row.add(s.isEmpty() ? null : s);
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void fixtureFilesGiveCommonsCsvsRecordsAndFields() throws Exception {
    for (String name : List.of("events/flights-200k.csv", "regression/ccpp.csv")) {
      Path file = TestData.path(name);
      byte[] bytes = Files.readAllBytes(file);
      // Drover drops a UTF-8 byte-order mark (ccpp.csv has one); commons-csv keeps it
      String text = Inference.stripBom(new String(bytes, StandardCharsets.UTF_8));
      List<List<String>> expected = commons(new StringReader(text));
      List<List<String>> got = drover(bytes, expected.get(0).size());
      assertEquals(expected.size(), got.size(), name);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), got.get(i), name + " record " + i);
      }
    }
  }

  @Test
  void quotedFieldsKeepLineBreaksDoubledQuotesAndDelimiters() throws Exception {
    String csv = "id,note\r\n1,\"two\nlines\"\r\n2,\"say \"\"hi\"\", then\r\nCRLF\"\n3,plain\r"
        + "4,\"\"  \n5,\"x\"\u2003,\n";
    byte[] b = csv.getBytes(StandardCharsets.UTF_8);
    CsvRecords r = CsvRecords.fromStart(new ByteArrayInputStream(b), ',', 1 << 20);
    List<String> texts = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    while (r.next()) {
      texts.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
      starts.add(r.start());
    }
    assertEquals(List.of("id,note", "1,\"two\nlines\"", "2,\"say \"\"hi\"\", then\r\nCRLF\"",
        "3,plain", "4,\"\"  ", "5,\"x\"\u2003,"), texts);
    assertEquals(List.of(0L, 9L, (long) csv.indexOf("2,"), (long) csv.indexOf("3,"),
        (long) csv.indexOf("4,"), (long) csv.indexOf("5,")), starts);
    // each record's fields, by commons-csv on the record alone, are those of commons-csv over
    // the whole text (a Unicode space after a closing quote is whitespace to it, and to us)
    List<List<String>> perRecord = new ArrayList<>();
    for (String t : texts) {
      perRecord.add(DelimitedParser.split(t, false, RFC));
    }
    List<List<String>> whole = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(csv, RFC)) {
      for (CSVRecord rec : p) {
        whole.add(rec.toList());
      }
    }
    assertEquals(whole, perRecord);
    assertEquals(List.of("5", "x", ""), perRecord.get(5));
  }

  @Test
  void aBomIsSkippedAndTheFirstRecordStillStartsAtZero() throws Exception {
    byte[] b = "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    CsvRecords r = CsvRecords.fromStart(new ByteArrayInputStream(b), ',', 1 << 20);
    assertTrue(r.next());
    assertEquals(0, r.start());
    assertEquals("a,b", new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
    assertTrue(r.next());
    assertEquals(7, r.start());
    assertFalse(r.next());
  }

  @Test
  void anUnclosedQuoteRunsToTheEndAndALongRecordIsCut() throws Exception {
    byte[] b = "1,ok\n2,\"open\n3,x\n4,y\n".getBytes(StandardCharsets.UTF_8);
    CsvRecords r = CsvRecords.fromStart(new ByteArrayInputStream(b), ',', 1 << 20);
    assertTrue(r.next());
    assertTrue(r.next());
    assertEquals("2,\"open\n3,x\n4,y\n", new String(r.buffer(), r.offset(), r.length(),
        StandardCharsets.UTF_8));
    assertFalse(r.next());
    Schema s = Schema.parse("a bigint, b string");
    BadRecordException e = assertThrows(BadRecordException.class, () ->
        new DelimitedParser(s, false, ',', ZoneOffset.UTC).parse(b, 5, b.length - 5));
    assertEquals(BadRecordException.Reason.BROKEN_QUOTES, e.reason());

    byte[] longer = "1,ok\n2,\"open\n3,x\n4,y\n5,zzzzz\n".getBytes(StandardCharsets.UTF_8);
    CsvRecords cut = CsvRecords.fromStart(new ByteArrayInputStream(longer), ',', 16);
    List<String> pieces = new ArrayList<>();
    while (cut.next()) {
      pieces.add((cut.wasCut() ? "cut:" : "") + new String(cut.buffer(), cut.offset(),
          cut.length(), StandardCharsets.UTF_8));
    }
    // the 16 bytes from the open quote's record, then the rest of that line: every byte, once
    assertEquals(List.of("1,ok", "cut:2,\"open\n3,x\n4,y\n", "5,zzzzz"), pieces);
  }

  @Test
  void randomInputsSplitLikeCommonsCsvUntilItRefusesThem() throws Exception {
    String[] alphabet = {"a", "b", ",", ",", "\"", "\"", "\n", "\r", "\r\n", " ", "\t", "é",
        "\u2003", "\u00A0", "€", "\uD83D\uDE00"};
    Random rnd = new Random(20261201L);
    int compared = 0;
    for (int t = 0; t < 20_000; t++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(40);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet[rnd.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      // commons-csv, one parser over the whole text, up to its first error
      List<List<String>> expected = new ArrayList<>();
      boolean failed = false;
      try (CSVParser p = CSVParser.parse(new StringReader(text), RFC)) {
        Iterator<CSVRecord> it = p.iterator();
        while (it.hasNext()) {
          List<String> row = new ArrayList<>();
          it.next().forEach(row::add);
          expected.add(row);
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        failed = true;
      }
      CsvRecords r = CsvRecords.fromStart(new ByteArrayInputStream(bytes), ',', 1 << 20);
      List<List<String>> got = new ArrayList<>();
      while (r.next()) {
        String rec = new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8);
        try {
          got.add(DelimitedParser.split(rec, false, RFC));
        } catch (BadRecordException e) {
          got.add(null);
        }
      }
      if (!failed) {
        assertEquals(expected, got, "input " + escape(text));
        compared++;
      } else {
        // the records commons-csv gave before its error are ours too
        for (int i = 0; i < expected.size(); i++) {
          assertEquals(expected.get(i), got.get(i), "record " + i + " of " + escape(text));
        }
      }
    }
    assertTrue(compared > 5_000, "well-formed random inputs: " + compared);
  }

  static String escape(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  @Test
  void theBytePathConvertsOnlyUsedColumnsAndReadsNumbersAndTimesAsTheTextPathDoes()
      throws Exception {
    Schema s = Schema.parse("t timestamp, n bigint, d double, name string, skip bigint");
    boolean[] used = {true, true, true, true, false};
    DelimitedParser p = new DelimitedParser(s, false, ',', ZoneOffset.UTC, used);
    byte[] b = "2001-01-01 00:01,-17,2.5,ORD,notanumber".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(new Object[] {978_307_260_000_000L, -17L, 2.5, "ORD", null},
        p.parse(b, 0, b.length));
    assertEquals(0, p.badValues()); // the unused column is not converted, so not counted
    ZoneId paris = ZoneId.of("Europe/Paris");
    for (String t : List.of("2001-02-28", "2001-02-29", "2000-02-29 23:59:59", "1969-12-31 23:59",
        "2001-13-01", "2001-01-01 24:00", "2001-01-01T10:15", "2001-1-1", " 2001-01-01",
        "0001-01-01 00:00:00", "2001-01-01 10:15:60")) {
      byte[] tb = t.getBytes(StandardCharsets.UTF_8);
      Long fast = DelimitedParser.timestamp(tb, 0, tb.length, 0);
      if (fast != null) {
        assertEquals(Values.parseTimestamp(t, ZoneOffset.UTC), fast, t);
      }
      Schema ts = Schema.parse("t timestamp");
      for (ZoneId z : List.of(ZoneOffset.UTC, ZoneOffset.ofHours(5), paris)) {
        assertEquals(Values.parseTimestamp(t, z),
            new DelimitedParser(ts, false, ',', z).parse(tb, 0, tb.length)[0], t + " " + z);
      }
    }
    for (String v : List.of("0", "-0", "+12", "123456789012345678", "1234567890123456789",
        "-9223372036854775808", "12a", "+", "-", "3.7", " 5")) {
      byte[] vb = v.getBytes(StandardCharsets.UTF_8);
      assertEquals(Values.parseLong(v),
          new DelimitedParser(Schema.parse("n bigint"), false, ',', ZoneOffset.UTC)
              .parse(vb, 0, vb.length)[0], v);
    }
  }

  @Test
  void aDelimiterMustBeAsciiAndNotAQuoteOrLineBreak() {
    assertTrue(CsvRecords.usableDelimiter(';'));
    assertTrue(CsvRecords.usableDelimiter('\t'));
    assertFalse(CsvRecords.usableDelimiter('"'));
    assertFalse(CsvRecords.usableDelimiter('\n'));
    assertFalse(CsvRecords.usableDelimiter('§'));
    InputStream none = new ByteArrayInputStream(new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> CsvRecords.fromStart(none, '"', 100));
  }

  @Test
  void epochDaysAreLocalDates() {
    for (java.time.LocalDate d = java.time.LocalDate.of(1, 1, 1);
        d.getYear() < 2500; d = d.plusDays(13)) {
      assertEquals(d.toEpochDay(), DelimitedParser.epochDay(d.getYear(), d.getMonthValue(),
          d.getDayOfMonth()), d.toString());
    }
  }
}
