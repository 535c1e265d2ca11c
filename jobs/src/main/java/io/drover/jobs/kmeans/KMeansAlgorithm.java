package io.drover.jobs.kmeans;

import io.drover.common.cli.UsageException;
import io.drover.common.iterate.ConvergenceRule;
import io.drover.common.iterate.HistoryColumn;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeAlgorithm;
import io.drover.common.iterate.IterativeJob;
import io.drover.common.iterate.StepOutcome;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.jobs.gd.TrainingSetCache;
import io.drover.jobs.gd.data.ColumnValues;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.GradientMapper;
import io.drover.jobs.kmeans.model.CenterMoves;
import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.KMeansPlusPlus;
import io.drover.jobs.kmeans.mr.KMeansJobs;
import io.drover.jobs.kmeans.mr.SumPath;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/**
 * k-means as an {@link IterativeAlgorithm}: the points are gd's binary training set ({@link
 * TrainingSetCache}), the state is the k centers as one vector (on the standardized scale with
 * {@code --standardize}), initialized by {@link KMeansPlusPlus} on the client, then one {@link
 * KMeansJobs#assignJob} per iteration; at the end one more assignment pass gives the final centers'
 * sizes and cost, written with the centers to {@code centers.json}.
 */
final class KMeansAlgorithm implements IterativeAlgorithm<Path> {
  static final List<String> EXTRA = List.of(CenterMoves.MAX_MOVE, "empty");

  private final KMeansOptions o;
  private final List<Path> files;
  private final TrainingSetCache cache;
  /** How the partials are added (both ways give the same bits). */
  private final SumPath path;

  // set by prepare
  private ParseSummary summary;
  private Configuration conf;
  private Standardization std;
  private Path data;
  private Configuration conf0;
  private java.io.PrintStream err;
  private Centers initial;
  /** CSV: the numeric columns used and the text ones left out; null: LIBSVM. */
  private Encoding encoding;

  KMeansAlgorithm(KMeansOptions o, List<Path> files, TrainingSetCache cache, SumPath path) {
    this.o = o;
    this.files = files;
    this.cache = cache;
    this.path = path;
  }

  @Override
  public String name() {
    return "kmeans";
  }

  @Override
  public Map<String, String> resultParameters() {
    return o.resultParameters(cache.digest());
  }

  @Override
  public List<String> outputs() {
    return List.of(CentersFile.CENTERS, CentersFile.PLOT);
  }

  /** Bad input found inside a hook: carried out of it, rethrown by the tool as a usage error. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(UsageException e) {
      super(e);
    }

    UsageException usage() {
      return (UsageException) getCause();
    }
  }

  /** Bad input seen in the parse summary, and too few distinct points (k-means++ fails). */
  final class Validator implements TrainingSetCache.Validator {
    private final boolean resumed;

    Validator(boolean resumed) {
      this.resumed = resumed;
    }

    @Override
    public void check(ParseSummary s) throws UsageException {
      validate(s);
    }

    /** A fresh run chooses its start here, so that too few distinct points write nothing. */
    @Override
    public void checkData(ParseSummary s, Path data) throws UsageException, IOException {
      if (!resumed) {
        initial = initialCenters(taskConf(conf0, data), data, s);
      }
    }
  }

  void validate(ParseSummary s) throws UsageException {
    if (s.error() != null) {
      throw new UsageException(s.error() + "; nothing was written");
    }
    if (s.records() == 0) {
      throw new UsageException("no records in " + files + "; nothing was written");
    }
    Encoding enc = cache.encoding(s);
    if (enc != null) {
      validateColumns(s, enc);
    } else if (s.dimension() == 0) {
      throw new UsageException(
          "the records of " + files + " have no features; nothing was written");
    }
    if (s.records() < o.k()) {
      throw new UsageException(
          "only " + s.records() + " records, fewer than --k " + o.k() + "; nothing was written");
    }
  }

