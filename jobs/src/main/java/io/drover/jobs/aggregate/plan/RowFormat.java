package io.drover.jobs.aggregate.plan;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * How result rows are written, one line each, so that part files concatenate (no header: the
 * names and types go to {@code _schema}).
 *
 * <ul>
 *   <li>{@code tsv} (default): fields joined by TAB, NULL as {@code \N} (Hive's text format);
 *       a backslash, TAB, LF or CR inside a string is escaped as {@code \\ \t \n \r}, so every
 *       line splits back exactly.
 *   <li>{@code csv}: RFC 4180, a field quoted when it holds a comma, quote or line break; NULL is
 *       an empty field, the empty string is {@code ""}.
 *   <li>{@code jsonl}: one JSON object per line, keys the column names, NULL as null, numbers as
 *       numbers (NaN and infinities as strings, which JSON lacks).
 * </ul>
 * Doubles are written as Java (and Spark) print them, timestamps as {@code yyyy-MM-dd HH:mm:ss}
 * in the session time zone.
 */
public enum RowFormat {
  TSV,
  CSV,
  JSONL;

  public static RowFormat named(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "tsv":
        return TSV;
      case "csv":
        return CSV;
      case "jsonl":
      case "json":
        return JSONL;
      default:
        return null;
    }
  }

  public String format(Object[] values, List<String> names, List<Type> types, ZoneId zone) {
    StringBuilder b = new StringBuilder();
    if (this == JSONL) {
      b.append('{');
    }
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(this == TSV ? '\t' : ',');
      }
      Object v = values[i];
      Type t = types.get(i);
      switch (this) {
        case TSV:
          if (v == null) {
            b.append("\\N");
          } else {
            escapeTsv(b, Values.toText(v, t, zone));
          }
          break;
        case CSV:
          if (v != null) {
            String s = Values.toText(v, t, zone);
            if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0
                || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
              b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
              b.append(s);
            }
          }
          break;
        default:
          b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(names.get(i)))
              .append("\":");
          if (v == null) {
            b.append("null");
          } else if (t == Type.LONG || t == Type.BOOLEAN
              || (t == Type.DOUBLE && Double.isFinite((Double) v))) {
            b.append(Values.toText(v, t, zone));
          } else {
            b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(
                Values.toText(v, t, zone))).append('"');
          }
      }
    }
    if (this == JSONL) {
      b.append('}');
    }
    return b.toString();
  }

  private static void escapeTsv(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          b.append("\\\\");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        default:
          b.append(c);
      }
    }
  }

  /** The cells of a line this format wrote, as text; null for NULL ({@link ResultFormat#cells}). */
  public String[] cells(String line, int columns) {
    return io.drover.jobs.sql.mr.ResultFormat.valueOf(name()).cells(line, columns);
  }

}
