package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180 with commons-csv: quotes, doubled quotes, line breaks inside quoted fields, a
 * delimiter of choice) and TSV (fields split at every tab, no quoting, {@code \N} is NULL as Hive
 * writes it). A record must have as many fields as the schema has columns.
 *
 * <p>The row path of the mapper is {@link #parse(byte[], int, int)}: a CSV record without any
 * quote byte is split at the delimiter bytes, which gives exactly the fields commons-csv gives
 * (with RFC 4180, no quote means every field is a plain token: the text between delimiters);
 * a record with a quote goes through commons-csv. Only the columns the query reads are converted
 * (the others stay NULL in the row), as Spark's CSV reader prunes columns; whole numbers and
 * {@code yyyy-MM-dd HH:mm[:ss]} timestamps in a fixed-offset zone are read from the bytes, every
 * other text through {@link Converter} as before.
 */
public final class DelimitedParser implements RecordParser {
  private final Schema schema;
  private final boolean tsv;
  private final CSVFormat format;
  private final Converter converter;
  private final boolean[] used;
  private final Type[] types;
  private final byte delimiter;
  private final boolean bytePath;
  /** Seconds east of UTC when the zone has a fixed offset, else null (no byte path for time). */
  private final Integer fixedOffset;
  private int[] starts = new int[16];
  private int[] ends = new int[16];

  public DelimitedParser(Schema schema, boolean tsv, char delimiter, ZoneId zone) {
    this(schema, tsv, delimiter, zone, null);
  }

  /** {@code used}: the columns to convert (null: all); the others are NULL in the rows. */
  public DelimitedParser(Schema schema, boolean tsv, char delimiter, ZoneId zone,
      boolean[] used) {
    this.schema = schema;
    this.tsv = tsv;
    this.format = csvFormat(delimiter);
    this.converter = new Converter(zone, schema.size());
    this.types = new Type[schema.size()];
    this.used = new boolean[schema.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.get(i).type();
      this.used[i] = used == null || (i < used.length && used[i]);
    }
    this.delimiter = (byte) delimiter;
    this.bytePath = !tsv && CsvRecords.usableDelimiter(delimiter);
    this.fixedOffset = zone.getRules().isFixedOffset()
        ? zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() : null;
  }

  /** The RFC 4180 format that every CSV reader of Drover splits fields with. */
  public static CSVFormat csvFormat(char delimiter) {
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
    char d = format.getDelimiterString().charAt(0);
    if (format.getDelimiterString().length() == 1 && line.indexOf('"') < 0
        && line.indexOf('\n') < 0 && line.indexOf('\r') < 0) {
      // no quote and no line break: commons-csv's fields are the text between delimiters
      List<String> out = new ArrayList<>();
      int start = 0;
      while (true) {
        int at = line.indexOf(d, start);
        out.add(at < 0 ? line.substring(start) : line.substring(start, at));
        if (at < 0) {
          return out;
        }
        start = at + 1;
      }
    }
    try (CSVParser p = CSVParser.parse(new StringReader(line), format)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        throw new BadRecordException(BadRecordException.Reason.BROKEN_QUOTES,
            "a line break outside quotes inside one record");
      }
      CSVRecord r = records.get(0);
      List<String> out = new ArrayList<>(r.size());
      for (String f : r) {
        out.add(f);
      }
      return out;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // commons-csv wraps its CSVException in an UncheckedIOException, whose message is the
      // wrapped exception's class name and message: give the reason alone
      Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
      throw new BadRecordException(BadRecordException.Reason.BROKEN_QUOTES,
          "broken quotes: " + t.getMessage());
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
    return convert(fields);
  }

  private Object[] convert(List<String> fields) {
    Object[] row = new Object[schema.size()];
    for (int i = 0; i < row.length; i++) {
      if (!used[i]) {
        continue;
      }
      String f = fields.get(i);
      // TSV (Hive's text format) keeps an empty string; CSV reads it as NULL, as Spark does
      row[i] = tsv && f != null && f.isEmpty() && types[i] == Type.STRING
          ? "" : converter.convert(f, types[i], i);
    }
    return row;
  }

  /** One record as UTF-8 bytes (a CSV record may hold line breaks inside quoted fields). */
  @Override
  public Object[] parse(byte[] b, int off, int len) throws BadRecordException {
    if (!bytePath) {
      return parse(new String(b, off, len, StandardCharsets.UTF_8));
    }
    int end = off + len;
    if (len > 0 && b[end - 1] == '\r') {
      end--;
    }
    final byte d = delimiter;
    int n = 0;
    int fieldStart = off;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (c == d) {
        if (n == starts.length - 1) {
          starts = java.util.Arrays.copyOf(starts, n * 2);
          ends = java.util.Arrays.copyOf(ends, n * 2);
        }
        starts[n] = fieldStart;
        ends[n++] = i;
        fieldStart = i + 1;
      } else if (c == '"') {
        List<String> fields = split(new String(b, off, end - off, StandardCharsets.UTF_8), false,
            format);
        if (fields.size() != schema.size()) {
          throw wrongCount(fields.size());
        }
        return convert(fields);
      }
    }
    starts[n] = fieldStart;
    ends[n++] = end;
    if (n != types.length) {
      throw wrongCount(n);
    }
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) {
      if (used[i] && ends[i] > starts[i]) { // an empty field is NULL
        row[i] = convert(b, starts[i], ends[i], types[i], i);
      }
    }
    return row;
  }

  private BadRecordException wrongCount(int found) {
    return new BadRecordException(BadRecordException.Reason.WRONG_FIELD_COUNT,
        "expected " + schema.size() + " fields, found " + found);
  }

  /** A non-empty field's value; what the byte path does not read goes through the Converter. */
  private Object convert(byte[] b, int from, int to, Type t, int col) {
    switch (t) {
      case STRING:
        converter.tally.seen(col);
        return new String(b, from, to - from, StandardCharsets.UTF_8);
      case LONG:
        Long v = wholeNumber(b, from, to);
        if (v != null) {
          converter.tally.seen(col);
          return v;
        }
        break;
      case TIMESTAMP:
        Long ts = fixedOffset == null ? null : timestamp(b, from, to, fixedOffset);
        if (ts != null) {
          converter.tally.seen(col);
          return ts;
        }
        break;
      default:
        break;
    }
    return converter.convert(new String(b, from, to - from, StandardCharsets.UTF_8), t, col);
  }

  /** {@code [+-]?\d{1,18}} as a long, else null (then the text path decides). */
  static Long wholeNumber(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    if (i == to || to - i > 18) {
      return null;
    }
    long v = 0;
    for (; i < to; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return null;
      }
      v = v * 10 + c;
    }
    return negative ? -v : v;
  }

  /**
   * {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm} or {@code yyyy-MM-dd HH:mm:ss} (two-digit
   * fields, nothing else) in a zone {@code offset} seconds east of UTC, as microseconds; null
   * for any other text or an invalid date (then {@link Values#parseTimestamp} decides).
   */
  static Long timestamp(byte[] b, int from, int to, int offset) {
    int n = to - from;
    if (n != 10 && n != 16 && n != 19) {
      return null;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || b[from + 4] != '-'
        || b[from + 7] != '-' || day > monthLength(year, month)) {
      return null;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (n > 10) {
      hour = digits(b, from + 11, 2);
      minute = digits(b, from + 14, 2);
      if ((b[from + 10] != ' ' && b[from + 10] != 'T') || b[from + 13] != ':' || hour < 0
          || hour > 23 || minute < 0 || minute > 59) {
        return null;
      }
      if (n == 19) {
        second = digits(b, from + 17, 2);
        if (b[from + 16] != ':' || second < 0 || second > 59) {
          return null;
        }
      }
    }
    long days = epochDay(year, month, day);
    long seconds = days * 86_400 + hour * 3600L + minute * 60L + second - offset;
    return seconds * Values.MICROS;
  }

  private static int monthLength(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (LocalDate.toEpochDay's arithmetic). */
  static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      if (!leap) {
        total--;
      }
    }
    return total - 719_528; // days from year 0 to 1970
  }

  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  @Override
  public long badValues() {
    return converter.bad();
  }

  @Override
  public ValueTally valueTally() {
    return converter.tally;
  }
}
