package io.drover.jobs.aggregate;

import io.drover.common.cli.UsageException;
import io.drover.common.run.BadInputException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.InputPacking;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.common.run.LeanFileOutputFormat;
import io.drover.common.run.OutputCommit;
import io.drover.jobs.JobJar;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Inference;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.mr.AggregateCombiner;
import io.drover.jobs.aggregate.mr.AggregateConf;
import io.drover.jobs.aggregate.mr.AggregateCounters;
import io.drover.jobs.aggregate.mr.AggregateMapper;
import io.drover.jobs.aggregate.mr.AggregateReducer;
import io.drover.jobs.aggregate.input.CsvRecords;
import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.aggregate.mr.CsvInputFormat;
import io.drover.jobs.aggregate.mr.OrderMapper;
import io.drover.jobs.aggregate.mr.OrderReducer;
import io.drover.jobs.aggregate.mr.RegroupMapper;
import io.drover.jobs.aggregate.mr.StateWritable;
import io.drover.jobs.aggregate.plan.JobSpec;
import io.drover.jobs.aggregate.plan.Plan;
import io.drover.jobs.aggregate.sql.QueryParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * SQL group-by as MapReduce: {@code aggregate --sql "SELECT ..." <input>... <output>}. The query is
 * parsed (JSqlParser), checked against the input's schema (inferred from its first lines or given
 * with --schema) and planned on the client; one job groups and aggregates (mapper with an in-mapper
 * hash table, combiner, reducer with HAVING), a second one orders and limits when the query says
 * ORDER BY or LIMIT. Output: rows in part files, {@code _schema}, {@code _bad/}, {@code _SUCCESS},
 * all or nothing.
 */
public final class Aggregate extends DroverTool {
  /** Lines read from the input to infer the schema. */
  public static final String INFER_ROWS = "drover.aggregate.infer.rows";
  public static final int INFER_ROWS_DEFAULT = 10_000;
  /** How many bad records the client reports. */
  static final int BAD_SHOWN = 5;

  /**
   * Runs one job to success and gives its counters (null when they cannot be fetched);
   * {@code checkedAfter}: its result may still be refused (see {@link Jobs}).
   */
  @FunctionalInterface
  interface JobRunner {
    Counters run(Job job, java.io.PrintStream out, boolean checkedAfter)
        throws IOException, JobFailedException;
  }

  /** How jobs are run: a seam for tests of the path where counters cannot be fetched. */
  JobRunner runner = Jobs::runToSuccess;

  /** A rename on a file system; false when the file system refused it. */
  @FunctionalInterface
  interface Rename {
    boolean rename(FileSystem fs, Path from, Path to) throws IOException;
  }

  /** How {@code _bad/} moves into the output: a seam for tests of a refused rename. */
  Rename rename = FileSystem::rename;

  public static void main(String[] args) throws Exception {
    launch(new Aggregate(), args);
  }

