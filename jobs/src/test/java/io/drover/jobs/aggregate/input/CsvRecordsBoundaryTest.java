package io.drover.jobs.aggregate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The record reader at every buffer boundary, against commons-csv: each input is read with every
 * first buffer size from one byte up to past its length and with reads of 1, 2, 3, 5 or any number
 * of bytes, so that each special byte (CR, LF, quote, delimiter, a byte of a multi-byte character)
 * falls at the end of a buffer and of a read; and it is cut at every byte. LF, CRLF and CR-only
 * line ends, quoted and not, line breaks inside quoted fields.
 */
class CsvRecordsBoundaryTest {
  /** An input stream that gives at most {@code chunk} bytes per read. */
  static final class Trickle extends FilterInputStream {
    private final int chunk;

    Trickle(InputStream in, int chunk) {
      super(in);
      this.chunk = chunk;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, chunk));
    }
  }

  /** Rows of a few fields, each line ended by {@code eol}; some fields quoted, with breaks. */
  static String rows(int n, String eol, boolean quoted, long seed) {
    Random r = new Random(seed);
    String[] plain = {"a", "bb", "", "ccc", "é", "€x", "1", "22", "333", "\uD83D\uDE00"};
    String[] inQuotes = {"x,y", "two\nlines", "cr\rlf\r\n", "say \"\"hi\"\"", "", " sp "};
    StringBuilder b = new StringBuilder("name,v,note").append(eol);
    for (int i = 0; i < n; i++) {
      b.append(plain[r.nextInt(plain.length)]).append(',').append(r.nextInt(100)).append(',');
      if (quoted && r.nextBoolean()) {
        b.append('"').append(inQuotes[r.nextInt(inQuotes.length)]).append('"');
      } else {
        b.append(plain[r.nextInt(plain.length)]);
      }
      b.append(eol);
    }
    return b.toString();
  }

  static List<String> inputs() {
    List<String> out = new ArrayList<>();
    for (String eol : List.of("\n", "\r\n", "\r")) {
      out.add(rows(12, eol, false, 1));
      out.add(rows(12, eol, true, 2));
      out.add("name" + eol + "abcdefg" + eol + "h" + eol + eol + "ij" + eol); // one column
    }
    out.add("a,\"b\r\nc\"\r\n\"d\"\"\",e\r\n\r\n\"\",\"\"\r"); // CRLF inside and after quotes
    out.add("\uFEFFid,x\r\n1,2\r\n"); // byte-order mark, CRLF
    out.add("x\r\r\ny\r\n\r\nz"); // CR, CRLF, empty lines, no final line break
    return out;
  }

  /** Each record's text read with these settings. */
  static List<String> records(byte[] in, int bufferBytes, int chunk) throws IOException {
    CsvRecords r = CsvRecords.fromStart(new Trickle(new ByteArrayInputStream(in), chunk), ',',
        1 << 20, bufferBytes);
    List<String> out = new ArrayList<>();
    long expectedStart = 0;
    while (r.next()) {
      // every byte once: each record starts where the one before it ended
      assertEquals(expectedStart, r.start(), "record start");
      expectedStart = r.end();
      out.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
    }
    if (out.isEmpty()) { // nothing, or a byte-order mark alone
      assertTrue(in.length == 0 || in.length == 3 && in[0] == (byte) 0xEF, "no records");
    } else {
      assertEquals(in.length, expectedStart, "the records cover the input");
    }
    return out;
  }

  /** commons-csv's records of {@code text}, or null when it refuses the text. */
  static List<List<String>> commons(String text) {
    List<List<String>> out = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(new StringReader(Inference.stripBom(text)),
        CsvRecordsTest.RFC)) {
      Iterator<CSVRecord> it = p.iterator();
      while (it.hasNext()) {
        out.add(it.next().toList());
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return null;
    }
    return out;
  }

  static List<List<String>> fields(List<String> records) throws BadRecordException {
    List<List<String>> out = new ArrayList<>();
    for (String rec : records) {
      out.add(DelimitedParser.split(rec, false, CsvRecordsTest.RFC));
    }
    return out;
  }

  @Test
  void everyBufferSizeAndReadSizeGivesCommonsCsvsRecords() throws Exception {
    int runs = 0;
    for (String text : inputs()) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      List<List<String>> expected = commons(text);
      assertTrue(expected != null, CsvRecordsTest.escape(text));
      List<String> reference = records(bytes, 1 << 16, Integer.MAX_VALUE);
      assertEquals(expected, fields(reference), CsvRecordsTest.escape(text));
      for (int buffer = 1; buffer <= bytes.length + 2; buffer++) {
        for (int chunk : new int[] {1, 2, 3, 5, Integer.MAX_VALUE}) {
          assertEquals(reference, records(bytes, buffer, chunk),
              "buffer " + buffer + ", reads of " + chunk + ": " + CsvRecordsTest.escape(text));
          runs++;
        }
      }
    }
    assertTrue(runs > 5_000, "runs: " + runs);
  }

  @Test
  void cutAtEveryByteEachPrefixGivesCommonsCsvsRecords() throws Exception {
    int compared = 0;
    for (String text : inputs()) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int cut = 0; cut <= bytes.length; cut++) {
        byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
        String prefixText = new String(prefix, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(prefix, prefixText.getBytes(StandardCharsets.UTF_8))) {
          continue; // cut inside a multi-byte character: not text
        }
        List<List<String>> expected = commons(prefixText);
        for (int buffer : new int[] {1, 2, 3, 4, 7, 16, 1 << 16}) {
          List<String> got = records(prefix, buffer, 3);
          if (expected == null) {
            continue; // an unclosed quote: commons-csv refuses, the extent is checked above
          }
          List<List<String>> gotFields = new ArrayList<>();
          for (String rec : got) {
            try {
              gotFields.add(DelimitedParser.split(rec, false, CsvRecordsTest.RFC));
            } catch (BadRecordException e) {
              gotFields.add(null);
            }
          }
          assertEquals(expected, gotFields,
              "cut at " + cut + ", buffer " + buffer + ": " + CsvRecordsTest.escape(prefixText));
          compared++;
        }
      }
    }
    assertTrue(compared > 5_000, "compared: " + compared);
  }

  /**
   * The case found on a real file: a one-column CRLF file of short lines over many buffers; with
   * a CR as a buffer's last byte one value swallowed the lines after it.
   */
  @Test
  void aOneColumnCrlfFileOfManyShortLinesKeepsEveryLine() throws Exception {
    StringBuilder b = new StringBuilder("name\r\n");
    Random r = new Random(13);
    int lines = 60_000;
    int longest = 0;
    for (int i = 0; i < lines; i++) {
      String v = "n" + Integer.toString(r.nextInt(1 << 20), 36);
      longest = Math.max(longest, v.length());
      b.append(v).append("\r\n");
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
    for (int buffer : new int[] {4096, 1 << 16}) {
      List<String> got = records(bytes, buffer, Integer.MAX_VALUE);
      assertEquals(lines + 1, got.size(), "buffer " + buffer);
      assertEquals(longest, got.stream().skip(1).mapToInt(String::length).max().getAsInt());
      assertEquals(commons(b.toString()), fields(got));
    }
  }
}
