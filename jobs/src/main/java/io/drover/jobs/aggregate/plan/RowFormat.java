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

  /** The cells of a line this format wrote, as text; null for NULL. */
  public String[] cells(String line, int columns) {
    String[] out = new String[columns];
    switch (this) {
      case TSV: {
        String[] f = line.split("\t", -1);
        for (int i = 0; i < columns && i < f.length; i++) {
          out[i] = f[i].equals("\\N") ? null : unescapeTsv(f[i]);
        }
        return out;
      }
      case CSV:
        try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.parse(line,
            org.apache.commons.csv.CSVFormat.RFC4180)) {
          org.apache.commons.csv.CSVRecord r = p.getRecords().get(0);
          for (int i = 0; i < columns && i < r.size(); i++) {
            out[i] = r.get(i).isEmpty() ? null : r.get(i);
          }
        } catch (java.io.IOException | RuntimeException e) {
          throw new IllegalArgumentException("not a CSV line: " + line, e);
        }
        return out;
      default:
        try {
          com.fasterxml.jackson.databind.JsonNode n =
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
          java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> it = n.elements();
          for (int i = 0; i < columns && it.hasNext(); i++) {
            com.fasterxml.jackson.databind.JsonNode v = it.next();
            out[i] = v.isNull() ? null : v.asText();
          }
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("not a JSON line: " + line, e);
        }
        return out;
    }
  }

  private static String unescapeTsv(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
