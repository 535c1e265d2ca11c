package io.drover.jobs.aggregate;

import io.drover.common.cli.Flags;
import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.sql.mr.ResultFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** What a user asked {@code aggregate} for, checked (the SQL itself is checked by the planner). */
public record AggregateOptions(
    String sql,
    Path sqlFile,
    List<Path> inputs,
    Path output,
    Format format,
    boolean header,
    char delimiter,
    String schema,
    ZoneId zone,
    ResultFormat outputFormat,
    BadRecordLimit maxBad,
    BadRecordLimit maxBadValues,
    int reducers,
    Overwrite overwrite,
    boolean explain,
    java.nio.file.Path chart) {

  /** Format auto-detection: {@link #format} is null. */
  public boolean autoFormat() {
    return format == null;
  }

  public static final String USAGE =
      "--sql \"SELECT ...\" | --sql-file F  [options] <input>... <output>\n"
          + "  Runs a SQL group-by (Hive / Spark SQL dialect) over the inputs as MapReduce jobs and\n"
          + "  writes the result rows to part files in <output>, with _schema (names, types) and\n"
          + "  _bad/ (records that did not parse) beside them. FROM names the inputs (any name).\n"
          + "  --sql TEXT             the query\n"
          + "  --sql-file F           the query from a file\n"
          + "  --format F             csv | tsv | jsonl | apache | auto (default: auto, by extension,\n"
          + "                         then by content)\n"
          + "  --no-header            CSV/TSV without a header row: columns are c1..cN\n"
          + "  --delimiter C          CSV field delimiter (default ,)\n"
          + "  --schema \"n t, ...\"    column names and types instead of inferring them (types bigint,\n"
          + "                         double, boolean, string, timestamp)\n"
          + "  --time-zone Z          zone of time functions and timestamp text (default UTC)\n"
          + "  --output-format F      tsv (default; NULL as \\N) | csv | jsonl | parquet\n"
          + "  --max-bad-records L    fail (exit 1, no output) when more records than L do not parse:\n"
          + "                         a count N or a share P% of the records read (default 1%);\n"
          + "                         the bad records' bytes are bounded by the same share of the\n"
          + "                         input's bytes, and one spanning more than 10 lines fails\n"
          + "                         (-D drover.aggregate.bad.max-record-lines)\n"
          + "  --max-bad-values L     fail when more values than L do not convert to their\n"
          + "                         column's type (read as NULL): a count or a share P% of the\n"
          + "                         values read (default: fail only when a column the query\n"
          + "                         reads has values and none of them converts)\n"
          + "  --reducers N           reduce tasks of the group-by job (default: one per 256 MB of\n"
          + "                         input, at most 64)\n"
          + "  --overwrite            replace <output> if it is a previous job output;\n"
          + "                         --overwrite=force: any directory\n"
          + "  --explain              print the plan (the logical plan, then each MapReduce stage's\n"
          + "                         map, combine and reduce) and run nothing\n"
          + "  --chart FILE.png|.svg  draw the result (local file): a line chart when the first\n"
          + "                         column is a time, else a bar chart of the first 30 rows\n"
          + "  Generic Hadoop options (-D k=v, -conf, -files, -libjars) go before these.";

  /** Config keys of the flags (a flag on the command line wins). */
  public static final String TIME_ZONE = "drover.aggregate.time-zone";
  public static final String OUTPUT_FORMAT = "drover.aggregate.output-format";
  public static final String MAX_BAD = "drover.aggregate.max-bad-records";
  public static final String MAX_BAD_DEFAULT = "1%";
  /** Unset: only a column whose every value failed to convert fails the job. */
  public static final String MAX_BAD_VALUES = "drover.aggregate.max-bad-values";

  /** A bound on bad records: a count, or a share of the records read. */
  public record BadRecordLimit(long count, double percent) {
    public static BadRecordLimit parse(String s) throws UsageException {
      return parse("--max-bad-records", s);
    }

    /** {@code flag}: the option named in the message when {@code s} is not a limit. */
    public static BadRecordLimit parse(String flag, String s) throws UsageException {
      String t = s.trim();
      try {
        if (t.endsWith("%")) {
          double p = Double.parseDouble(t.substring(0, t.length() - 1).trim());
          if (p >= 0 && p <= 100) {
            return new BadRecordLimit(-1, p);
          }
        } else {
          long n = Long.parseLong(t);
          if (n >= 0) {
            return new BadRecordLimit(n, -1);
          }
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw new UsageException("option " + flag + ": '" + s
          + "' is neither a count (0, 10) nor a percentage (0.5%, 1%)");
    }

    public boolean exceeded(long bad, long read) {
      if (count >= 0) {
        return bad > count;
      }
      return bad > percent / 100.0 * read;
    }

    @Override
    public String toString() {
      return count >= 0 ? String.valueOf(count) : (percent == Math.rint(percent)
          ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
    }
  }

  /** {@code --format}: a format, or null for {@code auto}. */
  public static Format format(String fmt) throws UsageException {
    if (fmt.equalsIgnoreCase("auto")) {
      return null;
    }
    Format format = Format.named(fmt);
    if (format == null) {
      throw new UsageException("option --format: '" + fmt
          + "' is not one of csv, tsv, jsonl, apache, auto");
    }
    return format;
  }

  /** {@code --delimiter}: one ASCII character other than a quote or a line break ({@code \t}). */
  public static char delimiter(String text) throws UsageException {
    String delim = text.equals("\\t") ? "\t" : text;
    if (delim.length() != 1) {
      throw new UsageException("option --delimiter: '" + delim + "' is not one character");
    }
    if (!io.drover.jobs.aggregate.input.CsvRecords.usableDelimiter(delim.charAt(0))) {
      throw new UsageException("option --delimiter: '" + delim + "' cannot separate CSV fields; "
          + "give an ASCII character other than a quote or a line break");
    }
    return delim.charAt(0);
  }

  static Options flags() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("sql").hasArg().argName("TEXT").build());
    o.addOption(Option.builder().longOpt("sql-file").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("no-header").build());
    o.addOption(Option.builder().longOpt("delimiter").hasArg().argName("C").build());
    o.addOption(Option.builder().longOpt("schema").hasArg().argName("S").build());
    o.addOption(Option.builder().longOpt("time-zone").hasArg().argName("Z").build());
    o.addOption(Option.builder().longOpt("output-format").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("max-bad-records").hasArg().argName("L").build());
    o.addOption(Option.builder().longOpt("max-bad-values").hasArg().argName("L").build());
    o.addOption(Option.builder().longOpt("reducers").hasArg().argName("N").build());
    o.addOption(Option.builder().longOpt("overwrite").build());
    o.addOption(Option.builder().longOpt("explain").build());
    o.addOption(Option.builder().longOpt("chart").hasArg().argName("FILE").build());
    return o;
  }

  public static AggregateOptions parse(Configuration conf, String... args) throws UsageException {
    Flags f = Flags.parse(flags(), args);
    String sql = f.get("sql", null);
    String sqlFile = f.get("sql-file", null);
    if (sql == null && sqlFile == null) {
      throw new UsageException("give the query with --sql \"SELECT ...\" or --sql-file FILE");
    }
    if (sql != null && sqlFile != null) {
      throw new UsageException("give either --sql or --sql-file, not both");
    }
    Format format = format(f.get("format", "auto"));
    char delimiter = delimiter(f.get("delimiter", ","));
    ZoneId zone = zone(f.get("time-zone", conf.get(TIME_ZONE, "UTC")));
    String of = f.get("output-format", conf.get(OUTPUT_FORMAT, "tsv"));
    ResultFormat out = ResultFormat.named(of);
    if (out == null) {
      throw new UsageException("option --output-format: '" + of + "' is not one of tsv, csv, "
          + "jsonl, parquet");
    }
    if (out == ResultFormat.PARQUET && f.get("chart", null) != null) {
      throw new UsageException("option --chart draws a text result: give --output-format tsv, "
          + "csv or jsonl");
    }
    BadRecordLimit maxBad = BadRecordLimit.parse(
        f.get("max-bad-records", conf.get(MAX_BAD, MAX_BAD_DEFAULT)));
    String badValues = f.get("max-bad-values", conf.get(MAX_BAD_VALUES));
    BadRecordLimit maxBadValues =
        badValues == null ? null : BadRecordLimit.parse("--max-bad-values", badValues);
    int reducers = f.intAtLeast("reducers", 0, 1); // 0: sql's default, by the input's size
    java.nio.file.Path chart = chart(f.get("chart", null));
    List<String> pos = f.inputsThenOutput();
    List<Path> inputs =
        pos.subList(0, pos.size() - 1).stream().map(Path::new).collect(Collectors.toList());
    return new AggregateOptions(sql, sqlFile == null ? null : new Path(sqlFile),
        List.copyOf(inputs), new Path(pos.get(pos.size() - 1)), format, !f.has("no-header"),
        delimiter, f.get("schema", null), zone, out, maxBad, maxBadValues, reducers,
        f.overwrite(), f.has("explain"), chart);
  }

  /** The zone {@code --time-zone} names. */
  public static ZoneId zone(String tz) throws UsageException {
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new UsageException("option --time-zone: '" + tz + "' is not a time zone (UTC, "
          + "Europe/Berlin, +02:00)");
    }
  }

  /** The local file {@code --chart} names (null: none), checked before any job runs. */
  public static java.nio.file.Path chart(String chart) throws UsageException {
    if (chart == null) {
      return null;
    }
    if (!chart.toLowerCase(java.util.Locale.ROOT).endsWith(".png")
        && !chart.toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
      throw new UsageException("option --chart: '" + chart + "' must end in .png or .svg");
    }
    for (java.nio.file.Path p = java.nio.file.Paths.get(chart).toAbsolutePath().getParent();
        p != null; p = p.getParent()) {
      if (java.nio.file.Files.exists(p)) {
        if (!java.nio.file.Files.isDirectory(p)) {
          throw new UsageException("option --chart: " + chart + " cannot be created: " + p
              + " is a file, not a directory");
        }
        break;
      }
    }
    return java.nio.file.Paths.get(chart);
  }
}
