package io.drover.jobs.aggregate.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.input.CsvRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;

/**
 * Splits of a CSV file with line breaks inside quoted fields: cut anywhere, the readers of the
 * pieces together give exactly the records of one reader of the whole file.
 */
public class CsvInputFormatTest {
  /** A CSV text whose notes hold LF, CRLF, commas and doubled quotes; some lines end in CRLF. */
  public static String multiline(int rows, long seed) {
    Random r = new Random(seed);
    String[] bits = {"plain", "two\nlines", "a, comma", "say \"\"hi\"\"", "crlf\r\ninside", "é",
        "\n", ""};
    StringBuilder b = new StringBuilder("id,city,note,amount\n");
    for (int i = 0; i < rows; i++) {
      StringBuilder note = new StringBuilder();
      for (int k = r.nextInt(3); k >= 0; k--) {
        note.append(bits[r.nextInt(bits.length)]);
      }
      b.append(i).append(',').append("city").append(r.nextInt(5)).append(",\"").append(note)
          .append("\",").append(r.nextInt(1000)).append(r.nextInt(4) == 0 ? "\r\n" : "\n");
    }
    return b.toString();
  }

  static final Configuration EXACT = new Configuration();
  static final Configuration TRUSTING = new Configuration();

  static {
    EXACT.setLong(AggregateConf.CSV_EXACT_PREFIX_BYTES, Long.MAX_VALUE);
    TRUSTING.setLong(AggregateConf.CSV_EXACT_PREFIX_BYTES, 0);
  }

  /** (start offset, text) of each record a reader of [offset, offset + length) gives. */
  static List<String> read(Path file, long offset, long length, long exactPrefix)
      throws IOException {
    return read(file, offset, length, exactPrefix == 0 ? TRUSTING : EXACT);
  }

  static List<String> read(Path file, long offset, long length, Configuration conf)
      throws IOException {
    CsvInputFormat.Reader reader = new CsvInputFormat.Reader();
    CombineFileSplit split = new CombineFileSplit(
        new org.apache.hadoop.fs.Path[] {new org.apache.hadoop.fs.Path(file.toUri())},
        new long[] {offset}, new long[] {length}, new String[0]);
    reader.initialize(split, new TaskAttemptContextImpl(conf, new TaskAttemptID()));
    List<String> out = new ArrayList<>();
    while (reader.nextKeyValue()) {
      out.add(reader.getCurrentKey().get() + ":" + reader.getCurrentValue());
    }
    reader.close();
    return out;
  }

  static List<String> whole(byte[] bytes) throws IOException {
    CsvRecords r = CsvRecords.fromStart(new ByteArrayInputStream(bytes), ',', 1 << 20);
    List<String> out = new ArrayList<>();
    while (r.next()) {
      out.add(r.start() + ":" + new String(r.buffer(), r.offset(), r.length(),
          StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void cutAtEveryByteTheTwoReadersGiveTheWholeFilesRecords() throws Exception {
    Path dir = TestDirs.fresh("csv-splits");
    Path file = dir.resolve("notes.csv");
    byte[] bytes = multiline(60, 7).getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes);
    List<String> expected = whole(bytes);
    assertTrue(expected.stream().anyMatch(s -> s.contains("\n")), "multi-line records");
    int failed = 0;
    for (int s = 1; s < bytes.length; s++) {
      // exact: the second reader reads the bytes before it
      List<String> got = new ArrayList<>(read(file, 0, s, Long.MAX_VALUE));
      got.addAll(read(file, s, bytes.length - s, Long.MAX_VALUE));
      assertEquals(expected, got, "cut at " + s);
      // trusting the line break before the cut: exact, or the first reader refuses the cut
      try {
        List<String> first = read(file, 0, s, 0);
        List<String> both = new ArrayList<>(first);
        both.addAll(read(file, s, bytes.length - s, 0));
        assertEquals(expected, both, "cut at " + s + " trusted");
      } catch (IOException e) {
        assertTrue(e.getMessage().contains("a quoted field with a line break crosses byte "
            + String.format("%,d", s) + ","),
            e.getMessage());
        failed++;
      }
    }
    assertTrue(failed > 0 && failed < bytes.length / 2, "refused cuts: " + failed);
  }

  /**
   * A CRLF file (CR as the last byte of a buffer was once a record of 64 KB) read in two splits
   * cut at every byte, by readers whose buffers start at a few bytes: the whole file's records.
   */
  @Test
  void crlfFileCutAtEveryByteWithTinyBuffers() throws Exception {
    Path dir = TestDirs.fresh("csv-crlf-splits");
    Path file = dir.resolve("notes.csv");
    byte[] bytes = multiline(12, 5).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes);
    List<String> expected = whole(bytes);
    for (int buffer : new int[] {1, 2, 5, 16}) {
      Configuration conf = new Configuration(EXACT);
      conf.setInt(AggregateConf.CSV_BUFFER_BYTES, buffer);
      for (int s = 1; s < bytes.length; s++) {
        List<String> got = new ArrayList<>(read(file, 0, s, conf));
        got.addAll(read(file, s, bytes.length - s, conf));
        assertEquals(expected, got, "buffer " + buffer + ", cut at " + s);
      }
    }
  }

  @Test
  void manyPiecesInOneAndManySplitsAgree() throws Exception {
    Path dir = TestDirs.fresh("csv-pieces");
    Path file = dir.resolve("notes.csv");
    byte[] bytes = multiline(400, 11).getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes);
    List<String> expected = whole(bytes);
    for (int piece : new int[] {7, 100, 1000, 4096}) {
      List<String> got = new ArrayList<>();
      for (long off = 0; off < bytes.length; off += piece) {
        got.addAll(read(file, off, Math.min(piece, bytes.length - off), Long.MAX_VALUE));
      }
      assertEquals(expected, got, "pieces of " + piece);
    }
  }
}
