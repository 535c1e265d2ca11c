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
public final class Sql extends DroverTool {
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
  record Options(List<Path> init, String sql, Path sqlFile, ResultFormat format, Overwrite overwrite,
      boolean explain, Path output, BadRecordLimit maxBad, ShortForm shortForm,
      BadRecordLimit maxBadValues) {}

  /**
   * The short form's table: the inputs, read as {@code aggregate} reads them (format null:
   * detected; schema null: inferred), or null when DDL defines the tables.
   */
  record ShortForm(List<Path> inputs, Format format, boolean header, char delimiter,
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
  interface JobRunner {
    Counters run(org.apache.hadoop.mapreduce.Job job, java.io.PrintStream out,
        boolean checkedAfter) throws IOException, JobFailedException;
  }

  /** How stages are run: a seam for tests of the path where counters cannot be fetched. */
  JobRunner runner = Jobs::runToSuccess;

  public static void main(String[] args) throws Exception {
    launch(new Sql(), args);
  }

  public Sql() {
    super("sql", USAGE);
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
    return new Options(init, sql, file == null ? null : new Path(file), format, f.overwrite(),
        explain, pos.isEmpty() ? null : new Path(pos.get(0)), maxBad, shortForm, maxBadValues);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    Options o = parse(conf, args);
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
      catalog = Catalog.empty().with(shortFormTable(conf, o.shortForm(), query));
      conf.setBoolean(SqlConf.VALUE_COUNTERS, true); // aggregate's bad-value rules, below
    }
    catalog = qualified(conf, catalog);
    Map<String, Long> sizes = sizes(conf, catalog);
    long threshold = conf.getLong(SqlConf.BROADCAST_THRESHOLD,
        PhysicalPlanner.Options.DEFAULT_BROADCAST_BYTES);
    PhysicalPlan plan = plan(conf, o, catalog, query, sizes, threshold);
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
      long rows;
      try {
        rows = run(conf, plan, out, o, catalog);
      } catch (JobFailedException e) {
        if (threshold < 0 || e.getMessage() == null
            || !e.getMessage().contains(SqlConf.JOIN_MEMORY)) {
          throw e;
        }
        // a broadcast side bigger in memory than its estimate: the repartition joins hold
        // one key's rows at a time
        err().println("sql: a broadcast join side did not fit in a task's join memory ("
            + SqlConf.JOIN_MEMORY + "); running the query again with repartition joins");
        plan = plan(conf, o, catalog, query, sizes, -1);
        rows = run(conf, plan, out, o, catalog);
      }
      out.commit();
      err().printf("sql: %d MapReduce job%s, %s rows written to %s%n", plan.stages().size(),
          plan.stages().size() == 1 ? "" : "s", rows < 0 ? "?" : String.format("%,d", rows),
          out.output());
    }
  }

  private static PhysicalPlan plan(Configuration conf, Options o, Catalog catalog, String query,
      Map<String, Long> sizes, long threshold) throws UsageException {
    try {
      Plan logical = new SqlTranslator(catalog).translate(query);
      Plan optimized = Rules.optimize(logical);
      return PhysicalPlanner.plan(optimized, t -> sizes.get(t.name()),
          new PhysicalPlanner.Options(threshold, hints(query), conf.getLong(SqlConf.TOP_N_ROWS,
              PhysicalPlanner.Options.DEFAULT_TOP_N_ROWS)));
    } catch (SqlException | CatalogException | IllegalArgumentException e) {
      throw new UsageException((o.sql() != null ? "--sql: " : "--sql-file: ") + e.getMessage());
    }
  }

  /** Runs the stages in order into {@code out}'s staging dir; the result's row count. */
  private long run(Configuration conf, PhysicalPlan plan, OutputCommit out, Options o,
      Catalog catalog) throws IOException, JobFailedException {
    ResultFormat format = o.format();
    long[] records = new long[6]; // read, bytes, bad, bad bytes, long bad, bad lines
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
    for (Stage s : plan.stages()) {
      Path dir = s == lastStage ? out.staging() : out.temp("stage-" + s.id());
      fs.delete(dir, true); // a previous attempt's
      last = runner.run(StageJobs.create(conf, plan, encoded, s, dirs, dir,
          s == lastStage, format.name().toLowerCase(Locale.ROOT)), err(), checked);
      dirs.put(s.id(), dir);
      if (last != null && all != null) {
        all.incrAllCounters(last);
      } else {
        all = null;
      }
      if (last != null) {
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
      }
    }
    badRecords(conf, plan, out, dirs, lastStage, records, o.maxBad());
    if (o.shortForm() != null) {
      badValues(conf, out, all, InputFormats.readSchema(catalog.tables().iterator().next().columns()),
          o.maxBadValues(), bad);
    }
    if (parquetRows > 0) { // after row groups skipped by the filters' statistics
      err().printf("sql: %,d rows read from Parquet files%n", parquetRows);
    }
    if (bad > 0) {
      // Hive's rule (a field that does not convert is NULL), said out loud
      err().printf("sql: warning: %,d field%s did not convert to %s column's type and %s read as"
          + " NULL (counter %s)%n", bad, bad == 1 ? "" : "s", bad == 1 ? "its" : "their",
          bad == 1 ? "was" : "were", SqlCounters.BAD_VALUES);
    }
    try (OutputStream s = fs.create(new Path(out.staging(), "_schema"), true)) {
      s.write(schemaFile(plan.schema()).getBytes(StandardCharsets.UTF_8));
    }
    if (last == null) {
      return -1;
    }
    return lastStage.hasShuffle()
        ? last.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue()
        : last.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue();
  }

  /**
   * The bad records of the csv, tsv, jsonl and apache tables read: their reasons (each stage's
   * {@code _bad/}) gathered under the output's {@code _bad/}, the first ones printed, and the
   * job failed (nothing written) when they exceed {@code --max-bad-records} as {@code aggregate}
   * decides it ({@link InputChecks#badRecords}: by count or share, by bytes, by the lines one
   * spans).
   */
  private void badRecords(Configuration conf, PhysicalPlan plan, OutputCommit out,
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
        if (!fs.rename(f.getPath(), new Path(bad, f.getPath().getName()))) {
          throw new JobFailedException("could not move " + f.getPath() + " to " + bad
              + "; nothing was written");
        }
      }
    }
    boolean known = records[0] >= 0;
    if (known && records[2] == 0) {
      return;
    }
    int maxLines = conf.getInt(AggregateConf.BAD_MAX_RECORD_LINES,
        AggregateConf.BAD_MAX_RECORD_LINES_DEFAULT);
    Aggregate.BadFiles found = Aggregate.BadFiles.read(conf, bad, maxLines);
    if (!known) { // a cluster without a job history server: fail closed, as aggregate does
      if (found.bad == 0) {
        return;
      }
      records = new long[] {-1, -1, found.bad, found.badBytes, found.longBad, 0};
    }
    for (String shown : found.shown) {
      err().println("sql: bad record: " + shown);
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
    err().printf("sql: %,d of %s records (%,d bytes) did not parse and were skipped; their "
        + "reasons are under %s%n", records[2], records[0] < 0 ? "?"
            : String.format("%,d", records[0]), records[3],
        new Path(out.output(), AggregateConf.BAD_DIR));
  }

  /**
   * The short form's bad values, refused as {@code aggregate} refuses them ({@link
   * InputChecks#badValues}): with no --max-bad-values, a typed column the query reads whose every
   * value failed to convert (a wrong type, not a few odd values); with one, more bad values than
   * it allows. The per-column counts come from the stages' counters ({@code all}), or, when they
   * could not be fetched, from the {@code _bad/values-*} lines of the tasks that met bad values.
   */
  private static void badValues(Configuration conf, OutputCommit out, Counters all,
      io.drover.jobs.aggregate.input.Schema schema, BadRecordLimit limit, long bad)
      throws IOException, JobFailedException {
    Aggregate.BadFiles found = Aggregate.BadFiles.read(conf,
        new Path(out.staging(), AggregateConf.BAD_DIR), -1);
    List<InputChecks.Column> columns = found.columns(all, schema);
    long values = all != null ? all.findCounter(SqlCounters.VALUES_READ).getValue()
        : columns.stream().mapToLong(InputChecks.Column::values).sum();
    long badValues = all != null ? bad
        : columns.stream().mapToLong(InputChecks.Column::bad).sum();
    String refused = InputChecks.badValues(columns, values, badValues, limit);
    if (refused != null) {
      throw new JobFailedException(refused);
    }
  }

  /**
   * The short form's one table: named as the query's FROM names it (any name), its format and
   * columns decided from the inputs as {@code aggregate} decides them (format by extension then
   * content, names from the header or c1..cN, types inferred from the first records).
   */
  static Table shortFormTable(Configuration conf, ShortForm s, String query)
      throws IOException, UsageException, JobFailedException {
    Set<String> names = new java.util.TreeSet<>();
    try {
      for (String n : net.sf.jsqlparser.util.TablesNamesFinder.findTables(query)) {
        names.add(n.replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT));
      }
    } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
      names.add("t"); // the translator says what is wrong with the query
    }
    if (names.size() > 1) {
      throw new UsageException("the short form reads its inputs as one table, but the query "
          + "names " + String.join(", ", names) + "; define the tables with --init FILE");
    }
    String name = names.isEmpty() ? "t" : names.iterator().next();
    List<Path> inputs = InputPacking.resolveInputs(conf, s.inputs());
    Aggregate.Input in = Aggregate.input(conf, inputs, s.format(), s.header(), s.delimiter(),
        s.schema(), java.time.ZoneOffset.UTC);
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
