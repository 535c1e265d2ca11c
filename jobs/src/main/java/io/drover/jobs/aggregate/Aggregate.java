package io.drover.jobs.aggregate;

import io.drover.common.cli.UsageException;
import io.drover.common.run.BadInputException;
import io.drover.common.run.InputPacking;
import io.drover.common.run.JobFailedException;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.CsvRecords;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Inference;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.mr.AggregateConf;
import io.drover.jobs.sql.Sql;
import io.drover.jobs.sql.mr.ResultFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Counters;

/**
 * SQL group-by over files: {@code aggregate --sql "SELECT ..." <input>... <output>}, the one-table
 * shorthand of {@link Sql}: its command line (the inputs are the query's one table, read in the
 * format given or detected, with the columns given or inferred from the first records) becomes
 * the sql compiler's short form, and the query runs on that compiler's plan and stages. Output:
 * rows in part files, {@code _schema}, {@code _bad/}, {@code _SUCCESS}, all or nothing.
 */
public final class Aggregate extends Sql {
  /** Lines read from the input to infer the schema. */
  public static final String INFER_ROWS = "drover.aggregate.infer.rows";
  public static final int INFER_ROWS_DEFAULT = 10_000;
  /** How many bad records the client reports. */
  static final int BAD_SHOWN = 5;

  public static void main(String[] args) throws Exception {
    launch(new Aggregate(), args);
  }

  public Aggregate() {
    super("aggregate", AggregateOptions.USAGE);
  }

  /** aggregate's command line as the sql compiler's short form. */
  @Override
  protected Options options(Configuration conf, String[] args) throws UsageException {
    AggregateOptions a = AggregateOptions.parse(conf, args);
    return new Options(List.of(), a.sql(), a.sqlFile(), a.outputFormat(), a.overwrite(), a.explain(), a.output(), a.maxBad(),
        new ShortForm(a.inputs(), a.format(), a.header(), a.delimiter(), a.schema()),
        a.maxBadValues(), a.zone(), a.reducers(), a.chart());
  }

  /** The input files in the order Hadoop reads them (hidden names skipped, dirs walked). */
  static List<Path> files(Configuration conf, List<Path> inputs) throws IOException {
    return InputPacking.listFiles(conf, inputs).stream().map(FileStatus::getPath).toList();
  }

  /** The first {@code max} lines of the inputs (a later file's header line skipped). */
  static List<String> sample(Configuration conf, List<Path> files, int max, boolean header)
      throws IOException, JobFailedException {
    return sample(conf, files, max, header, null);
  }

  /**
   * The first {@code max} records of the inputs (a later file's header skipped): CSV records
   * when {@code csvDelimiter} is set (a quoted field may hold line breaks), else lines.
   */
  static List<String> sample(Configuration conf, List<Path> files, int max, boolean header,
      Character csvDelimiter) throws IOException, JobFailedException {
    List<String> lines = new ArrayList<>();
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    for (int i = 0; i < files.size() && lines.size() < max; i++) {
      Path f = files.get(i);
      try {
        sample(conf, codecs, f, i, lines, max, header, csvDelimiter);
      } catch (IOException e) {
        throw new JobFailedException(BadInputException.reading(f.toString(), e).getMessage()
            + "; nothing was written");
      }
    }
    return lines;
  }

  /** Adds the records or lines of {@code f}, the {@code i}th input file, to {@code lines}. */
  private static void sample(Configuration conf, CompressionCodecFactory codecs, Path f, int i,
      List<String> lines, int max, boolean header, Character csvDelimiter) throws IOException {
    FileSystem fs = f.getFileSystem(conf);
    CompressionCodec codec = codecs.getCodec(f);
    if (csvDelimiter != null) {
      try (FSDataInputStream raw = fs.open(f);
          InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
        CsvRecords records = CsvRecords.fromStart(in, csvDelimiter,
            conf.getInt(AggregateConf.CSV_MAX_RECORD_BYTES,
                AggregateConf.CSV_MAX_RECORD_BYTES_DEFAULT),
            conf.getInt(AggregateConf.CSV_BUFFER_BYTES, AggregateConf.CSV_BUFFER_BYTES_DEFAULT));
        boolean first = true;
        while (lines.size() < max && records.next()) {
          if (first && header && i > 0) {
            first = false;
            continue;
          }
          first = false;
          lines.add(new String(records.buffer(), records.offset(), records.length(),
              StandardCharsets.UTF_8));
        }
      }
      return;
    }
    try (FSDataInputStream raw = fs.open(f);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean first = true;
      while (lines.size() < max && (line = r.readLine()) != null) {
        if (first && header && i > 0) {
          first = false;
          continue;
        }
        first = false;
        lines.add(lines.isEmpty() ? Inference.stripBom(line) : line);
      }
    }
  }

  /**
   * An input as {@code aggregate} reads it: its format, its columns and whether its CSV or TSV
   * files begin with a header row.
   */
  public record Input(Format format, Schema schema, boolean header) {}

