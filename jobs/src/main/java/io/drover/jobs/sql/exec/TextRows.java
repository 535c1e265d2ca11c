package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.runtime.Values;
import java.util.List;

/**
 * Reads the scanned columns of a delimited text table's line, by Hive's rules: fields split on
 * the table's delimiter, extra trailing fields ignored (dbgen's {@code .tbl} lines end with a
 * {@code |}), missing ones NULL, each field converted by {@link Values#parse}; a field that does
 * not convert is NULL and counted.
 */
public final class TextRows {
  private final char delimiter;
  /** For each table column (in file order): its place in the output row, or -1. */
  private final int[] slot;
  private final DataType[] types;
  private final int width;
  private final int last;
  private long badValues;

  public TextRows(Table table, List<Column> columns) {
    this.delimiter = table.fieldDelimiter();
    this.slot = new int[table.columns().size()];
    this.types = new DataType[slot.length];
    int lastNeeded = -1;
    for (int i = 0; i < slot.length; i++) {
      Column c = table.columns().get(i);
      slot[i] = columns.indexOf(c);
      types[i] = c.type();
      if (slot[i] >= 0) {
        lastNeeded = i;
      }
    }
    this.width = columns.size();
    this.last = lastNeeded;
  }

  /** The row of {@code line} (bytes {@code 0..len} of {@code b}, no line terminator). */
  public Object[] parse(byte[] b, int len) {
    Object[] row = new Object[width];
    int field = 0;
    int start = 0;
    for (int i = 0; i <= len && field <= last; i++) {
      if (i == len || b[i] == delimiter) {
        int s = slot[field];
        if (s >= 0) {
          row[s] = value(b, start, i - start, types[field]);
        }
        field++;
        start = i + 1;
      }
    }
    return row;
  }

  private Object value(byte[] b, int off, int len, DataType type) {
    Object v = Values.parse(b, off, len, type);
    if (v == Values.BAD) {
      badValues++;
      return null;
    }
    return v;
  }

  /** Fields read as NULL because they did not convert. */
  public long badValues() {
    return badValues;
  }
}