  public Aggregate() {
    super("aggregate", AggregateOptions.USAGE);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    AggregateOptions o = AggregateOptions.parse(conf, args);
    String sql = o.sql() != null ? o.sql() : readSql(conf, o.sqlFile());
    try {
      QueryParser.parse(sql); // bad SQL is reported before the input is touched
    } catch (QueryException e) {
      throw new UsageException("--sql: " + e.getMessage());
    }
    List<Path> inputs = InputPacking.resolveInputs(conf, o.inputs());
    JobSpec spec = spec(conf, o, sql, inputs);
    Plan plan;
    try {
      plan = spec.plan();
    } catch (QueryException e) {
      throw new UsageException("--sql: " + e.getMessage());
    }
    if (o.explain()) {
      System.out.print(plan.explain(spec.describeInput(), spec.output()));
      return;
    }
    try (OutputCommit out = OutputCommit.prepare(conf, o.output(), o.overwrite(), o.inputs())) {
      Path groups = plan.ordered() ? out.temp("groups") : out.staging();
      int reducers = plan.global() ? 1 : o.reducers();
      Path first = plan.hasDistinct() ? out.temp("distinct") : groups;
      Counters c = runner.run(createJob(conf, spec, plan, inputs, first,
          plan.hasDistinct() ? o.reducers() : reducers), err(), true);
      Path badDir = new Path(first, AggregateConf.BAD_DIR);
      int maxLines = conf.getInt(AggregateConf.BAD_MAX_RECORD_LINES,
          AggregateConf.BAD_MAX_RECORD_LINES_DEFAULT);
      BadFiles found = BadFiles.read(conf, badDir, maxLines);
      for (String s : found.shown) {
        err().println("aggregate: bad record: " + s);
      }
      InputChecks.Records records = c != null
          ? new InputChecks.Records(value(c, AggregateCounters.RECORDS_READ),
              value(c, AggregateCounters.RECORD_BYTES), value(c, AggregateCounters.BAD_RECORDS),
              value(c, AggregateCounters.BAD_BYTES), value(c, AggregateCounters.BAD_LONG_RECORDS),
              found.longest)
          : new InputChecks.Records(-1, -1, found.bad, found.badBytes, found.longBad,
              found.longest);
      String format = spec.format().name().toLowerCase(java.util.Locale.ROOT);
      String refused = InputChecks.badRecords(records, o.maxBad(), maxLines, format);
      List<InputChecks.Column> columns = found.columns(c, spec.schema());
      for (String w : InputChecks.warnings(columns)) {
        err().println("aggregate: " + w);
      }
      long badValues = c != null ? value(c, AggregateCounters.BAD_VALUES)
          : columns.stream().mapToLong(InputChecks.Column::bad).sum();
      long valuesRead = c != null ? value(c, AggregateCounters.VALUES_READ)
          : columns.stream().mapToLong(InputChecks.Column::values).sum();
      if (refused == null) {
        refused = InputChecks.badValues(columns, valuesRead, badValues, o.maxBadValues());
      }
      if (refused != null) {
        throw new JobFailedException(refused);
      }
      if (plan.hasDistinct()) {
        Counters c2 = runner.run(createRegroupJob(conf, spec, plan, first, groups,
            reducers), err(), false);
        if (c2 != null) {
          c = c2; // groups and rows come from the regrouping job
        }
      }
      if (plan.ordered()) {
        runner.run(createOrderJob(conf, plan, groups, out.staging()), err(), false);
      }
      FileSystem fs = out.staging().getFileSystem(conf);
      if (!first.equals(out.staging()) && fs.exists(badDir)) {
        Path to = new Path(out.staging(), AggregateConf.BAD_DIR);
        if (!rename.rename(fs, badDir, to)) {
          throw new JobFailedException("could not move the bad records from " + badDir + " to "
              + to + " (the file system refused the rename); nothing was written");
        }
      }
      try (OutputStream s = fs.create(new Path(out.staging(), "_schema"), true)) {
        s.write(plan.schemaFile().getBytes(StandardCharsets.UTF_8));
      }
      out.commit();
      if (o.chart() != null) {
        chart(conf, o, plan, spec, out.output());
      }
      long bad = records.bad();
      err().printf("aggregate: %s records read, %,d bad%s%s, %s groups, %s rows written to %s%n",
          records.read() < 0 ? "?" : String.format("%,d", records.read()), bad, bad > 0
              ? String.format(" (%,d bytes, kept under %s)", records.badBytes(),
                  new Path(out.output(), AggregateConf.BAD_DIR)) : "",
          badValues > 0 ? String.format(", %,d bad value%s (read as NULL)", badValues,
              badValues == 1 ? "" : "s") : "", c == null ? "?"
              : String.format("%,d", value(c, AggregateCounters.GROUPS)),
          c == null ? "?" : String.format("%,d", plan.limit() != null
              ? Math.min(plan.limit(), value(c, AggregateCounters.ROWS_OUT))
              : value(c, AggregateCounters.ROWS_OUT)), out.output());
    }
  }