  /**
   * The format (given, or null: detected by extension then content), the columns (given as
   * {@code --schema} text, or inferred from the header and the first {@link #INFER_ROWS}
   * records) and the header of the files under {@code inputs} (resolved: {@link
   * InputPacking#resolveInputs}), as {@code aggregate} decides them; the sql program's short form
   * decides its table the same way.
   */
  public static Input input(Configuration conf, List<Path> inputs, Format given,
      boolean withHeader, char delimiter, String schemaText, java.time.ZoneId zone)
      throws IOException, UsageException, JobFailedException {
    List<Path> files = files(conf, inputs);
    if (files.isEmpty()) {
      throw new UsageException("no input files under " + inputs + " (names starting with _ or . "
          + "are skipped)");
    }
    int n = conf.getInt(INFER_ROWS, INFER_ROWS_DEFAULT);
    List<String> lines = null;
    Format format = given;
    if (format == null) {
      lines = sample(conf, files, n, false);
      format = Format.detect(files.get(0).getName(), lines.subList(0, Math.min(10, lines.size())));
    }
    boolean header = withHeader && (format == Format.CSV || format == Format.TSV);
    Schema schema;
    if (schemaText != null) {
      try {
        schema = Schema.parse(schemaText);
      } catch (QueryException e) {
        throw new UsageException(e.getMessage());
      }
      if (format == Format.APACHE) {
        throw new UsageException("option --schema: the apache format has fixed columns: "
            + Format.apacheSchema().describeColumns());
      }
    } else {
      if (lines == null || header || format == Format.CSV) {
        lines = sample(conf, files, n + 1, header,
            format == Format.CSV ? Character.valueOf(delimiter) : null);
      }
      try {
        schema = Inference.infer(format, lines, header, delimiter, zone);
      } catch (BadRecordException e) {
        throw new UsageException("cannot infer the columns of " + files.get(0) + ": "
            + e.getMessage() + "; give them with --schema");
      }
      if (schema.size() == 0) {
        throw new UsageException("no columns found in the first lines of " + files.get(0)
            + " (format " + format.name().toLowerCase(java.util.Locale.ROOT)
            + "); check --format or give --schema");
      }
    }
    return new Input(format, schema, header);
  }

  /**
   * What the group-by job left under {@code _bad/}: the first bad records as "file, byte offset:
   * reason", the count, bytes and lines of all of them (read from {@code reasons-*}, one line per
   * bad record) and the values that did not convert ({@code values-*}).
   */
  public static final class BadFiles {
    public final List<String> shown = new ArrayList<>();
    public long bad;
    public long badBytes;
    /** Bad records spanning more than the line limit, and where the first of them is. */
    public long longBad;
    public String longest;
    /** Per column: values read, bad, the first bad value (from the mappers that met one). */
    private final java.util.Map<String, long[]> values = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> firsts = new java.util.HashMap<>();

    /** {@code maxLines}: a bad record spanning more lines is long (-1: none is). */
    public static BadFiles read(Configuration conf, Path badDir, int maxLines)
        throws IOException {
      BadFiles b = new BadFiles();
      FileSystem fs = badDir.getFileSystem(conf);
      if (!fs.exists(badDir)) {
        return b;
      }
      for (FileStatus f : sorted(fs.globStatus(new Path(badDir, "reasons-*")))) {
        forEachLine(fs, f.getPath(), line -> {
          String[] p = line.split("\t", 6);
          b.bad++;
          if (p.length < 6) {
            return;
          }
          b.badBytes += Long.parseLong(p[3]);
          long lines = Long.parseLong(p[4]);
          if (maxLines >= 0 && lines > maxLines && b.longBad++ == 0) {
            b.longest = String.format("%s, byte %s spans %,d lines", p[0], p[1], lines);
          }
          if (b.shown.size() < BAD_SHOWN) {
            b.shown.add(p[0] + ", byte " + p[1] + ": " + p[5]);
          }
        });
      }
      for (FileStatus f : sorted(fs.globStatus(new Path(badDir, "values-*")))) {
        forEachLine(fs, f.getPath(), line -> {
          String[] p = line.split("\t", 4);
          if (p.length == 4) {
            long[] v = b.values.computeIfAbsent(p[0], k -> new long[2]);
            v[0] += Long.parseLong(p[1]);
            v[1] += Long.parseLong(p[2]);
            b.firsts.putIfAbsent(p[0], p[3]);
          }
        });
      }
      return b;
    }

    private static FileStatus[] sorted(FileStatus[] files) {
      FileStatus[] f = files == null ? new FileStatus[0] : files;
      java.util.Arrays.sort(f);
      return f;
    }

    /** Each line of {@code p}, read as it streams by (a _bad file may be large). */
    private static void forEachLine(FileSystem fs, Path p,
        java.util.function.Consumer<String> each) throws IOException {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          each.accept(line);
        }
      }
    }

    /**
     * The typed columns the query reads that had values: from the counters when there are any
     * (every mapper counts), else from {@code values-*} (only mappers that met a bad value).
     */
    public List<InputChecks.Column> columns(Counters c, Schema schema) {
      List<InputChecks.Column> out = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        String name = schema.get(i).name();
        String type = schema.get(i).type().sqlName();
        String first = firsts.get(name);
        if (c != null) {
          String k = AggregateConf.counterName(name);
          org.apache.hadoop.mapreduce.CounterGroup read =
              c.getGroup(AggregateConf.VALUES_READ_GROUP);
          long n = read.findCounter(k, false) == null ? 0 : read.findCounter(k, false).getValue();
          org.apache.hadoop.mapreduce.CounterGroup bad = c.getGroup(AggregateConf.BAD_VALUES_GROUP);
          long m = bad.findCounter(k, false) == null ? 0 : bad.findCounter(k, false).getValue();
          if (n > 0) {
            out.add(new InputChecks.Column(name, type, n, m, first));
          }
        } else if (values.containsKey(name)) {
          long[] v = values.get(name);
          out.add(new InputChecks.Column(name, type, v[0], v[1], first));
        }
      }
      return out;
    }
  }
}
