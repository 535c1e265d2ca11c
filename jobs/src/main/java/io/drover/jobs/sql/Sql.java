package io.drover.jobs.sql;

import io.drover.common.cli.Flags;
import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.common.run.OutputCommit;
import io.drover.jobs.aggregate.Aggregate;
import io.drover.jobs.aggregate.AggregateOptions;
import io.drover.jobs.aggregate.AggregateOptions.BadRecordLimit;
import io.drover.jobs.aggregate.InputChecks;
import io.drover.jobs.aggregate.mr.AggregateConf;
import io.drover.common.run.InputPacking;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.catalog.InputFormats;
import io.drover.jobs.sql.catalog.CatalogException;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.mr.ResultFormat;
import io.drover.jobs.sql.mr.SqlConf;
import io.drover.jobs.sql.mr.SqlCounters;
import io.drover.jobs.sql.mr.StageJobs;
import io.drover.jobs.sql.parse.HiveDdl;
import io.drover.jobs.sql.parse.SqlException;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.exec.JoinMemory;
import io.drover.jobs.sql.physical.Operator;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.PhysicalPlanner;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.Option;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.TaskCounter;

/**
 * SQL over tables, compiled to MapReduce stages: {@code sql [--init DDL]... (--sql Q |
 * --sql-file F) [--output-format F] [--overwrite] [--explain] <output>}, or the short form
 * {@code sql [--format F] [--schema S] [--no-header] --sql Q <input>... <output>}, whose inputs
 * are the query's one table, read as {@code aggregate} reads them. The DDL scripts (and
 * any {@code CREATE TABLE} statements in the query file, as {@code hive -f} takes them) define
 * the tables; the query is translated to a logical plan, rewritten, cut into stages, and the
 * stages run in order, each job carrying the compiled plan. Output: the result's part files
 * (in ORDER BY order when the query orders), {@code _schema}, {@code _SUCCESS}; all or nothing.
 */
public class Sql extends DroverTool {
  public static final String USAGE =
      "[--init DDL_FILE]... (--sql \"SELECT ...\" | --sql-file FILE) [options] <output>\n"
          + "  or, the short form, one table read as aggregate reads its inputs (any FROM name):\n"
          + "     [--format F] [--schema \"n t, ...\"] [--no-header] [--delimiter C]\n"
          + "     (--sql \"SELECT ... FROM t ...\" | --sql-file FILE) [options] <input>... <output>\n"
          + "  Runs a SQL query (Hive / Spark SQL dialect: joins, subqueries, WITH, UNION, ORDER BY)\n"
          + "  over tables defined by Hive DDL, as MapReduce jobs, and writes the result rows to part\n"
          + "  files in <output> with _schema (names, types) beside them.\n"
          + "  --init F               a DDL script run first: CREATE [EXTERNAL] TABLE t (col type, ...)\n"
          + "                         ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION 'path';\n"
          + "                         or ... STORED AS PARQUET LOCATION 'path';\n"
          + "                         or ... ROW FORMAT SERDE\n"
          + "                         'org.apache.hadoop.hive.serde2.OpenCSVSerde' (CSV, RFC 4180)\n"
          + "                         [TBLPROPERTIES ('skip.header.line.count'='1')] ...;\n"
          + "                         or ... STORED AS JSONFILE ... (JSON lines);\n"
          + "                         or CREATE TABLE logs STORED AS APACHELOG LOCATION 'path';\n"
          + "                         (repeatable)\n"
          + "  --sql TEXT             the query\n"
          + "  --sql-file F           the query from a file, after any CREATE TABLE statements\n"
          + "                         (DDL and query files are local unless given as hdfs://...;\n"
          + "                         a LOCATION without a scheme is on the default file system)\n"
          + "  --output-format F      tsv (default; NULL as \\N) | csv | jsonl | parquet\n"
          + "  --overwrite            replace <output> if it is a previous job output;\n"
          + "                         --overwrite=force: any directory\n"
          + "  --max-bad-records L    fail (exit 1, no output) when more records of csv, tsv, jsonl\n"
          + "                         and apache tables than L do not parse: a count N or a share\n"
          + "                         P% of the records read (default 1%), as aggregate's\n"
          + "  --format F             short form: csv | tsv | jsonl | apache | auto (default: by\n"
          + "                         extension, then by content); --no-header: CSV/TSV columns\n"
          + "                         c1..cN; --schema: names and types instead of inferring them\n"
          + "  --max-bad-values L     short form: fail (exit 1, nothing written) when more values\n"
          + "                         than L (N or P%) do not convert to their column's type;\n"
          + "                         default: when a column the query reads has values and none\n"
          + "                         converts, as aggregate's\n"
          + "  --time-zone Z          the session time zone: of timestamp text, of the functions\n"
          + "                         between timestamps and epoch seconds, of current_timestamp\n"
          + "                         (default UTC; key " + SqlConf.TIME_ZONE + ")\n"
          + "  --reducers N           reduce tasks of each shuffle stage (default: one per 256 MB\n"
          + "                         of its input, at most 64; a global sort's top-n and a\n"
          + "                         global aggregate keep one)\n"
          + "  --chart FILE.png|.svg  draw the result (local file): a line chart when the first\n"
          + "                         column is a time, else a bar chart of the first 30 rows\n"
          + "  --explain              print the optimized logical plan and the MapReduce stages, run\n"
          + "                         nothing (<output> may then be left out)\n"
          + "  Joins: a side under -D " + SqlConf.BROADCAST_THRESHOLD + "=BYTES (10 MB) is broadcast\n"
          + "  to the other side's map tasks; /*+ BROADCAST(t) */ or /*+ MAPJOIN(t) */ asks for it.\n"
          + "  ORDER BY ... LIMIT n: each task keeps its n first rows (n up to -D "
          + SqlConf.TOP_N_ROWS + ",\n  10000), one reducer sorts them.\n"
          + "  Parquet tables: row groups whose statistics rule out the WHERE are skipped\n"
          + "  (-D " + SqlConf.PARQUET_PUSHDOWN + "=false reads them all).\n"
          + "  Generic Hadoop options (-D k=v, -conf, -files, -libjars) go before these.";

