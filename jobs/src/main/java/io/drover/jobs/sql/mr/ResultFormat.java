package io.drover.jobs.sql.mr;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.runtime.Values;
import java.util.List;
import java.util.Locale;

/**
 * How result rows are written, one line each (no header: names and types go to {@code
 * _schema}), as {@code aggregate} writes them: {@code tsv} (NULL as {@code \N}; backslash, TAB,
 * LF, CR escaped), {@code csv} (RFC 4180; NULL empty, the empty string {@code ""}), {@code
 * jsonl} (an object per line, numbers and booleans as JSON values). Values as {@link
 * Values#format} prints them (decimals with their scale, dates ISO); or {@code parquet} files
 * ({@link ParquetResult}).
 */
public enum ResultFormat {
  TSV,
  CSV,
  JSONL,
  /** Parquet files, written by {@link ParquetResult} (not lines: {@link #format} refuses). */
  PARQUET;

  /** The format named {@code s}, or null. */
  public static ResultFormat named(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "tsv":
        return TSV;
      case "csv":
        return CSV;
      case "jsonl":
      case "json":
        return JSONL;
      case "parquet":
        return PARQUET;
      default:
        return null;
    }
  }

  /** One row as a line, without its line break. */
  public String format(Object[] row, List<String> names, List<DataType> types) {
    if (this == PARQUET) {
      throw new IllegalStateException("parquet results are not lines");
    }
    StringBuilder b = new StringBuilder();
    if (this == JSONL) {
      b.append('{');
    }
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      DataType t = types.get(i);
      if (this == JSONL) {
        if (i > 0) {
          b.append(',');
        }
        b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(names.get(i)))
            .append("\":");
        if (v == null) {
          b.append("null");
        } else if (t.isNumeric() && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))
            || t.kind() == DataType.Kind.BOOLEAN) {
          b.append(Values.format(v, t));
        } else {
          b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(
              Values.format(v, t))).append('"');
        }
        continue;
      }
      if (i > 0) {
        b.append(this == TSV ? '\t' : ',');
      }
      if (v == null) {
        if (this == TSV) {
          b.append("\\N");
        }
        continue;
      }
      String s = Values.format(v, t);
      if (this == TSV) {
        for (int j = 0; j < s.length(); j++) {
          char c = s.charAt(j);
          switch (c) {
            case '\\' -> b.append("\\\\");
            case '\t' -> b.append("\\t");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            default -> b.append(c);
          }
        }
      } else if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0
          || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
        b.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        b.append(s);
      }
    }
    if (this == JSONL) {
      b.append('}');
    }
    return b.toString();
  }

  /** The cells of a line this format wrote (not parquet), as text; null for NULL. */
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
      case JSONL:
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
      default:
        throw new IllegalStateException("parquet results are not lines");
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
  }}
