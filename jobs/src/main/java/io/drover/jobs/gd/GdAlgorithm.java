package io.drover.jobs.gd;

import io.drover.common.cli.UsageException;
import io.drover.common.iterate.Convergence;
import io.drover.common.iterate.DivergenceGuard;
import io.drover.common.iterate.HistoryColumn;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeAlgorithm;
import io.drover.common.iterate.IterativeJob;
import io.drover.common.iterate.StepOutcome;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.jobs.gd.data.Labels;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.model.Loss;
import io.drover.jobs.gd.model.Multinomial;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.gd.model.Update;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.GradientMapper;
import io.drover.jobs.gd.mr.PartialWritable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobCounter;

/**
 * Gradient descent as an {@link IterativeAlgorithm}: the training set prepared by {@link
 * TrainingSetCache}, one gradient job per iteration (configured in {@link #gradientJob}), the
 * update of {@link Update}, and {@code model.json} and {@code loss.png} at the end ({@code
 * history.csv} is the runtime's, in {@link #historyColumns}'s columns).
 */
final class GdAlgorithm implements IterativeAlgorithm<Path> {
  static final List<String> EXTRA = List.of("grad_norm", "step", "task_ms", "failed_tasks");

  private final String name;
  private final Loss loss;
  private final GdOptions o;
  private final List<Path> files;
  private final TrainingSetCache cache;
  private final TrainingSetCache.Validator validator;
  private final BiConsumer<Integer, Path> afterIterationJob;

  // set by prepare
  private ParseSummary summary;
  private io.drover.jobs.gd.data.Encoding encoding;
  private Configuration conf;
  private Standardization std;
  private Update update;
  private double negative = Double.NaN;
  private double positive = Double.NaN;
  private String negativeText;
  private String positiveText;
  // multinomial logistic regression (more than two classes): the class texts, class 0 first
  private List<String> classes;
  private Multinomial multinomial;