  /** What the user asked for, checked. */
  public record Options(List<Path> init, String sql, Path sqlFile, ResultFormat format,
      Overwrite overwrite, boolean explain, Path output, BadRecordLimit maxBad,
      ShortForm shortForm, BadRecordLimit maxBadValues, java.time.ZoneId zone, int reducers,
      java.nio.file.Path chart) {}

  /**
   * The short form's table: the inputs, read as {@code aggregate} reads them (format null:
   * detected; schema null: inferred), or null when DDL defines the tables.
   */
  public record ShortForm(List<Path> inputs, Format format, boolean header, char delimiter,
      String schema) {}

  /** The flags only the short form takes. */
  private static final List<String> SHORT_FORM_FLAGS =
      List.of("format", "schema", "no-header", "delimiter", "max-bad-values");

  /** Key of --max-bad-records (a flag on the command line wins). */
  public static final String MAX_BAD = "drover.sql.max-bad-records";

  /** Key of the short form's --max-bad-values (a flag on the command line wins; unset: none). */
  public static final String MAX_BAD_VALUES = "drover.sql.max-bad-values";

  /**
   * Runs one stage's job to success and gives its counters (null when they cannot be fetched: a
   * cluster without a job history server).
   */
  @FunctionalInterface
  public interface JobRunner {
    Counters run(org.apache.hadoop.mapreduce.Job job, java.io.PrintStream out,
        boolean checkedAfter) throws IOException, JobFailedException;
  }

  /** How stages are run: a seam for tests of the path where counters cannot be fetched. */
  private JobRunner runner = Jobs::runToSuccess;

  /** A rename on a file system; false when the file system refused it. */
  @FunctionalInterface
  public interface Rename {
    boolean rename(FileSystem fs, Path from, Path to) throws IOException;
  }

  /** How {@code _bad/} files move into the output: a seam for tests of a refused rename. */
  private Rename rename = FileSystem::rename;

  /** Runs the stages with {@code r} (a test seam: a cluster whose counters cannot be fetched). */
  public void setJobRunner(JobRunner r) {
    this.runner = r;
  }

  /** Moves {@code _bad/} files with {@code r} (a test seam: a file system refusing renames). */
  public void setRename(Rename r) {
    this.rename = r;
  }

  public static void main(String[] args) throws Exception {
    launch(new Sql(), args);
  }

  public Sql() {
    super("sql", USAGE);
  }

  /** A program on this compiler with its own command line ({@link #options}). */
  protected Sql(String name, String usage) {
    super(name, usage);
  }

