package io.drover.jobs.gd.mr;

import io.drover.jobs.aggregate.input.CsvRecords;
import io.drover.jobs.aggregate.mr.AggregateConf;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.data.RecordParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** gd's CSV files read with the one CSV reader ({@link CsvRecords}), from their start. */
public final class CsvFiles {
  private CsvFiles() {}

  /** {@code file}'s bytes, decompressed by its suffix's codec. */
  public static InputStream open(Configuration conf, Path file) throws IOException {
    InputStream raw = file.getFileSystem(conf).open(file);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /** The CSV records of {@code in}, from its first byte (a BOM there is skipped). */
  public static CsvRecords records(Configuration conf, InputStream in) {
    return CsvRecords.fromStart(in, CsvParser.DELIMITER, maxRecordBytes(conf));
  }

  /** A record this long is cut and bad: aggregate's setting, one for every CSV reader. */
  public static int maxRecordBytes(Configuration conf) {
    return conf.getInt(
        AggregateConf.CSV_MAX_RECORD_BYTES, AggregateConf.CSV_MAX_RECORD_BYTES_DEFAULT);
  }

  /** The current record of {@code r} as text. */
  public static String text(CsvRecords r) {
    return new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8);
  }

  /**
   * The header that names {@code file}'s columns: its first record ({@link CsvHeader#FIRST}), or
   * c1..cN for the first non-blank data record; null when there is none.
   */
  public static String header(Configuration conf, Path file, CsvHeader h) throws IOException {
    if (h == CsvHeader.FIRST) {
      return header(conf, file);
    }
    try (InputStream in = open(conf, file)) {
      CsvRecords r = records(conf, in);
      boolean first = true;
      while (r.next()) {
        String record = text(r);
        if ((first && h == CsvHeader.IGNORE) || RecordParser.clean(record).isBlank()) {
          first = false;
          continue;
        }
        try {
          return CsvHeader.namesFor(record);
        } catch (BadRecordException e) {
          throw new IOException(file + ": " + e.getMessage());
        }
      }
      return null;
    }
  }

  /** The first record of {@code file} (its header), or null when the file is empty. */
  public static String header(Configuration conf, Path file) throws IOException {
    try (InputStream in = open(conf, file)) {
      CsvRecords r = records(conf, in);
      return r.next() ? text(r) : null;
    }
  }
}
