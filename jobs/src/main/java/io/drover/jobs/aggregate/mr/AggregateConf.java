package io.drover.jobs.aggregate.mr;

/** Configuration keys of reading csv, tsv, jsonl and apache inputs and of their bad records. */
public final class AggregateConf {
  private AggregateConf() {}

  /** The field delimiter of {@link CsvInputFormat} when a job names it by class (default ,). */
  public static final String DELIMITER = "drover.aggregate.job.delimiter";

  /**
   * A CSV record this long or longer is cut there and is a bad record (an unclosed quote would
   * otherwise read the rest of the input into memory).
   */
  public static final String CSV_MAX_RECORD_BYTES = "drover.aggregate.csv.max-record-bytes";
  public static final int CSV_MAX_RECORD_BYTES_DEFAULT = 64 << 20;
  /** First size of a CSV reader's buffer (it doubles while one record does not fit). */
  public static final String CSV_BUFFER_BYTES = "drover.aggregate.csv.buffer-bytes";
  public static final int CSV_BUFFER_BYTES_DEFAULT = 1 << 16;

  /**
   * A CSV split that starts within this many bytes of its file's start reads the bytes before
   * it to know exactly where its first record starts; a later one trusts the line break before
   * it, and the split before it checks that trust (see CsvInputFormat).
   */
  public static final String CSV_EXACT_PREFIX_BYTES = "drover.aggregate.csv.exact-prefix-bytes";
  public static final long CSV_EXACT_PREFIX_BYTES_DEFAULT = 1L << 30;

  /**
   * A bad record that spans more lines than this fails the job, whatever --max-bad-records says:
   * a quote that is never closed makes the rest of a file one bad record (-1: no bound).
   */
  public static final String BAD_MAX_RECORD_LINES = "drover.aggregate.bad.max-record-lines";
  public static final int BAD_MAX_RECORD_LINES_DEFAULT = 10;

  /** Counter groups of the values read and not converted, one counter per column. */
  public static final String VALUES_READ_GROUP = "ValuesRead";
  public static final String BAD_VALUES_GROUP = "BadValues";
  /** Columns a mapper counts values of in counters (Hadoop bounds a job's counters at 120). */
  public static final int VALUE_COUNTER_COLUMNS = 30;

  /** A column's name as a counter name (Hadoop cuts counter names at 64 characters). */
  public static String counterName(String column) {
    return column.length() > 60 ? column.substring(0, 60) : column;
  }

  /**
   * A task's per-column tallies (a parser's, over rows of {@code schema}) into its counters: for
   * each typed column that had values (a string always converts), its values read and its bad
   * values (groups {@link #VALUES_READ_GROUP}, {@link #BAD_VALUES_GROUP}; the first {@link
   * #VALUE_COUNTER_COLUMNS} such columns), and the {@code _bad/values-*} line ({@link #valueLine})
   * of each with bad values added to {@code lines}. The client reads them back with {@code
   * Aggregate.BadFiles}. Returns the values read of the typed columns.
   */
  public static long countValues(io.drover.jobs.aggregate.input.ValueTally tally,
      io.drover.jobs.aggregate.input.Schema schema,
      org.apache.hadoop.mapreduce.TaskAttemptContext context, java.util.List<String> lines) {
    long values = 0;
    int counted = 0;
    for (int c = 0; c < tally.columns(); c++) {
      if (schema.get(c).type() == io.drover.jobs.aggregate.expr.Type.STRING
          || tally.values(c) == 0) {
        continue; // a string always converts
      }
      values += tally.values(c);
      if (counted++ < VALUE_COUNTER_COLUMNS) {
        String name = counterName(schema.get(c).name());
        context.getCounter(VALUES_READ_GROUP, name).increment(tally.values(c));
        if (tally.bad(c) > 0) {
          context.getCounter(BAD_VALUES_GROUP, name).increment(tally.bad(c));
        }
      }
      if (tally.bad(c) > 0) {
        lines.add(valueLine(schema.get(c).name(), tally.values(c), tally.bad(c), tally.first(c)));
      }
    }
    return values;
  }

  /** One line of {@code _bad/reasons-*}: file, offset, reason, bytes, lines, message. */
  public static String reasonLine(String file, long offset, String reason, long bytes, int lines,
      String message) {
    return file + "\t" + offset + "\t" + reason + "\t" + bytes + "\t" + lines + "\t"
        + oneLine(message);
  }

  /** One line of {@code _bad/values-*}: column, values read, bad values, the first bad value. */
  public static String valueLine(String column, long values, long bad, String first) {
    return oneLine(column) + "\t" + values + "\t" + bad + "\t" + oneLine(first);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }


  /** Named output (MultipleOutputs) of the bad records. */
  public static final String BAD_OUTPUT = "bad";
  public static final String BAD_DIR = "_bad";
  public static final String BAD_COUNTER_GROUP = "BadRecords";
}