  static org.apache.commons.cli.Options flags() {
    org.apache.commons.cli.Options o = new org.apache.commons.cli.Options();
    o.addOption(Option.builder().longOpt("init").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("sql").hasArg().argName("TEXT").build());
    o.addOption(Option.builder().longOpt("sql-file").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("output-format").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("overwrite").build());
    o.addOption(Option.builder().longOpt("explain").build());
    o.addOption(Option.builder().longOpt("max-bad-records").hasArg().argName("L").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("F").build());
    o.addOption(Option.builder().longOpt("schema").hasArg().argName("S").build());
    o.addOption(Option.builder().longOpt("no-header").build());
    o.addOption(Option.builder().longOpt("delimiter").hasArg().argName("C").build());
    o.addOption(Option.builder().longOpt("max-bad-values").hasArg().argName("L").build());
    o.addOption(Option.builder().longOpt("time-zone").hasArg().argName("Z").build());
    o.addOption(Option.builder().longOpt("reducers").hasArg().argName("N").build());
    o.addOption(Option.builder().longOpt("chart").hasArg().argName("FILE").build());
    return o;
  }

  static Options parse(String[] args) throws UsageException {
    return parse(new Configuration(false), args);
  }

  static Options parse(Configuration conf, String[] args) throws UsageException {
    Flags f = Flags.parse(flags(), args);
    String sql = f.get("sql", null);
    String file = f.get("sql-file", null);
    if (sql == null && file == null) {
      throw new UsageException("give the query with --sql \"SELECT ...\" or --sql-file FILE");
    }
    if (sql != null && file != null) {
      throw new UsageException("give either --sql or --sql-file, not both");
    }
    String of = f.get("output-format", "tsv");
    ResultFormat format = ResultFormat.named(of);
    if (format == null) {
      throw new UsageException("option --output-format: '" + of
          + "' is not one of tsv, csv, jsonl, parquet");
    }
    List<String> pos = f.positional();
    boolean explain = f.has("explain");
    List<Path> init = f.all("init").stream().map(Path::new).toList();
    ShortForm shortForm = null;
    if (pos.size() > 1) {
      if (!init.isEmpty()) {
        throw new UsageException("<input>... <output> is the short form (the inputs are the "
            + "query's one table); with --init the tables are defined by DDL: give only "
            + "<output>; found " + pos);
      }
      shortForm = new ShortForm(pos.subList(0, pos.size() - 1).stream().map(Path::new).toList(),
          AggregateOptions.format(f.get("format", "auto")), !f.has("no-header"),
          AggregateOptions.delimiter(f.get("delimiter", ",")), f.get("schema", null));
      pos = pos.subList(pos.size() - 1, pos.size());
    } else {
      for (String flag : SHORT_FORM_FLAGS) {
        if (f.has(flag)) {
          throw new UsageException("option --" + flag + " is for the short form: give "
              + "<input>... <output> (the inputs are the query's one table)");
        }
      }
    }
    if (pos.isEmpty() && !explain) {
      throw new UsageException("missing <output>");
    }
    BadRecordLimit maxBad = BadRecordLimit.parse(f.get("max-bad-records",
        conf.get(MAX_BAD, AggregateOptions.MAX_BAD_DEFAULT)));
    String badValues = f.get("max-bad-values", conf.get(MAX_BAD_VALUES));
    BadRecordLimit maxBadValues = badValues == null || shortForm == null ? null
        : BadRecordLimit.parse("--max-bad-values", badValues);
    java.nio.file.Path chart = AggregateOptions.chart(f.get("chart", null));
    if (chart != null && format == ResultFormat.PARQUET) {
      throw new UsageException("option --chart draws a text result: give --output-format tsv, "
          + "csv or jsonl");
    }
    return new Options(init, sql, file == null ? null : new Path(file), format, f.overwrite(),
        explain, pos.isEmpty() ? null : new Path(pos.get(0)), maxBad, shortForm, maxBadValues,
        AggregateOptions.zone(f.get("time-zone", conf.get(SqlConf.TIME_ZONE, "UTC"))),
        f.intAtLeast("reducers", 0, 1), chart);
  }