  /** Reads the committed result back and draws it (--chart). */
  private void chart(Configuration conf, AggregateOptions o, Plan plan, JobSpec spec, Path output)
      throws IOException, JobFailedException {
    FileSystem fs = output.getFileSystem(conf);
    FileStatus[] parts = fs.globStatus(new Path(output, "part-*"));
    java.util.Arrays.sort(parts);
    List<String[]> rows = new ArrayList<>();
    for (FileStatus p : parts) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p.getPath()),
          StandardCharsets.UTF_8))) {
        String line;
        while (rows.size() < CHART_MAX_ROWS && (line = r.readLine()) != null) {
          rows.add(spec.output().cells(line, plan.names().size()));
        }
      }
    }
    String title = spec.sql().replaceAll("\\s+", " ");
    if (title.length() > 100) {
      title = title.substring(0, 97) + "...";
    }
    try {
      java.nio.file.Path file = o.chart().toAbsolutePath();
      if (file.getParent() != null) {
        java.nio.file.Files.createDirectories(file.getParent());
      }
      io.drover.jobs.aggregate.chart.ResultChart.write(file, title, plan.names(), plan.types(),
          rows, spec.zone());
      err().println("aggregate: " + io.drover.jobs.aggregate.chart.ResultChart.kind(
          plan.types(), rows, spec.zone()) + " of " + rows.size() + " rows drawn to " + file);
    } catch (IllegalArgumentException e) {
      throw new JobFailedException(e.getMessage() + "; the result itself was written to "
          + output);
    }
  }

  /** At most this many result rows are drawn. */
  static final int CHART_MAX_ROWS = 100_000;

  private static long value(Counters c, Enum<?> e) {
    return c == null ? 0 : c.findCounter(e).getValue();
  }

  static String readSql(Configuration conf, Path file) throws IOException, UsageException {
    FileSystem fs = file.getFileSystem(conf);
    if (!fs.isFile(file)) {
      throw new UsageException("option --sql-file: no such file: " + fs.makeQualified(file));
    }
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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

  /** Format, schema and the rest, decided from the options and the first lines of the input. */
  static JobSpec spec(Configuration conf, AggregateOptions o, String sql, List<Path> inputs)
      throws IOException, UsageException, JobFailedException {
    Input in = input(conf, inputs, o.format(), o.header(), o.delimiter(), o.schema(), o.zone());
    return new JobSpec(sql, in.format(), in.schema(), in.header(), o.delimiter(), o.zone(),
        o.outputFormat());
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

  /** The group-by job exactly as {@code aggregate} submits it. */
  public static Job createJob(Configuration base, JobSpec spec, Plan plan, List<Path> inputs,
      Path output, int reducers) throws IOException {
    Job job = groupingJob(base, "drover aggregate", spec, plan, reducers);
    InputPacking.configure(job, inputs);
    if (spec.format() == Format.CSV) {
      job.setInputFormatClass(CsvInputFormat.class); // records, not lines: see its splits
    }
    job.setMapperClass(AggregateMapper.class);
    if (plan.hasDistinct()) {
      // first of two: one merged state per distinct (group key, value), for the regroup job
      job.setJobName("drover aggregate distinct pairs");
      job.setReducerClass(AggregateCombiner.class);
      job.setOutputKeyClass(BytesKey.class);
      job.setOutputValueClass(StateWritable.class);
      LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    } else {
      rowsOut(job, plan);
    }
    MultipleOutputs.addNamedOutput(job, AggregateConf.BAD_OUTPUT, TextOutputFormat.class,
        NullWritable.class, Text.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** Second job of a count(DISTINCT) plan: regroups the distinct pairs by the group key. */
  public static Job createRegroupJob(Configuration base, JobSpec spec, Plan plan, Path pairs,
      Path output, int reducers) throws IOException {
    Job job = groupingJob(base, "drover aggregate regroup", spec, plan, reducers);
    job.setInputFormatClass(SequenceFileInputFormat.class);
    SequenceFileInputFormat.addInputPath(job, pairs);
    job.setMapperClass(RegroupMapper.class);
    rowsOut(job, plan);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** What both grouping jobs share: the query, the combiner and reducer, the raw-sorted shuffle. */
  private static Job groupingJob(Configuration base, String name, JobSpec spec, Plan plan,
      int reducers) throws IOException {
    Job job = Job.getInstance(new Configuration(base), name);
    JobJar.use(job);
    Configuration conf = job.getConfiguration();
    AggregateConf.write(conf, spec);
    conf.setBoolean(AggregateConf.ORDERED, plan.ordered());
    job.setCombinerClass(AggregateCombiner.class);
    job.setReducerClass(AggregateReducer.class);
    job.setNumReduceTasks(reducers);
    job.setMapOutputKeyClass(BytesKey.class);
    job.setMapOutputValueClass(StateWritable.class);
    job.setSortComparatorClass(BytesKey.Comparator.class);
    job.setOutputValueClass(Text.class);
    return job;
  }

  /** Result rows: keyed by their ORDER BY bytes for the order/limit job, else plain text. */
  private static void rowsOut(Job job, Plan plan) {
    if (plan.ordered()) {
      job.setOutputKeyClass(BytesWritable.class);
      LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    } else {
      job.setOutputKeyClass(NullWritable.class);
      LeanFileOutputFormat.use(job, TextOutputFormat.class);
    }
  }

  /** The ORDER BY / LIMIT job: reads the group-by job's keyed rows; one reducer writes them. */
  public static Job createOrderJob(Configuration base, Plan plan, Path groups, Path output)
      throws IOException {
    Job job = Job.getInstance(new Configuration(base), "drover aggregate order/limit");
    JobJar.use(job);
    job.getConfiguration().setLong(AggregateConf.LIMIT,
        plan.limit() == null ? -1 : plan.limit());
    job.setInputFormatClass(SequenceFileInputFormat.class);
    SequenceFileInputFormat.addInputPath(job, groups);
    job.setMapperClass(OrderMapper.class);
    job.setReducerClass(OrderReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(BytesWritable.class);
    job.setMapOutputValueClass(Text.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    LeanFileOutputFormat.use(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
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
