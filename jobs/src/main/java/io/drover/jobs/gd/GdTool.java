package io.drover.jobs.gd;

import io.drover.common.cli.UsageException;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeDriver;
import io.drover.common.iterate.IterativeJob;
import io.drover.common.run.DroverTool;
import io.drover.common.run.InputPacking;
import io.drover.common.run.JobFailedException;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.model.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The program of {@code logreg}, {@code linreg} and {@code svm}: options, input listing and label
 * checks; the run itself is {@link GdAlgorithm} (training set in {@link TrainingSetCache}, one
 * gradient job per iteration) on the {@link IterativeDriver}.
 */
public abstract class GdTool extends DroverTool {
  static final String WORK = IterativeDriver.WORK;

  protected GdTool(String name) {
    super(name, GdOptions.USAGE);
  }

  protected abstract Loss loss();

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    GdOptions o = GdOptions.parse(loss(), args);
    List<Path> files = InputPacking.sortedFiles(conf, o.inputs());
    GdAlgorithm algo =
        new GdAlgorithm(
            name(),
            loss(),
            o,
            files,
            new TrainingSetCache(conf, o.input(), o.overwrite().allowed(), files),
            s -> validate(s, files, o.mode()),
            afterIterationJob);
    IterativeJob.Result r;
    try {
      r = IterativeDriver.run(
          conf,
          files,
          o.output(),
          algo,
          new IterativeDriver.Settings(
              o.maxIter(), o.keepCheckpoints(), o.restart(), o.overwrite()),
          err());
    } catch (GdAlgorithm.BadInput e) {
      throw e.usage();
    } catch (IterativeJob.DivergedException e) {
      throw new IterativeJob.DivergedException(
          e.getMessage()
              + "; base --step "
              + o.step()
              + ": rerun with a smaller --step (and --restart)");
    }
    if (r.stop() == IterativeJob.Stop.STEP_UNDERFLOW) {
      IterationMetrics last = r.history().get(r.history().size() - 1);
      throw new JobFailedException(
          underflow(o, last)
              + "; model.json says \"converged\": false. Rerun with a smaller --step"
              + (o.standardize() ? "" : " or without --no-standardize")
              + " and --overwrite");
    }
  }

  /** What a step underflow was, for model.json and the error line. */
  static String underflow(GdOptions o, IterationMetrics last) {
    return String.format(
        java.util.Locale.ROOT,
        "step underflow after %d halvings: after %d iterations the weights moved %.3g, below --tol"
            + " only because the step was halved to %.3g (base --step %s), not because they"
            + " converged",
        last.halvings(),
        last.iteration(),
        last.change(),
        o.step() * last.stepScale(),
        o.step());
  }

  /** Tests: called with the iteration and its job's output dir after the job, before reading it. */
  java.util.function.BiConsumer<Integer, Path> afterIterationJob = (t, dir) -> {};

  /** Bad input: the first bad line, no records, or labels that do not fit the loss. */
  void validate(ParseSummary s, List<Path> files, String mode) throws UsageException {
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
      boolean softmax = loss() == Loss.LOGISTIC;
      if (softmax && seen.size() > MAX_CLASSES) {
        throw new UsageException(
            "the label has "
                + String.format("%,d", seen.size())
                + " distinct values in "
                + files
                + " ("
                + labelsSeen(s, seen)
                + "), more than the "
                + MAX_CLASSES
                + " classes "
                + name()
                + " takes; a label with that many values is rarely a class: predict a number"
                + " with linreg, or bin the label; nothing was written");
      }
      if (softmax && seen.size() > 2 && mode.equals("average")) {
        throw new UsageException(
            "option --mode average: the label in "
                + files
                + " has "
                + seen.size()
                + " values ("
                + labelsSeen(s, seen)
                + ") and model averaging is for two classes; use --mode batch or minibatch for"
                + " multinomial logistic regression; nothing was written");
      }
      if (!softmax && seen.size() > 2) {
        ParseSummary.Place p = seen.get(2).getValue();
        throw new UsageException(
            files.get(p.file())
                + " line "
                + p.line()
                + ": a third label value "
                + label(s, seen.get(2).getKey())
                + " (earlier lines have "
                + label(s, seen.get(0).getKey())
                + " and "
                + label(s, seen.get(1).getKey())
                + "); label values seen: "
                + labelsSeen(s, seen)
                + "; "
                + name()
                + " needs exactly two classes (logreg takes more: multinomial); nothing was"
                + " written");
      }
      if (seen.size() < 2) {
        throw new UsageException(
            "every record has the label "
                + label(s, seen.get(0).getKey())
                + "; "
                + name()
                + " needs two classes; nothing was written");
      }
    }
  }

  /** At most this many classes (multinomial logreg): K weight vectors are trained. */
  static final int MAX_CLASSES = 100;

  /** The first 10 label values in order of appearance, with their counts. */
  static String labelsSeen(ParseSummary s, List<Map.Entry<Double, ParseSummary.Place>> seen) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < seen.size() && i < 10; i++) {
      double k = seen.get(i).getKey();
      all.append(i == 0 ? "" : ", ")
          .append(label(s, k))
          .append(" (")
          .append(String.format("%,d", s.labelCounts().get(k)))
          .append(i == 0 ? " records)" : ")");
    }
    if (seen.size() > 10) {
      all.append(", ... (").append(seen.size()).append(" values)");
    }
    return all.toString();
  }

  /** A label value for messages: a number as it is, text in quotes. */
  static String label(ParseSummary s, double code) {
    String t = s.labelTexts().get(code);
    return io.drover.jobs.gd.data.Labels.number(t) != null ? t : "'" + t + "'";
  }
}
