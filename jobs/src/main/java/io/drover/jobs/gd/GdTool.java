package io.drover.jobs.gd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drover.common.cli.UsageException;
import io.drover.common.iterate.CheckpointStore;
import io.drover.common.iterate.Convergence;
import io.drover.common.iterate.DivergenceGuard;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeJob;
import io.drover.common.iterate.IterativeStep;
import io.drover.common.iterate.RunFingerprint;
import io.drover.common.iterate.StepOutcome;
import io.drover.common.run.DroverTool;
import io.drover.common.run.InputPacking;
import io.drover.common.run.Jobs;
import io.drover.common.run.OutputCommit;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.model.Loss;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.gd.model.Update;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.GradientMapper;
import io.drover.jobs.gd.mr.PartialWritable;
import io.drover.jobs.gd.mr.SummaryWritable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver of {@code logreg} and {@code linreg}: parse once into the binary training set ({@code
 * <output>/data/}, reused while the input and its parsing options are unchanged), then the {@link
 * IterativeJob} loop with one gradient job per iteration, then {@code model.json}, {@code
 * history.csv} and {@code _SUCCESS}.
 */
public abstract class GdTool extends DroverTool {
  static final String DATA = "data";
  static final String ITERATIONS = "iterations";
  static final String WORK = "_work";
  static final String ATTEMPT_PREFIX = "attempt-";
  static final String SCALING = "scaling";
  static final List<String> EXTRA = List.of("grad_norm", "step", "task_ms", "failed_tasks");

  protected GdTool(String name) {
    super(name, GdOptions.USAGE);
  }

