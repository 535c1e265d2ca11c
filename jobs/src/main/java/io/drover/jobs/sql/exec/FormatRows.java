package io.drover.jobs.sql.exec;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.DelimitedParser;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.JsonLineParser;
import io.drover.jobs.aggregate.input.RecordParser;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.input.ApacheLogParser;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.InputFormats;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.runtime.AggregateLibrary;
import io.drover.jobs.sql.runtime.Values;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads the scanned columns of a csv, tsv, jsonl or apache table's record with the parser that
 * {@code aggregate} reads the format with (one reader per format): a record that does not parse
 * throws {@link BadRecordException} (the caller counts it against the bad-record limits); a value
 * that does not convert is NULL and counted ({@link #badValues}). Columns of type bigint, double,
 * boolean and timestamp are converted by the parser (as {@code aggregate} and Spark convert
 * them); the others (int, decimal, date, varchar, char, string) are read as text and converted
 * by Hive's rules ({@link Values#parse}). Timestamps are read in UTC. Only the scanned columns
 * are converted.
 */
public final class FormatRows {
  private final RecordParser parser;
  private final Schema schema;
  /** For each column the parser gives: its place in the output row, or -1. */
  private final int[] slot;
  private final DataType[] types;
  private final int width;
  private long badValues;
  private final ZoneId zone;

  /** UTC's. */
  public FormatRows(Table table, List<Column> columns) {
    this(table, columns, ZoneOffset.UTC);
  }

  /**
   * {@code table}'s rows of {@code columns}; {@code zone}: the session time zone (timestamp text
   * without an offset is a wall time in it; text with one is read into it).
   */
  public FormatRows(Table table, List<Column> columns, ZoneId zone) {
    this.zone = zone;
    Format format = InputFormats.format(table.format());
    if (format == null) {
      throw new IllegalArgumentException(table.format() + " is not read by FormatRows");
    }
    // JSON looks fields up by name: only the scanned ones; the others by position: all
    List<Column> read = format == Format.JSONL ? columns : table.columns();
    this.schema = InputFormats.readSchema(read);
    this.slot = new int[read.size()];
    this.types = new DataType[read.size()];
    boolean[] used = new boolean[read.size()];
    for (int i = 0; i < slot.length; i++) {
      slot[i] = columns.indexOf(read.get(i));
      types[i] = read.get(i).type();
      used[i] = slot[i] >= 0;
    }
    this.width = columns.size();
    this.parser = switch (format) {
      case CSV -> new DelimitedParser(schema, false, table.fieldDelimiter(), zone, used);
      case TSV -> new DelimitedParser(schema, true, '\t', zone, used);
      case JSONL -> new JsonLineParser(schema, zone, true);
      case APACHE -> new ApacheLogParser();
    };
  }

  /** The row of one record: UTF-8 bytes {@code b[off, off+len)}, without its line end. */
  public Object[] parse(byte[] b, int off, int len) throws BadRecordException {
    Object[] in = parser.parse(b, off, len);
    Object[] row = new Object[width];
    for (int i = 0; i < slot.length; i++) {
      if (slot[i] >= 0) {
        row[slot[i]] = value(in[i], types[i]);
      }
    }
    return row;
  }

  private Object value(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      if (type.kind() == DataType.Kind.STRING) {
        return s;
      }
      Object x = Values.parse(s, type);
      if (x == Values.BAD) {
        badValues++;
        return null;
      }
      return x;
    }
    // a timestamp's microseconds since the epoch, as its wall time in the session zone; Long
    // (bigint), Double, Boolean as they are
    return AggregateLibrary.toSql(v, InputFormats.readType(type), zone);
  }

  /**
   * The parser's per-column counts (values read, not converted, the first bad one) over the
   * columns of {@link #parsedSchema}, or null when the format keeps none (apache).
   */
  public io.drover.jobs.aggregate.input.ValueTally valueTally() {
    return parser.valueTally();
  }

  /** The columns the parser reads, as aggregate types them. */
  public Schema parsedSchema() {
    return schema;
  }

  /** Values read as NULL because they did not convert to their column's type. */
  public long badValues() {
    return badValues + parser.badValues();
  }
}