  /** What the command line asks for (a program with another command line overrides this). */
  protected Options options(Configuration conf, String[] args) throws UsageException {
    return parse(conf, args);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    Options o = options(conf, args);
    conf.set(SqlConf.TIME_ZONE, o.zone().getId());
    if (o.reducers() > 0) {
      conf.setInt(SqlConf.REDUCERS, o.reducers());
    }
    Catalog catalog = Catalog.empty();
    for (Path p : o.init()) {
      catalog = ddl(catalog, read(conf, p, "--init"), p.toString());
    }
    String query = o.sql();
    if (o.sqlFile() != null) {
      String script = read(conf, o.sqlFile(), "--sql-file");
      List<String> queries = new ArrayList<>();
      for (HiveDdl.Stmt s : HiveDdl.split(script)) {
        if (s.text().strip().regionMatches(true, 0, "create", 0, 6)) {
          catalog = ddl(catalog, s.text(), o.sqlFile() + " line " + s.line());
        } else {
          queries.add(s.text());
        }
      }
      if (queries.size() != 1) {
        throw new UsageException("--sql-file " + o.sqlFile() + ": " + (queries.isEmpty()
            ? "no query after the CREATE TABLE statements" : "holds " + queries.size()
                + " queries; give one"));
      }
      query = queries.get(0);
    }
    if (o.shortForm() != null) {
      if (!catalog.tables().isEmpty()) {
        throw new UsageException("--sql-file " + o.sqlFile() + " defines tables: give only "
            + "<output> (<input>... <output> is the short form, for a query without DDL)");
      }
      catalog = Catalog.empty().with(shortFormTable(conf, o.shortForm(), query, o.zone()));
      conf.setBoolean(SqlConf.VALUE_COUNTERS, true); // aggregate's bad-value rules, below
    }
    catalog = qualified(conf, catalog);
    Map<String, Long> sizes = sizes(conf, catalog);
    long threshold = conf.getLong(SqlConf.BROADCAST_THRESHOLD,
        PhysicalPlanner.Options.DEFAULT_BROADCAST_BYTES);
    Set<String> hints = new java.util.HashSet<>(hints(query));
    PhysicalPlan plan = plan(conf, o, catalog, query, sizes, threshold, hints);
    if (o.explain()) {
      System.out.print(plan.explain());
      return;
    }
    List<Path> inputs = new ArrayList<>();
    for (Table t : catalog.tables()) {
      for (String l : t.locations()) {
        inputs.add(new Path(l));
      }
    }
    try (OutputCommit out = OutputCommit.prepare(conf, o.output(), o.overwrite(), inputs)) {
      Outcome r = null;
      while (r == null) {
        try {
          r = run(conf, plan, out, o, catalog);
        } catch (JobFailedException e) {
          // a broadcast side bigger in memory than its estimate, or than its hint promised:
          // again without broadcasting it (nor any side by size), as the repartition joins hold
          // one key's rows at a time; each pass drops a hint or the threshold, so it ends
          Operator.HashJoin side = overflowedBroadcast(plan, e.getMessage());
          List<String> hinted = side == null ? List.of()
              : scanNames(side).stream().filter(hints::contains).sorted().toList();
          if (side == null || hinted.isEmpty() && threshold < 0) {
            throw e; // a repartition join's held side, or a side only a broadcast can join
          }
          hinted.forEach(hints::remove);
          threshold = -1;
          err().println(name() + ": " + JoinMemory.broadcastSide(describe(side)) + " did not fit"
              + " in a task's join memory (" + SqlConf.joinMemoryBudget(conf) + "); running the"
              + " query again with repartition joins" + (hinted.isEmpty() ? ""
                  : ", ignoring the broadcast hint on " + String.join(", ", hinted)));
          plan = plan(conf, o, catalog, query, sizes, threshold, hints);
        }
      }
      out.commit();
      if (o.chart() != null) {
        chart(conf, o.chart(), query, plan.schema(), o.format(), o.zone(), out.output());
      }
      err().println(summary(r, plan.stages().size(), out.output()));
    }
  }

  /** What the stages read and wrote, for the summary line. */
  private static final class Outcome {
    /** Result rows; -1: unknown (counters not fetched). */
    long rows = -1;
    /** Records of text tables: read, bytes, bad, bad bytes, long bad, bad lines (read < 0: ?). */
    long[] records = new long[6];
    /** Whether csv, tsv, jsonl or apache tables were read. */
    boolean textTables;
    long badValues;
    /** Whether a stage groups; the groups of the last one (-1: unknown). */
    boolean grouped;
    long groups = -1;
  }

