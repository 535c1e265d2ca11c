package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.mr.AggregateConf;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.catalog.TableFormat;
import io.drover.jobs.sql.exec.FormatRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * A csv, tsv, jsonl or apache table's records to rows in a task, as {@code aggregate}'s mapper
 * reads them: a UTF-8 byte-order mark at a file's start dropped, the header record (the one at
 * offset 0) skipped when the table has one, a CSV record of {@link
 * AggregateConf#CSV_MAX_RECORD_BYTES} or more bad ({@code RECORD_TOO_LONG}), and each record that
 * does not parse counted into a {@link Tally} with its file, offset and reason.
 */
final class FormatScan {
  private final FormatRows rows;
  private final boolean header;
  private final boolean csv;
  private final int maxRecordBytes;
  private final Tally tally;

  FormatScan(Configuration conf, Table table, List<Column> columns, Tally tally) {
    this.rows = new FormatRows(table, columns, SqlConf.zone(conf));
    this.header = table.headerLines() > 0;
    this.csv = table.format() == TableFormat.CSV;
    this.maxRecordBytes = conf.getInt(AggregateConf.CSV_MAX_RECORD_BYTES,
        AggregateConf.CSV_MAX_RECORD_BYTES_DEFAULT);
    this.tally = tally;
  }

  /**
   * The row of the record {@code b[off, off+len)} at {@code offset} of {@code file}, or null (a
   * header, a bad record).
   */
  Object[] row(String file, long offset, byte[] b, int off, int len) {
    if (offset == 0) {
      if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB
          && b[off + 2] == (byte) 0xBF) {
        off += 3;
        len -= 3;
      }
      if (header) {
        return null;
      }
    }
    tally.read++;
    tally.recordBytes += len;
    try {
      if (csv && len >= maxRecordBytes) {
        throw new BadRecordException(BadRecordException.Reason.RECORD_TOO_LONG, "a record of "
            + maxRecordBytes + " bytes or more (" + AggregateConf.CSV_MAX_RECORD_BYTES
            + "): cut there; a quote that is never closed?");
      }
      return rows.parse(b, off, len);
    } catch (BadRecordException e) {
      tally.bad(file, offset, b, off, len, e);
      return null;
    }
  }

  /** Values read as NULL because they did not convert. */
  long badValues() {
    return rows.badValues();
  }

  /**
   * This scan's per-column counts of values read and not converted, into the task's counters and
   * the tally's {@code _bad/values-*} lines as {@code aggregate}'s mapper counts them ({@link
   * AggregateConf#countValues}); the values read of the typed columns.
   */
  long countValues(TaskInputOutputContext<?, ?, ?, ?> context) {
    io.drover.jobs.aggregate.input.ValueTally t = rows.valueTally();
    return t == null ? 0 : AggregateConf.countValues(t, rows.parsedSchema(), context,
        tally.valueLines);
  }

  /**
   * What a task's scans of format tables met: records read and their bytes, the bad ones (count,
   * bytes, lines, long ones, per reason) and the bad records, unchanged ({@code _bad/records-*})
   * and as reason lines (as {@code aggregate} writes {@code _bad/reasons-*}: file, offset,
   * reason, bytes, lines, message): every one, written as met, in a task's tally; the first
   * {@link #KEPT} in one without a task (the client sampling a sort's keys).
   */
  static final class Tally {
    static final int KEPT = 1000;
    private final int maxLines;
    /** The task whose output's {@code _bad/} gets every bad record, and its stage; or null. */
    private final TaskInputOutputContext<?, ?, ?, ?> task;
    private final int stage;
    private OutputStream reasonsOut;
    private OutputStream recordsOut;
    long read;
    long recordBytes;
    long bad;
    long badBytes;
    long badLines;
    long longBad;
    final java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
    final List<String> lines = new ArrayList<>();
    /** The first {@link #KEPT} bad records, unchanged. */
    final List<byte[]> records = new ArrayList<>();
    /** Per typed column with values that did not convert: {@link AggregateConf#valueLine}. */
    final List<String> valueLines = new ArrayList<>();

    /** Keeps the first {@link #KEPT} bad records in memory. */
    Tally(Configuration conf) {
      this(conf, null, -1);
    }

    /** Writes every bad record to {@code task}'s {@code _bad/} as it is met. */
    Tally(Configuration conf, TaskInputOutputContext<?, ?, ?, ?> task, int stage) {
      this.maxLines = conf.getInt(AggregateConf.BAD_MAX_RECORD_LINES,
          AggregateConf.BAD_MAX_RECORD_LINES_DEFAULT);
      this.task = task;
      this.stage = stage;
    }

    /** {@code _bad/<kind>-s<stage>-<task>} of the task's work output. */
    private static Path badFile(TaskInputOutputContext<?, ?, ?, ?> context, int stage,
        String kind) throws IOException, InterruptedException {
      Path dir = new Path(FileOutputFormat.getWorkOutputPath(context), AggregateConf.BAD_DIR);
      String id = context.getTaskAttemptID().getTaskID().toString(); // task_..._m_000003
      return new Path(dir, kind + "-s" + (stage + 1) + "-" + id.substring(id.length() - 8)
          .replace('_', '-'));
    }

    void bad(String file, long offset, byte[] b, int off, int len, BadRecordException e) {
      int n = lines(b, off, len);
      bad++;
      badBytes += len;
      badLines += n;
      if (maxLines >= 0 && n > maxLines) {
        longBad++;
      }
      reasons.merge(e.reason().name(), 1L, Long::sum);
      String reason = AggregateConf.reasonLine(file, offset, e.reason().name(), len, n,
          e.getMessage());
      if (task != null) {
        try {
          if (reasonsOut == null) {
            org.apache.hadoop.fs.FileSystem fs = FileOutputFormat.getWorkOutputPath(task)
                .getFileSystem(task.getConfiguration());
            reasonsOut = new java.io.BufferedOutputStream(
                fs.create(badFile(task, stage, "reasons"), false));
            recordsOut = new java.io.BufferedOutputStream(
                fs.create(badFile(task, stage, "records"), false));
          }
          reasonsOut.write((reason + "\n").getBytes(StandardCharsets.UTF_8));
          recordsOut.write(b, off, len);
          recordsOut.write('\n');
        } catch (IOException | InterruptedException x) {
          throw new IllegalStateException("cannot write the bad records: " + x, x);
        }
      } else if (lines.size() < KEPT) {
        lines.add(reason);
        records.add(java.util.Arrays.copyOfRange(b, off, off + len));
      }
    }

    /**
     * Adds the tallies to the task's counters and writes the bad records and their reasons to
     * {@code _bad/records-s<stage>-<task>} and {@code _bad/reasons-s<stage>-<task>} in the task's
     * output (committed with the task's output).
     */
    void report(TaskInputOutputContext<?, ?, ?, ?> context, int stage)
        throws IOException, InterruptedException {
      context.getCounter(SqlCounters.RECORDS_READ).increment(read);
      context.getCounter(SqlCounters.RECORD_BYTES).increment(recordBytes);
      context.getCounter(SqlCounters.BAD_RECORDS).increment(bad);
      context.getCounter(SqlCounters.BAD_BYTES).increment(badBytes);
      context.getCounter(SqlCounters.BAD_LINES).increment(badLines);
      context.getCounter(SqlCounters.BAD_LONG_RECORDS).increment(longBad);
      for (java.util.Map.Entry<String, Long> r : reasons.entrySet()) {
        context.getCounter(AggregateConf.BAD_COUNTER_GROUP, r.getKey()).increment(r.getValue());
      }
      if (reasonsOut != null) {
        reasonsOut.close();
        recordsOut.close();
      }
      if (lines.isEmpty() && valueLines.isEmpty()) {
        return;
      }
      org.apache.hadoop.fs.FileSystem fs = FileOutputFormat.getWorkOutputPath(context)
          .getFileSystem(context.getConfiguration());
      if (!valueLines.isEmpty()) {
        try (OutputStream out = fs.create(badFile(context, stage, "values"), false)) {
          for (String l : valueLines) {
            out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      if (lines.isEmpty()) {
        return;
      }
      try (OutputStream out = fs.create(badFile(context, stage, "reasons"), false)) {
        for (String l : lines) {
          out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      try (OutputStream out = fs.create(badFile(context, stage, "records"), false)) {
        for (byte[] r : records) {
          out.write(r);
          out.write('\n');
        }
      }
    }
  }

  /**
   * The lines a record spans: 1 + its line breaks (LF, CRLF or a lone CR), not counting one that
   * ends it (a quote left open to the end of a file takes the file's last line break in).
   */
  static int lines(byte[] b, int off, int len) {
    int n = 1;
    int end = off + len;
    if (end > off && b[end - 1] == '\n') {
      end--;
    }
    if (end > off && b[end - 1] == '\r') {
      end--;
    }
    for (int i = off; i < end; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && i + 1 < end && b[i + 1] != '\n')) {
        n++;
      }
    }
    return n;
  }
}
