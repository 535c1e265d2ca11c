package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.Type;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * Column names and types from the first lines of the input, as Spark's {@code inferSchema}: a
 * column is bigint if every non-empty value is a whole number, else double if every one is a
 * number, else boolean, else timestamp, else string. A column with no values is a string.
 */
public final class Inference {
  private Inference() {}

  /** Strips a UTF-8 byte-order mark (as decoded text) from the start of a line. */
  public static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** The schema of {@code lines} (the first of them the header when {@code header}). */
  public static Schema infer(Format format, List<String> lines, boolean header, char delimiter,
      ZoneId zone) throws BadRecordException {
    switch (format) {
      case APACHE:
        return Format.apacheSchema();
      case JSONL:
        return JsonLineParser.infer(lines);
      default:
        return inferDelimited(format == Format.TSV, lines, header, delimiter, zone);
    }
  }

  private static Schema inferDelimited(boolean tsv, List<String> lines, boolean header,
      char delimiter, ZoneId zone) throws BadRecordException {
    CSVFormat f = DelimitedParser.csvFormat(delimiter);
    List<String> names = null;
    int first = 0;
    if (lines.isEmpty()) {
      throw new BadRecordException(BadRecordException.Reason.WRONG_FIELD_COUNT,
          "the input is empty: no header or row to take the columns from");
    }
    if (header) {
      names = headerNames(DelimitedParser.split(chomp(stripBom(lines.get(0))), tsv, f));
      first = 1;
    }
    Type[] types = null;
    for (int i = first; i < lines.size(); i++) {
      List<String> fields;
      try {
        fields = DelimitedParser.split(chomp(stripBom(lines.get(i))), tsv, f);
      } catch (BadRecordException e) {
        continue;
      }
      if (names == null) {
        names = new ArrayList<>();
        for (int c = 1; c <= fields.size(); c++) {
          names.add(columnName(c));
        }
      }
      if (fields.size() != names.size()) {
        continue;
      }
      if (types == null) {
        types = new Type[names.size()];
      }
      for (int c = 0; c < types.length; c++) {
        String v = fields.get(c);
        if (v != null && !v.isEmpty()) {
          types[c] = Converter.widen(types[c], Converter.infer(v, zone));
        }
      }
    }
    List<Schema.Field> out = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      Type t = types == null || types[c] == null ? Type.STRING : types[c];
      out.add(new Schema.Field(names.get(c), t));
    }
    return new Schema(out);
  }

  /** The name of the 1-based column {@code c} of a file without a header: c1, c2, ... */
  public static String columnName(int c) {
    return "c" + c;
  }

  static String chomp(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** Header names trimmed; empty ones become cN, repeated ones get _2, _3 ... */
  static List<String> headerNames(List<String> raw) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String n = raw.get(i) == null ? "" : raw.get(i).trim();
      if (n.isEmpty()) {
        n = columnName(i + 1);
      }
      String base = n;
      for (int k = 2; !seen.add(n.toLowerCase(java.util.Locale.ROOT)); k++) {
        n = base + "_" + k;
      }
      out.add(n);
    }
    return out;
  }

  /** The parser for rows of {@code schema}. */
  public static RecordParser parser(Format format, Schema schema, char delimiter, ZoneId zone) {
    return parser(format, schema, delimiter, zone, null);
  }

  /**
   * The parser for rows of {@code schema} that converts only the columns marked in {@code used}
   * (null: all) where the format allows it (CSV, TSV); the others are NULL.
   */
  public static RecordParser parser(Format format, Schema schema, char delimiter, ZoneId zone,
      boolean[] used) {
    switch (format) {
      case APACHE:
        return new ApacheLogParser();
      case JSONL:
        return new JsonLineParser(schema, zone);
      case TSV:
        return new DelimitedParser(schema, true, delimiter, zone, used);
      default:
        return new DelimitedParser(schema, false, delimiter, zone, used);
    }
  }
}