  /**
   * The line after a query: {@code N records read, B bad (... kept under _bad), V bad values
   * (read as NULL), G groups, R rows written to OUT (J MapReduce jobs)}, each part when it
   * applies, {@code ?} for a count the counters did not give.
   */
  private String summary(Outcome r, int jobs, Path output) {
    StringBuilder b = new StringBuilder(name()).append(": ");
    if (r.textTables) {
      long bad = r.records[2];
      b.append(r.records[0] < 0 ? "?" : String.format("%,d", r.records[0]))
          .append(" records read, ").append(String.format("%,d", bad)).append(" bad");
      if (bad > 0) {
        b.append(String.format(" (%,d bytes, kept under %s)", r.records[3],
            new Path(output, AggregateConf.BAD_DIR)));
      }
      if (r.badValues > 0) {
        b.append(String.format(", %,d bad value%s (read as NULL)", r.badValues,
            r.badValues == 1 ? "" : "s"));
      }
      b.append(", ");
    }
    if (r.grouped) {
      b.append(r.groups < 0 ? "?" : String.format("%,d", r.groups)).append(" groups, ");
    }
    b.append(r.rows < 0 ? "?" : String.format("%,d", r.rows)).append(" rows written to ")
        .append(output).append(String.format(" (%d MapReduce job%s)", jobs, jobs == 1 ? "" : "s"));
    return b.toString();
  }

  /** At most this many result rows are drawn. */
  static final int CHART_MAX_ROWS = 100_000;

