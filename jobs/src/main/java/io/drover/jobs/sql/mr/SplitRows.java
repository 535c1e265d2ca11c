package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.exec.TextRows;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.physical.Source;
import io.drover.jobs.sql.runtime.RowCodec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * The records {@link BranchInputFormat} reads from one file of a branch's source, as rows of the
 * source: a Parquet table's rows as they come, a csv, tsv, jsonl or apache table's records
 * through {@link FormatScan}, a text table's lines (its header line skipped), an earlier stage's
 * binary rows decoded. The map task and the client sampling a sort's keys read them alike.
 */
final class SplitRows {
  private final TextRows text;
  private final RowCodec binary;
  private final boolean parquet;
  private final FormatScan scan;
  private final String file;
  private final boolean skipFirstLine;

  /** {@code tally}: where a format table's bad records go. */
  SplitRows(Configuration conf, Source src, String file, FormatScan.Tally tally) {
    this.file = file;
    this.parquet = BranchInputFormat.parquet(src);
    boolean formatted = !parquet && BranchInputFormat.formatted(src);
    this.scan = formatted ? new FormatScan(conf, ((Source.TableScan) src).table(),
        ((Source.TableScan) src).columns(), tally) : null;
    Source.TableScan plain = !parquet && !formatted && src instanceof Source.TableScan t ? t
        : null;
    this.text = plain == null ? null : new TextRows(plain.table(), plain.columns());
    this.skipFirstLine = plain != null && plain.table().headerLines() > 0;
    this.binary = src instanceof Source.StageOutput
        ? new RowCodec(src.schema().stream().map(Field::type).toList()) : null;
  }

  /** The row of one record, or null: a header, or a bad record (counted). */
  Object[] row(Writable key, Writable value) {
    if (parquet) {
      return ((RowHolder) value).row;
    }
    if (scan != null) {
      Text record = (Text) value;
      return scan.row(file, ((LongWritable) key).get(), record.getBytes(), 0,
          record.getLength());
    }
    if (text != null) {
      if (skipFirstLine && ((LongWritable) key).get() == 0) {
        return null; // skip.header.line.count
      }
      Text line = (Text) value;
      return text.parse(line.getBytes(), line.getLength());
    }
    BytesKey b = (BytesKey) value;
    return binary.decode(b.bytes(), 0, b.length());
  }

  /** Fields read as NULL because they did not convert. */
  long badValues() {
    return text != null ? text.badValues() : scan != null ? scan.badValues() : 0;
  }

  /** A format table's per-column value counts into {@code context} (0 for other sources). */
  long countValues(TaskInputOutputContext<?, ?, ?, ?> context) {
    return scan == null ? 0 : scan.countValues(context);
  }
}
