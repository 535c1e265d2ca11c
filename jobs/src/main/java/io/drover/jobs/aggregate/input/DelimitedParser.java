package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.Type;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180 with commons-csv: quotes, doubled quotes, a delimiter of choice) and TSV (fields
 * split at every tab, no quoting, {@code \N} is NULL as Hive writes it). A record must have as
 * many fields as the schema has columns.
 */
public final class DelimitedParser implements RecordParser {
  private final Schema schema;
  private final boolean tsv;
  private final CSVFormat format;
  private final Converter converter;

  public DelimitedParser(Schema schema, boolean tsv, char delimiter, ZoneId zone) {
    this.schema = schema;
    this.tsv = tsv;
    this.format = csvFormat(delimiter);
    this.converter = new Converter(zone);
  }

  static CSVFormat csvFormat(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
        .get();
  }

  /** The fields of one line, or a reason why it has none. */
  public static List<String> split(String line, boolean tsv, CSVFormat format)
      throws BadRecordException {
    if (tsv) {
      List<String> out = new ArrayList<>();
      int start = 0;
      while (true) {
        int tab = line.indexOf('\t', start);
        String f = tab < 0 ? line.substring(start) : line.substring(start, tab);
        out.add(f.equals("\\N") ? null : f);
        if (tab < 0) {
          return out;
        }
        start = tab + 1;
      }
    }
    try (CSVParser p = CSVParser.parse(new StringReader(line), format)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        throw new BadRecordException(BadRecordException.Reason.BROKEN_QUOTES,
            "a quoted field spans lines (embedded line breaks are not supported)");
      }
      CSVRecord r = records.get(0);
      List<String> out = new ArrayList<>(r.size());
      for (String f : r) {
        out.add(f);
      }
      return out;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new BadRecordException(BadRecordException.Reason.BROKEN_QUOTES,
          "broken quotes: " + e.getMessage());
    }
  }

  @Override
  public Object[] parse(String line) throws BadRecordException {
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    List<String> fields = split(line, tsv, format);
    if (fields.size() != schema.size()) {
      throw new BadRecordException(BadRecordException.Reason.WRONG_FIELD_COUNT,
          "expected " + schema.size() + " fields, found " + fields.size());
    }
    Object[] row = new Object[schema.size()];
    for (int i = 0; i < row.length; i++) {
      String f = fields.get(i);
      // TSV (Hive's text format) keeps an empty string; CSV reads it as NULL, as Spark does
      row[i] = tsv && f != null && f.isEmpty() && schema.get(i).type() == Type.STRING
          ? "" : converter.convert(f, schema.get(i).type());
    }
    return row;
  }

  @Override
  public long badValues() {
    return converter.bad;
  }
}