  /** Reads the committed result back and draws it (--chart). */
  private void chart(Configuration conf, java.nio.file.Path chart, String query,
      List<Field> schema, ResultFormat format, java.time.ZoneId zone, Path output)
      throws IOException, JobFailedException {
    FileSystem fs = output.getFileSystem(conf);
    FileStatus[] parts = fs.globStatus(new Path(output, "part-*"));
    java.util.Arrays.sort(parts);
    List<String[]> rows = new ArrayList<>();
    for (FileStatus p : parts) {
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
          fs.open(p.getPath()), StandardCharsets.UTF_8))) {
        String line;
        while (rows.size() < CHART_MAX_ROWS && (line = r.readLine()) != null) {
          rows.add(format.cells(line, schema.size()));
        }
      }
    }
    String title = query.strip().replaceAll("\\s+", " ");
    if (title.length() > 100) {
      title = title.substring(0, 97) + "...";
    }
    List<String> names = schema.stream().map(Field::name).toList();
    List<io.drover.jobs.aggregate.expr.Type> types =
        schema.stream().map(f -> InputFormats.readType(f.type())).toList();
    try {
      java.nio.file.Path file = chart.toAbsolutePath();
      if (file.getParent() != null) {
        java.nio.file.Files.createDirectories(file.getParent());
      }
      io.drover.jobs.aggregate.chart.ResultChart.write(file, title, names, types, rows, zone);
      err().println(name() + ": " + io.drover.jobs.aggregate.chart.ResultChart.kind(types, rows,
          zone) + " of " + rows.size() + " rows drawn to " + file);
    } catch (IllegalArgumentException e) {
      throw new JobFailedException(e.getMessage() + "; the result itself was written to "
          + output);
    }
  }

  private static PhysicalPlan plan(Configuration conf, Options o, Catalog catalog, String query,
      Map<String, Long> sizes, long threshold, Set<String> hints) throws UsageException {
    try {
      Plan logical = new SqlTranslator(catalog, o.zone()).translate(query);
      Plan optimized = Rules.optimize(logical);
      String uncompiled = Rules.uncompiledSubquery(optimized);
      if (uncompiled != null) { // refused here, not by a task
        throw new SqlException(uncompiled);
      }
      return PhysicalPlanner.plan(optimized, t -> sizes.get(t.name()),
          new PhysicalPlanner.Options(threshold, hints, conf.getLong(SqlConf.TOP_N_ROWS,
              PhysicalPlanner.Options.DEFAULT_TOP_N_ROWS)));
    } catch (SqlException | CatalogException | IllegalArgumentException e) {
      throw new UsageException((o.sql() != null ? "--sql: " : "--sql-file: ") + e.getMessage());
    }
  }

  /** Runs the stages in order into {@code out}'s staging dir; what they read and wrote. */
  private Outcome run(Configuration conf, PhysicalPlan plan, OutputCommit out, Options o,
      Catalog catalog) throws IOException, JobFailedException {
    ResultFormat format = o.format();
    Outcome r = new Outcome();
    long[] records = r.records; // read, bytes, bad, bad bytes, long bad, bad lines
    String encoded = SqlConf.encode(plan);
    Map<Integer, Path> dirs = new HashMap<>();
    Counters last = null;
    Counters all = new Counters(); // every stage's; null once a stage's are unknown
    long bad = 0;
    long parquetRows = 0;
    Stage lastStage = plan.stages().get(plan.stages().size() - 1);
    FileSystem fs = out.staging().getFileSystem(conf);
    // a query over csv, tsv, jsonl or apache tables may still be refused for its bad records:
    // its jobs "finished", not "succeeded"
    boolean checked = plan.stages().stream().flatMap(st -> st.inputs().stream())
        .anyMatch(b -> b.source() instanceof io.drover.jobs.sql.physical.Source.TableScan t
            && InputFormats.format(t.table().format()) != null);
    r.textTables = checked;
    for (Stage s : plan.stages()) {
      Path dir = s == lastStage ? out.staging() : out.temp("stage-" + s.id());
      fs.delete(dir, true); // a previous attempt's
      last = runner.run(StageJobs.create(conf, plan, encoded, s, dirs, dir,
          s == lastStage, format.name().toLowerCase(Locale.ROOT)), err(), checked);
      dirs.put(s.id(), dir);
      boolean groups = s.shuffle() instanceof io.drover.jobs.sql.physical.Shuffle.GroupBy;
      r.grouped |= groups;
      if (last != null && all != null) {
        all.incrAllCounters(last);
      } else {
        all = null;
      }
      if (last != null) {
        if (groups) {
          r.groups = last.findCounter(SqlCounters.GROUPS).getValue();
        }
        bad += last.findCounter(SqlCounters.BAD_VALUES).getValue();
        parquetRows += last.findCounter(SqlCounters.PARQUET_ROWS).getValue();
        SqlCounters[] rc = {SqlCounters.RECORDS_READ, SqlCounters.RECORD_BYTES,
            SqlCounters.BAD_RECORDS, SqlCounters.BAD_BYTES, SqlCounters.BAD_LONG_RECORDS,
            SqlCounters.BAD_LINES};
        for (int i = 0; i < rc.length; i++) {
          records[i] += last.findCounter(rc[i]).getValue();
        }
      } else {
        records[0] = Long.MIN_VALUE; // counters unknown: the limits go by what _bad/ holds
        if (groups) {
          r.groups = -1;
        }
      }
    }
    r.records = badRecords(conf, plan, out, dirs, lastStage, records, o.maxBad());
    if (o.shortForm() != null) {
      r.badValues = badValues(conf, out, all,
          InputFormats.readSchema(catalog.tables().iterator().next().columns()),
          o.maxBadValues(), bad);
    } else {
      r.badValues = last == null ? 0 : bad;
      if (bad > 0) {
        // Hive's rule (a field that does not convert is NULL), said out loud
        err().printf("%s: warning: %,d field%s did not convert to %s column's type and %s read"
            + " as NULL (counter %s)%n", name(), bad, bad == 1 ? "" : "s",
            bad == 1 ? "its" : "their", bad == 1 ? "was" : "were", SqlCounters.BAD_VALUES);
      }
    }
    if (parquetRows > 0) { // after row groups skipped by the filters' statistics
      err().printf("%s: %,d rows read from Parquet files%n", name(), parquetRows);
    }
    try (OutputStream s = fs.create(new Path(out.staging(), "_schema"), true)) {
      s.write(schemaFile(plan.schema()).getBytes(StandardCharsets.UTF_8));
    }
    if (last != null) {
      r.rows = lastStage.hasShuffle()
          ? last.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue()
          : last.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue();
    }
    return r;
  }

  /**
   * The bad records of the csv, tsv, jsonl and apache tables read: their reasons (each stage's
   * {@code _bad/}) gathered under the output's {@code _bad/}, the first ones printed, and the
   * job failed (nothing written) when they exceed {@code --max-bad-records} as {@code aggregate}
   * decides it ({@link InputChecks#badRecords}: by count or share, by bytes, by the lines one
   * spans). The records' counts: from the counters, or, when they are unknown, from {@code
   * _bad/} (then the records read are unknown: -1).
   */
  private long[] badRecords(Configuration conf, PhysicalPlan plan, OutputCommit out,
      Map<Integer, Path> dirs, Stage lastStage, long[] records, BadRecordLimit limit)
      throws IOException, JobFailedException {
    FileSystem fs = out.staging().getFileSystem(conf);
    Path bad = new Path(out.staging(), AggregateConf.BAD_DIR);
    for (Stage s : plan.stages()) {
      Path from = new Path(dirs.get(s.id()), AggregateConf.BAD_DIR);
      if (s == lastStage || !fs.exists(from)) {
        continue;
      }
      fs.mkdirs(bad);
      for (FileStatus f : fs.listStatus(from)) {
        if (!rename.rename(fs, f.getPath(), new Path(bad, f.getPath().getName()))) {
          throw new JobFailedException("could not move the bad records from " + f.getPath()
              + " to " + bad + " (the file system refused the rename); nothing was written");
        }
      }
    }
    boolean known = records[0] >= 0;
    if (known && records[2] == 0) {
      return records;
    }
    int maxLines = conf.getInt(AggregateConf.BAD_MAX_RECORD_LINES,
        AggregateConf.BAD_MAX_RECORD_LINES_DEFAULT);
    Aggregate.BadFiles found = Aggregate.BadFiles.read(conf, bad, maxLines);
    if (!known) { // a cluster without a job history server: fail closed, as aggregate does
      records = new long[] {-1, -1, found.bad, found.badBytes, found.longBad, 0};
      if (found.bad == 0) {
        return records;
      }
    }
    for (String shown : found.shown) {
      err().println(name() + ": bad record: " + shown);
    }
    Set<String> formats = new java.util.TreeSet<>();
    for (Stage s : plan.stages()) {
      for (io.drover.jobs.sql.physical.Branch b : s.inputs()) {
        if (b.source() instanceof io.drover.jobs.sql.physical.Source.TableScan t) {
          formats.add(t.table().name() + " " + t.table().format().label());
        }
      }
    }
    String refused = InputChecks.badRecords(new InputChecks.Records(records[0], records[1],
        records[2], records[3], records[4], found.longest), limit, maxLines,
        String.join(", ", formats));
    if (refused != null) {
      throw new JobFailedException(refused.replace("Check --format", "Check the tables' formats"));
    }
    return records;
  }

  /**
   * The short form's bad values, refused as {@code aggregate} refuses them ({@link
   * InputChecks#badValues}): with no --max-bad-values, a typed column the query reads whose every
   * value failed to convert (a wrong type, not a few odd values); with one, more bad values than
   * it allows. The per-column counts come from the stages' counters ({@code all}), or, when they
   * could not be fetched, from the {@code _bad/values-*} lines of the tasks that met bad values.
   * A column with a few bad values gets a warning line. The bad values' count.
   */
  private long badValues(Configuration conf, OutputCommit out, Counters all,
      io.drover.jobs.aggregate.input.Schema schema, BadRecordLimit limit, long bad)
      throws IOException, JobFailedException {
    Aggregate.BadFiles found = Aggregate.BadFiles.read(conf,
        new Path(out.staging(), AggregateConf.BAD_DIR), -1);
    List<InputChecks.Column> columns = found.columns(all, schema);
    for (String w : InputChecks.warnings(columns)) {
      err().println(name() + ": " + w);
    }
    long values = all != null ? all.findCounter(SqlCounters.VALUES_READ).getValue()
        : columns.stream().mapToLong(InputChecks.Column::values).sum();
    long badValues = all != null ? bad
        : columns.stream().mapToLong(InputChecks.Column::bad).sum();
    String refused = InputChecks.badValues(columns, values, badValues, limit);
    if (refused != null) {
      throw new JobFailedException(refused);
    }
    return badValues;
  }

  /**
   * The short form's one table: named as the query's FROM names it (any name), its format and
   * columns decided from the inputs as {@code aggregate} decides them (format by extension then
   * content, names from the header or c1..cN, types inferred from the first records).
   */
  static Table shortFormTable(Configuration conf, ShortForm s, String query,
      java.time.ZoneId zone) throws IOException, UsageException, JobFailedException {
    Set<String> names = new java.util.TreeSet<>();
    try {
      for (String n : net.sf.jsqlparser.util.TablesNamesFinder.findTables(query)) {
        names.add(n.replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT));
      }
    } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
      names.add("t"); // the translator says what is wrong with the query
    }
    if (names.size() > 1) {
      throw new UsageException("the inputs are read as one table, but the query names "
          + String.join(", ", names) + "; to join tables, define them with DDL: sql --init FILE");
    }
    String name = names.isEmpty() ? "t" : names.iterator().next();
    List<Path> inputs = InputPacking.resolveInputs(conf, s.inputs());
    Aggregate.Input in = Aggregate.input(conf, inputs, s.format(), s.header(), s.delimiter(),
        s.schema(), zone);
    List<io.drover.jobs.sql.catalog.Column> columns;
    try {
      columns = InputFormats.columns(in.schema());
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> locations = inputs.stream().map(Path::toString).toList();
    return new Table(name, columns, InputFormats.tableFormat(in.format()), s.delimiter(),
        locations.get(0), true, in.header() ? 1 : 0, locations.subList(1, locations.size()));
  }

  /** The {@code _schema} file: {@code name<TAB>type} per column. */
  static String schemaFile(List<Field> schema) {
    StringBuilder b = new StringBuilder();
    for (Field f : schema) {
      b.append(f.name()).append('\t').append(f.type()).append('\n');
    }
    return b.toString();
  }

  /**
   * The broadcast join of {@code plan} whose side a task's error says did not fit in its join
   * memory; null when the error is another (a repartition join's held side, say) or names a side
   * that only a broadcast can join (a join without an equality, NOT IN's null-aware one).
   */
  static Operator.HashJoin overflowedBroadcast(PhysicalPlan plan, String error) {
    if (error == null || !error.contains(SqlConf.JOIN_MEMORY)) {
      return null;
    }
    List<Operator.HashJoin> joins = new ArrayList<>();
    for (Stage s : plan.stages()) {
      for (io.drover.jobs.sql.physical.Branch b : s.inputs()) {
        broadcastJoins(b.ops(), joins);
      }
      broadcastJoins(s.reduceOps(), joins);
    }
    for (Operator.HashJoin j : joins) {
      if (error.contains(JoinMemory.broadcastSide(j.build().source()) + " holds more than")) {
        return j.probeKeys().isEmpty() || j.nullAware() ? null : j;
      }
    }
    return null;
  }

  private static void broadcastJoins(List<Operator> ops, List<Operator.HashJoin> out) {
    for (Operator op : ops) {
      if (op instanceof Operator.HashJoin j) {
        out.add(j);
        broadcastJoins(j.build().ops(), out);
      }
    }
  }

  /** The names a hint may give a broadcast side by: its table's and its alias (lower case). */
  private static Set<String> scanNames(Operator.HashJoin j) {
    if (j.build().source() instanceof io.drover.jobs.sql.physical.Source.TableScan t) {
      return Set.of(t.table().name().toLowerCase(Locale.ROOT),
          t.alias().toLowerCase(Locale.ROOT));
    }
    return Set.of();
  }

  /** A broadcast side in a message: its table (and alias), else its source. */
  private static String describe(Operator.HashJoin j) {
    if (j.build().source() instanceof io.drover.jobs.sql.physical.Source.TableScan t) {
      return "table " + t.table().name()
          + (t.alias().equals(t.table().name()) ? "" : " AS " + t.alias());
    }
    return j.build().source().toString();
  }

  /** The tables named in {@code /*+ BROADCAST(t) *}{@code /} or {@code MAPJOIN(t)} hints. */
  static Set<String> hints(String sql) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "/\\*\\+[^*]*?\\b(?:BROADCAST|MAPJOIN|BROADCASTJOIN)\\s*\\(([^)]*)\\)",
        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(sql);
    Set<String> out = new java.util.HashSet<>();
    while (m.find()) {
      for (String t : m.group(1).split(",")) {
        out.add(t.strip().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static Catalog ddl(Catalog catalog, String script, String source)
      throws UsageException {
    try {
      return HiveDdl.addTables(catalog, script, source);
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The catalog with each location qualified (relative ones against the working directory). */
  private static Catalog qualified(Configuration conf, Catalog catalog)
      throws IOException, UsageException {
    Catalog out = Catalog.empty();
    for (Table t : catalog.tables()) {
      List<String> all = new ArrayList<>();
      for (String l : t.locations()) {
        Path p = new Path(l);
        FileSystem fs = p.getFileSystem(conf);
        Path q = fs.makeQualified(p);
        if (!fs.exists(q)) {
          throw new UsageException("table " + t.name() + ": LOCATION " + q + " does not exist");
        }
        all.add(q.toString());
      }
      out = out.with(t.withLocations(all));
    }
    return out;
  }

  private static Map<String, Long> sizes(Configuration conf, Catalog catalog) throws IOException {
    Map<String, Long> out = new HashMap<>();
    for (Table t : catalog.tables()) {
      long bytes = 0;
      for (String l : t.locations()) {
        Path p = new Path(l);
        bytes += p.getFileSystem(conf).getContentSummary(p).getLength();
      }
      out.put(t.name(), bytes);
    }
    return out;
  }

  /**
   * A DDL or query file: from the local disk, as {@code hive -f} and {@code -i} read theirs, unless
   * the path names its file system ({@code hdfs://...}).
   */
  static String read(Configuration conf, Path file, String flag)
      throws IOException, UsageException {
    FileSystem fs = file.toUri().getScheme() == null ? FileSystem.getLocal(conf)
        : file.getFileSystem(conf);
    if (!fs.isFile(file)) {
      throw new UsageException("option " + flag + ": no such file: " + fs.makeQualified(file));
    }
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