  /**
   * CSV: the columns named by --features must be numeric (the first text is refused, naming file,
   * line and column); without --features at least one column must be.
   */
  private void validateColumns(ParseSummary s, Encoding enc) throws UsageException {
    List<String> names = s.columnNames();
    for (int c = 0; c < names.size() && o.input().features() != null; c++) {
      ColumnValues v = s.columnValues(c);
      if (v.categorical()) {
        throw new UsageException(
            files.get(v.firstTextAt().file())
                + " line "
                + v.firstTextAt().line()
                + ": column '"
                + names.get(c)
                + "' '"
                + v.firstText()
                + "' is not a number (kmeans reads numbers; a missing value is ? or empty);"
                + " nothing was written");
      }
    }
    if (enc.dimension() == 0) {
      throw new UsageException(
          "no numeric column in "
              + files
              + " (text in every column: "
              + String.join(", ", enc.leftOut())
              + "); nothing was written");
    }
  }

  /**
   * The one line that says which CSV columns are used, which were left out and why (their first
   * text), and how many missing values were imputed.
   */
  static String columnsLine(ParseSummary s, Encoding enc, List<Path> files) {
    StringBuilder b =
        new StringBuilder("kmeans: using ")
            .append(enc.dimension())
            .append(" numeric column")
            .append(enc.dimension() == 1 ? "" : "s");
    List<String> left = new java.util.ArrayList<>();
    long missing = 0;
    int withMissing = 0;
    for (int c = 0; c < s.columnNames().size(); c++) {
      ColumnValues v = s.columnValues(c);
      if (v.categorical()) {
        left.add(s.columnNames().get(c) + " ('" + v.firstText() + "', "
            + files.get(v.firstTextAt().file()).getName() + " line " + v.firstTextAt().line()
            + ")");
      } else if (v.missingCount() > 0) {
        missing += v.missingCount();
        withMissing++;
      }
    }
    if (!left.isEmpty()) {
      b.append("; left out ").append(left.size()).append(" text column")
          .append(left.size() == 1 ? "" : "s").append(": ").append(String.join(", ", left));
    }
    if (missing > 0) {
      b.append("; ").append(missing).append(" missing value").append(missing == 1 ? "" : "s")
          .append(" (? or empty) in ").append(withMissing).append(" column")
          .append(withMissing == 1 ? "" : "s").append(" replaced by the column's mean");
    }
    return b.toString();
  }

  /** The tasks' configuration over the training set in {@code data}. */
  private Configuration taskConf(Configuration base, Path data) {
    Configuration c = new Configuration(base);
    if (o.standardize()) {
      c.set(GdKeys.SCALING, new Path(data, TrainingSetCache.SCALING).toString());
      c.setBoolean(GdKeys.CENTER, true);
    }
    return c;
  }

  @Override
  public void prepare(Run run) throws IOException, JobFailedException {
    conf0 = run.conf();
    err = run.err();
    try {
      summary =
          cache.prepare(
              run.fs(), run.output(), run.temp(), new Validator(run.resumed()), name(), run.err());
    } catch (UsageException e) {
      throw new BadInput(e);
    }
    try {
      encoding = cache.encoding(summary);
    } catch (UsageException e) {
      throw new BadInput(e);
    }
    if (encoding != null) {
      err.println(columnsLine(summary, encoding, files));
    }
    data = new Path(run.output(), TrainingSetCache.DATA);
    conf = taskConf(run.conf(), data);
    std = GradientMapper.standardization(conf, summary.dimension());
    err.println("kmeans: " + path.describe(KMeansJobs.reducers(conf, o.k())));
  }