  protected abstract Loss loss();

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    GdOptions o = GdOptions.parse(loss(), args);
    List<Path> files = listFiles(conf, o.inputs());
    FileSystem fs = o.output().getFileSystem(conf);
    // the run writes <output> in place (it resumes there); --overwrite moves the old output into
    // OutputCommit's work dir first: removed after success, put back after a failure, and after
    // a SIGKILL swept by the next run like every work dir of a dead client
    try (OutputCommit commit = OutputCommit.prepareInPlace(conf, o.output(), o.overwrite(),
        files)) {
      Path out = commit.output();
      boolean aside = o.overwrite().allowed() && commit.moveAside();
      try {
        parseAndTrain(conf, o, files, fs, out, commit);
      } catch (Exception | Error e) {
        if (aside) {
          err().println(name() + ": the run failed; " + commit.putBack());
        }
        throw e;
      }
    }
  }

  private void parseAndTrain(Configuration conf, GdOptions o, List<Path> files, FileSystem fs,
      Path out, OutputCommit commit) throws Exception {
    RunFingerprint dataFp = dataFingerprint(conf, files, o);
    String digest = digest(dataFp.format());
    RunFingerprint runFp = new RunFingerprint(o.resultParameters(name(), digest));
    Path data = new Path(out, DATA);

    boolean reuse =
        !o.overwrite().allowed()
            && fs.exists(new Path(data, "_SUCCESS"))
            && RunFingerprint.read(fs, new Path(data, RunFingerprint.FILE))
                .map(stored -> dataFp.firstDifference(stored).isEmpty())
                .orElse(false);
    Path temp = commit.temp("parse");
    ParseSummary summary;
    try {
      Path parsed = null;
      if (reuse) {
        summary = GdJobs.readSingle(conf, data, new SummaryWritable()).get();
      } else {
        parsed = new Path(temp, DATA);
        err()
            .println(
                name()
                    + ": parsing "
                    + files.size()
                    + " input file(s) into the binary training set");
        Jobs.runToSuccess(
            GdJobs.parseJob(conf, files, o.format(), o.label(), o.features(), parsed), err());
        summary = GdJobs.readSingle(conf, parsed, new SummaryWritable()).get();
      }
      validate(summary, files);
      if (parsed != null) {
        writeScaling(fs, new Path(parsed, SCALING), summary);
        dataFp.write(fs, new Path(parsed, RunFingerprint.FILE));
      }
      RunFingerprint.Start start =
          runFp.prepare(fs, out, o.restart(), o.overwrite().allowed());
      if (start == RunFingerprint.Start.FRESH && fs.exists(out)) {
        for (String old :
            new String[] {ITERATIONS, WORK, "model.json", "history.csv", RunFingerprint.FILE}) {
          fs.delete(new Path(out, old), true);
        }
      }
      if (parsed != null) {
        fs.mkdirs(out);
        if (fs.exists(data)) {
          fs.delete(data, true);
        }
        if (!fs.rename(parsed, data)) {
          throw new IOException("could not rename " + parsed + " to " + data);
        }
      }
      runFp.write(fs, new Path(out, RunFingerprint.FILE));
      if (start == RunFingerprint.Start.RESUME) {
        err().println(name() + ": resuming the unfinished run in " + out);
      }
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, true);
      }
    }
    train(conf, fs, out, o, summary, files);
  }

  private void train(
      Configuration base, FileSystem fs, Path out, GdOptions o, ParseSummary s, List<Path> files)
      throws Exception {
    int d = s.dimension();
    Configuration conf = new Configuration(base);
    conf.set(GdKeys.LOSS, loss().name().toLowerCase(Locale.ROOT));
    Path data = new Path(out, DATA);
    Standardization std = Standardization.identity(d);
    if (o.standardize()) {
      conf.set(GdKeys.SCALING, new Path(data, SCALING).toString());
      conf.setBoolean(GdKeys.CENTER, o.intercept());
      std = GradientMapper.standardization(conf, d);
    }
    double negative = Double.NaN;
    double positive = Double.NaN;
    if (loss().classifies()) {
      List<Double> labels = new ArrayList<>(s.labelCounts().keySet());
      negative = labels.get(0);
      positive = labels.get(1);
      conf.set(GdKeys.POSITIVE, Double.toString(positive));
      err()
          .printf(
              "%s: labels %s -> 0 (negative, %,d records), %s -> 1 (positive, %,d records)%n",
              name(),
              num(negative),
              s.labelCounts().get(negative),
              num(positive),
              s.labelCounts().get(positive));
    }
    Update update = new Update(o.l1(), o.l2(), o.intercept());
    Standardization scaling = std;
    Path work = new Path(out, WORK);
    Path attempt = sweepOtherAttempts(fs, work);
    IterativeStep step =
        (t, scale, state, stateFile) -> {
          double eta = o.schedule().at(o.step(), o.decay(), t) * scale;
          Path jobOut = new Path(attempt, "iter-" + t);
          if (fs.exists(jobOut)) {
            fs.delete(jobOut, true);
          }
          org.apache.hadoop.mapreduce.Job job =
              GdJobs.gradientJob(conf, data, stateFile, jobOut, t);
          Configuration jc = job.getConfiguration();
          jc.set(GdKeys.MODE, o.mode());
          jc.setInt(GdKeys.ITERATION, t);
          jc.setLong(GdKeys.SEED, o.seed());
          jc.setDouble(GdKeys.FRACTION, o.fraction());
          jc.setDouble(GdKeys.SGD_STEP, eta);
          jc.setDouble(GdKeys.L1, o.l1());
          jc.setDouble(GdKeys.L2, o.l2());
          jc.setBoolean(GdKeys.INTERCEPT, o.intercept());
          // one line per iteration is ours: no per-job progress lines unless the user asks
          Jobs.setDefault(jc, Jobs.PROGRESS, "off");
          org.apache.hadoop.mapreduce.Counters counters = Jobs.runToSuccess(job, err());
          afterIterationJob.accept(t, jobOut);
          PartialWritable total = GdJobs.readSingle(conf, jobOut, new PartialWritable());
          fs.delete(jobOut, true);
          long n = total.count();
          if (n == 0) {
            throw new io.drover.common.run.JobFailedException(
                "iteration " + t + " saw no records (a --fraction too small for the data?)");
          }
          Map<String, Double> extra = new LinkedHashMap<>();
          double[] next;
          if (o.mode().equals("average")) {
            next = total.grad();
            for (int j = 0; j < next.length; j++) {
              next[j] /= n;
            }
            extra.put(
                "grad_norm", io.drover.common.iterate.Convergence.distance(next, state) / eta);
          } else {
            double[] g = scaling.gradient(total.grad(), n);
            double gradNorm = 0;
            for (int j = 0; j < g.length; j++) {
              double gj = j < d ? g[j] + o.l2() * state[j] : (o.intercept() ? g[j] : 0);
              gradNorm += gj * gj;
            }
            extra.put("grad_norm", Math.sqrt(gradNorm));
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
                  : (double)
                      counters
                          .findCounter(org.apache.hadoop.mapreduce.JobCounter.NUM_FAILED_MAPS)
                          .getValue());
          double loss = update.objective(total.lossSum() / n, state);
          return new StepOutcome(next, loss, n, extra);
        };
    IterativeJob.Settings settings =
        new IterativeJob.Settings(
            o.maxIter(),
            new Convergence(o.tol(), o.lossTol()),
            new DivergenceGuard(o.patience(), 10),
            o.maxHalvings(),
            o.keepCheckpoints(),
            EXTRA);
    IterativeJob loop =
        new IterativeJob(
            new CheckpointStore(fs, new Path(out, ITERATIONS)),
            step,
            settings,
            new IterativeJob.Listener() {
              @Override
              public void committed(IterationMetrics m, int maxIter) {
                err()
                    .printf(
                        Locale.ROOT,
                        "%s: iteration %d/%d loss %.6g |grad| %.4g step %.4g |dw| %.4g %,d records"
                            + " %d ms (tasks %.1f ms)%n",
                        name(),
                        m.iteration(),
                        maxIter,
                        m.loss(),
                        m.extra().get("grad_norm"),
                        m.extra().get("step"),
                        m.change(),
                        m.records(),
                        m.wallMs(),
                        m.extra().get("task_ms"));
              }

              @Override
              public void rolledBack(int to, String reason, double newScale) {
                err()
                    .printf(
                        Locale.ROOT,
                        "%s: diverged (%s): rolled back to iteration %d, step halved to %.6g%n",
                        name(),
                        reason,
                        to,
                        o.step() * newScale);
              }
            });
    IterativeJob.Result r;
    try {
      r = loop.run(new double[d + 1]);
    } catch (IterativeJob.DivergedException e) {
      throw new IterativeJob.DivergedException(
          e.getMessage()
              + "; base --step "
              + o.step()
              + ": rerun with a smaller --step (and --restart)");
    }
    if (fs.exists(work)) {
      fs.delete(work, true);
    }
    ModelFile.write(
        fs, out, name(), loss(), o, s, featureNames(conf, o, files), std, r, negative, positive);
    fs.create(new Path(out, RunFingerprint.FINISHED), true).close();
    IterationMetrics last = r.history().get(r.history().size() - 1);
    err()
        .printf(
            Locale.ROOT,
            "%s: %d iterations (%s), last loss %.6g; model written to %s%n",
            name(),
            r.iterations(),
            r.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            last.loss(),
            new Path(out, "model.json"));
  }

  /**
   * This driver run's own dir for its iteration jobs' outputs, {@code _work/attempt-<uuid>}, after
   * deleting every other entry of {@code _work}: what the jobs of an earlier, dead driver left (or
   * still write: they write only into their own attempt's dir, never into this one's).
   */
  static Path sweepOtherAttempts(FileSystem fs, Path work) throws IOException {
    if (fs.exists(work)) {
      for (FileStatus st : fs.listStatus(work)) {
        fs.delete(st.getPath(), true);
      }
    }
    return new Path(work, ATTEMPT_PREFIX + UUID.randomUUID());
  }

  /** Tests: called with the iteration and its job's output dir after the job, before reading it. */
  java.util.function.BiConsumer<Integer, Path> afterIterationJob = (t, dir) -> {};

  /** CSV: the feature columns' names from the first file's header; LIBSVM: null. */
  static List<String> featureNames(Configuration conf, GdOptions o, List<Path> files)
      throws IOException {
    if (!o.format().equals("csv")) {
      return null;
    }
    Path f = files.get(0);
    try {
      return List.of(
          io.drover.jobs.gd.data.CsvParser.fromHeader(
                  io.drover.jobs.gd.mr.CsvFiles.header(conf, f), o.label(), o.features())
              .featureNames());
    } catch (io.drover.jobs.aggregate.input.BadRecordException e) {
      throw new IOException(f + " line 1: " + e.getMessage());
    }
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Bad input: the first bad line, no records, or labels that do not fit the loss. */
  void validate(ParseSummary s, List<Path> files) throws UsageException {
    if (s.error() != null) {
      throw new UsageException(s.error() + "; nothing was written");
    }
    if (s.records() == 0) {
      throw new UsageException("no training records in " + files + "; nothing was written");
    }
    if (loss().classifies()) {
      List<Map.Entry<Double, ParseSummary.Place>> seen =
          new ArrayList<>(s.labelFirstSeen().entrySet());
      seen.sort(Map.Entry.comparingByValue());
      if (seen.size() > 2) {
        ParseSummary.Place p = seen.get(2).getValue();
        throw new UsageException(
            files.get(p.file())
                + " line "
                + p.line()
                + ": a third label value "
                + num(seen.get(2).getKey())
                + " (earlier lines have "
                + num(seen.get(0).getKey())
                + " and "
                + num(seen.get(1).getKey())
                + "); "
                + name()
                + " needs exactly two classes; nothing was written");
      }
      if (seen.size() < 2) {
        throw new UsageException(
            "every record has the label "
                + num(seen.get(0).getKey())
                + "; "
                + name()
                + " needs two classes; nothing was written");
      }
    }
  }

  /** Every input file (directories recursively, names starting with _ or . skipped), sorted. */
  static List<Path> listFiles(Configuration conf, List<Path> inputs)
      throws IOException, UsageException {
    List<Path> out = new ArrayList<>();
    for (FileStatus st :
        InputPacking.listFiles(conf, InputPacking.resolveInputs(conf, inputs))) {
      out.add(st.getPath());
    }
    out.sort(null);
    return out;
  }

  static RunFingerprint dataFingerprint(Configuration conf, List<Path> files, GdOptions o)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--format", o.format());
    m.put("--label", String.valueOf(o.label()));
    m.put("--features", o.features() == null ? "all" : String.join(",", o.features()));
    for (Path f : files) {
      FileStatus st = f.getFileSystem(conf).getFileStatus(f);
      m.put("file " + f, st.getLen() + " bytes, modified " + st.getModificationTime());
    }
    return new RunFingerprint(m);
  }

  static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void writeScaling(FileSystem fs, Path file, ParseSummary s) throws IOException {
    int d = s.dimension();
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = s.mean(j);
      std[j] = s.stddev(j);
    }
    try (FSDataOutputStream out = fs.create(file, true)) {
      CheckpointStore.writeState(out, mean);
      CheckpointStore.writeState(out, std);
    }
  }

  static void writeText(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