  GdAlgorithm(
      String name,
      Loss loss,
      GdOptions o,
      List<Path> files,
      TrainingSetCache cache,
      TrainingSetCache.Validator validator,
      BiConsumer<Integer, Path> afterIterationJob) {
    this.name = name;
    this.loss = loss;
    this.o = o;
    this.files = files;
    this.cache = cache;
    this.validator = validator;
    this.afterIterationJob = afterIterationJob;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, String> resultParameters() {
    return o.resultParameters(name, cache.digest());
  }

  @Override
  public List<String> outputs() {
    return List.of("model.json", "loss.png");
  }

  @Override
  public void prepare(Run run) throws IOException, JobFailedException {
    try {
      summary = cache.prepare(run.fs(), run.output(), run.temp(), validator, name, run.err());
    } catch (UsageException e) {
      throw new BadInput(e);
    }
    try {
      encoding = cache.encoding(summary);
    } catch (UsageException e) {
      throw new BadInput(e);
    }
    int d = summary.dimension();
    conf = new Configuration(run.conf());
    conf.set(GdKeys.LOSS, loss.name().toLowerCase(Locale.ROOT));
    Path data = new Path(run.output(), TrainingSetCache.DATA);
    std = Standardization.identity(d);
    if (o.standardize()) {
      conf.set(GdKeys.SCALING, new Path(data, TrainingSetCache.SCALING).toString());
      conf.setBoolean(GdKeys.CENTER, o.intercept());
      std = GradientMapper.standardization(conf, d);
    }
    if (loss.classifies() && summary.labelCounts().size() > 2) {
      classes = classes(summary);
      multinomial = new Multinomial(classes.size(), d);
      conf.setStrings(
          GdKeys.CLASSES,
          classes.stream().map(t -> Double.toString(Labels.code(t))).toArray(String[]::new));
      StringBuilder map = new StringBuilder();
      for (int c = 0; c < classes.size(); c++) {
        double code = Labels.code(classes.get(c));
        map.append(c == 0 ? "" : ", ")
            .append(GdTool.label(summary, code))
            .append(" -> ")
            .append(c)
            .append(String.format(" (%,d%s)", summary.labelCounts().get(code),
                c == 0 ? " records" : ""));
      }
      run.err().printf("%s: %d classes, multinomial (softmax): labels %s%n", name, classes.size(),
          map);
    } else if (loss.classifies()) {
      List<Double> codes = new ArrayList<>(summary.labelCounts().keySet());
      Map<Double, String> text = summary.labelTexts();
      List<String> order = Labels.order(text.get(codes.get(0)), text.get(codes.get(1)));
      negativeText = order.get(0);
      positiveText = order.get(1);
      negative = Labels.code(negativeText);
      positive = Labels.code(positiveText);
      conf.set(GdKeys.POSITIVE, Double.toString(positive));
      run.err()
          .printf(
              "%s: labels %s -> 0 (negative, %,d records), %s -> 1 (positive, %,d records)%n",
              name,
              GdTool.label(summary, negative),
              summary.labelCounts().get(negative),
              GdTool.label(summary, positive),
              summary.labelCounts().get(positive));
    }
    update = new Update(o.l1(), o.l2(), o.intercept());
  }

  /** The classes of a classifier's summary, class 0 first ({@link Labels#classes}). */
  static List<String> classes(ParseSummary s) {
    return Labels.classes(s.labelTexts().values());
  }

  /** Bad input found while preparing: carried out of the hook, rethrown as the usage error. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(UsageException e) {
      super(e);
    }

    UsageException usage() {
      return (UsageException) getCause();
    }
  }

  @Override
  public Initial initialState(Run run) {
    return Initial.of(
        new double[multinomial != null ? multinomial.length() : summary.dimension() + 1]);
  }

  double eta(Step step) {
    return o.schedule().at(o.step(), o.decay(), step.iteration()) * step.scale();
  }

  /** Iteration {@code t}'s gradient job over the training set, from the committed weights. */
  Job gradientJob(Run run, Step step) throws IOException {
    int t = step.iteration();
    Job job =
        GdJobs.gradientJob(
            conf,
            new Path(run.output(), TrainingSetCache.DATA),
            step.stateFile(),
            step.jobDir(),
            t);
    Configuration jc = job.getConfiguration();
    jc.set(GdKeys.MODE, o.mode());
    jc.setInt(GdKeys.ITERATION, t);
    jc.setLong(GdKeys.SEED, o.seed());
    jc.setDouble(GdKeys.FRACTION, o.fraction());
    jc.setDouble(GdKeys.SGD_STEP, eta(step));
    jc.setDouble(GdKeys.L1, o.l1());
    jc.setDouble(GdKeys.L2, o.l2());
    jc.setBoolean(GdKeys.INTERCEPT, o.intercept());
    // one line per iteration is the runtime's: no per-job progress lines unless the user asks
    Jobs.setDefault(jc, Jobs.PROGRESS, "off");
    return job;
  }

  private Counters counters;

  @Override
  public Path runStep(Run run, Step step) throws IOException, JobFailedException {
    counters = Jobs.runToSuccess(gradientJob(run, step), run.err());
    afterIterationJob.accept(step.iteration(), step.jobDir());
    return step.jobDir();
  }

  @Override
  public StepOutcome readStep(Run run, Step step, Path jobOut)
      throws IOException, JobFailedException {
    int t = step.iteration();
    double eta = eta(step);
    double[] state = step.state();
    PartialWritable total = GdJobs.readTotal(conf, jobOut);
    long n = total.count();
    if (n == 0) {
      throw new JobFailedException(
          "iteration " + t + " saw no records (a --fraction too small for the data?)");
    }
    Map<String, Double> extra = new LinkedHashMap<>();
    double[] next;
    if (o.mode().equals("average")) {
      next = total.grad();
      for (int j = 0; j < next.length; j++) {
        next[j] /= n;
      }
      extra.put("grad_norm", Convergence.distance(next, state) / eta);
    } else if (multinomial != null) {
      double[] g = multinomial.gradient(std, total.grad(), n);
      extra.put("grad_norm", multinomial.gradientNorm(update, state, g));
      next = multinomial.apply(update, state, g, eta);
    } else {
      double[] g = std.gradient(total.grad(), n);
      extra.put("grad_norm", update.gradientNorm(state, g));
      next = update.apply(state, g, eta);
    }
    extra.put("step", eta);
    extra.put(
        "task_ms",
        counters == null
            ? Double.NaN
            : counters.findCounter(GradientMapper.Counters.TASK_MICROS).getValue() / 1000.0);
    extra.put(
        "failed_tasks",
        counters == null
            ? Double.NaN
            : (double) counters.findCounter(JobCounter.NUM_FAILED_MAPS).getValue());
    // minibatch: the mappers summed the loss of every record at the state, not only the sample's
    long lossRecords = o.mode().equals("minibatch") ? summary.records() : n;
    double lossValue =
        multinomial != null
            ? multinomial.objective(update, total.lossSum() / lossRecords, state)
            : update.objective(total.lossSum() / lossRecords, state);
    return new StepOutcome(next, lossValue, n, extra);
  }

  @Override
  public Convergence convergence() {
    return new Convergence(o.tol(), o.lossTol());
  }

  /**
   * Mini-batch's rise tolerance: a loss that rose {@code --diverge-patience} times in a row is
   * divergence only once it is 5% above the lowest loss so far. Its loss is the whole data's (not
   * the sample's), yet near the optimum a constant-step SGD wanders: on a9a the loss stayed within
   * 0.13% of its best at --fraction 0.1 and within 1.5% at 0.01, while a step too large doubles it
   * within a few iterations (ccpp at step 1.0).
   */
  static final double MINIBATCH_RISE_TOL = 0.05;

  @Override
  public DivergenceGuard divergenceGuard() {
    return new DivergenceGuard(
        o.patience(), 10, o.mode().equals("minibatch") ? MINIBATCH_RISE_TOL : 0);
  }

  @Override
  public int maxHalvings() {
    return o.maxHalvings();
  }

  @Override
  public List<String> extraColumns() {
    return EXTRA;
  }

  /** history.csv: the loss, then the update's measures, then the run's (as before the runtime). */
  @Override
  public List<HistoryColumn> historyColumns() {
    return List.of(
        HistoryColumn.iteration(),
        HistoryColumn.loss("loss"),
        HistoryColumn.extra("grad_norm", "grad_norm"),
        HistoryColumn.extra("step", "step"),
        HistoryColumn.change("weight_change"),
        HistoryColumn.records(),
        HistoryColumn.wallMs(),
        HistoryColumn.extra("task_ms", "task_ms"),
        HistoryColumn.stepScale(),
        HistoryColumn.count("failed_tasks", "failed_tasks"),
        HistoryColumn.note());
  }

  @Override
  public String describe(IterationMetrics m) {
    return String.format(
        Locale.ROOT,
        "|grad| %.4g step %.4g (tasks %.1f ms)",
        m.extra().get("grad_norm"),
        m.extra().get("step"),
        m.extra().get("task_ms"));
  }

  @Override
  public String describeRollback(double newScale) {
    return String.format(Locale.ROOT, "step halved to %.6g", o.step() * newScale);
  }

  @Override
  public String describeOutput(Path output) {
    return "model written to " + new Path(output, "model.json");
  }

  @Override
  public void finish(Run run, IterativeJob.Result r) throws IOException {
    ModelFile.write(
        run.fs(),
        run.output(),
        name,
        loss,
        o,
        summary,
        encoding != null && !encoding.trivial()
            ? encoding
            : null,
        o.input().featureNames(run.conf(), files),
        std,
        r,
        negativeText,
        positiveText,
        classes);
  }
}