  /** Seeded k-means++ over the points in {@code dir}, read on the client. */
  private Centers initialCenters(Configuration c, Path dir, ParseSummary s)
      throws IOException, UsageException {
    long t0 = System.nanoTime();
    Centers centers;
    try {
      centers =
          KMeansPlusPlus.choose(
              KMeansJobs.points(
                  c,
                  dir,
                  s.records(),
                  s.dimension(),
                  GradientMapper.standardization(c, s.dimension())),
              o.k(),
              o.seed());
    } catch (KMeansPlusPlus.TooFewDistinctException e) {
      throw new UsageException(e.getMessage() + ": lower --k; nothing was written");
    }
    err.printf(
        Locale.ROOT,
        "kmeans: k-means++ chose %d centers (seed %d) in %d ms%n",
        o.k(),
        o.seed(),
        (System.nanoTime() - t0) / 1_000_000);
    return centers;
  }

  @Override
  public Initial initialState(Run run) throws IOException {
    if (initial == null) {
      // a resumed run that was killed before committing its start
      try {
        initial = initialCenters(conf, data, summary);
      } catch (UsageException e) {
        throw new BadInput(e);
      }
    }
    return Initial.of(initial.state());
  }

  private Job job(Path stateFile, Path out, String what) throws IOException {
    Job job =
        KMeansJobs.assignJob(conf, data, stateFile, o.k(), summary.dimension(), out, what, path);
    // one line per iteration is the runtime's: no per-job progress lines unless the user asks
    Jobs.setDefault(job.getConfiguration(), Jobs.PROGRESS, "off");
    return job;
  }

  @Override
  public Path runStep(Run run, Step step) throws IOException, JobFailedException {
    Jobs.runToSuccess(
        job(step.stateFile(), step.jobDir(), "iteration " + step.iteration()), run.err());
    return step.jobDir();
  }

  private KMeansJobs.Result read(Path dir, double[] from) throws IOException, JobFailedException {
    KMeansJobs.Result r = KMeansJobs.read(conf, dir, Centers.ofState(o.k(), from), path);
    if (r.total() != summary.records()) {
      throw new JobFailedException(
          "the job in " + dir + " assigned " + r.total() + " of " + summary.records() + " points");
    }
    return r;
  }

  @Override
  public StepOutcome readStep(Run run, Step step, Path jobOut)
      throws IOException, JobFailedException {
    KMeansJobs.Result r = read(jobOut, step.state());
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put(CenterMoves.MAX_MOVE, Centers.maxMove(Centers.ofState(o.k(), step.state()), r.next()));
    extra.put("empty", (double) r.empty());
    return new StepOutcome(r.next().state(), r.cost(), r.total(), extra);
  }

  /** Spark MLlib's rule: every center moved by at most --tol. */
  @Override
  public ConvergenceRule convergence() {
    return new CenterMoves(o.tol());
  }

  @Override
  public List<String> extraColumns() {
    return EXTRA;
  }

  /** history.csv: the cost is the loss of the centers the iteration started from. */
  @Override
  public List<HistoryColumn> historyColumns() {
    return List.of(
        HistoryColumn.iteration(),
        HistoryColumn.loss("cost"),
        HistoryColumn.change("change"),
        HistoryColumn.extra(CenterMoves.MAX_MOVE, "max_move"),
        HistoryColumn.count("empty", "empty_clusters"),
        HistoryColumn.records(),
        HistoryColumn.wallMs());
  }

  @Override
  public String describe(IterationMetrics m) {
    return String.format(
        Locale.ROOT,
        "max move %.4g, %d empty",
        m.extra().get(CenterMoves.MAX_MOVE),
        m.extra().get("empty").longValue());
  }

  @Override
  public String describeOutput(Path output) {
    return "centers written to " + new Path(output, CentersFile.CENTERS);
  }

  @Override
  public void finish(Run run, IterativeJob.Result r) throws IOException, JobFailedException {
    Path dir = new Path(run.attempt(), "final");
    if (run.fs().exists(dir)) {
      run.fs().delete(dir, true);
    }
    Jobs.runToSuccess(
        job(run.checkpoints().stateFile(r.iterations()), dir, "final assignment"), run.err());
    KMeansJobs.Result last = read(dir, r.state());
    CentersFile.write(
        run.fs(),
        run.output(),
        o,
        summary,
        encoding,
        std,
        r,
        last);
  }
}
