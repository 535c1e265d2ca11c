package io.drover.jobs.gd;

import io.drover.common.cli.Flags;
import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.jobs.gd.model.Loss;
import io.drover.jobs.gd.model.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/** What a user asked {@code logreg} or {@code linreg} for, checked. */
public record GdOptions(
    Loss loss,
    List<Path> inputs,
    Path output,
    String format,
    String label,
    List<String> features,
    io.drover.jobs.gd.data.CsvHeader header,
    int maxCategories,
    int hashFeatures,
    String mode,
    double fraction,
    long seed,
    double step,
    Schedule schedule,
    double decay,
    double l1,
    double l2,
    boolean intercept,
    boolean standardize,
    int maxIter,
    double tol,
    double lossTol,
    int keepCheckpoints,
    int maxHalvings,
    int patience,
    boolean restart,
    Overwrite overwrite) {

  public static final String USAGE =
      "[options] <input>... <output>\n"
          + "  Trains a linear model by full-batch gradient descent, one MapReduce job per"
          + " iteration,\n"
          + "  each iteration committed to <output>/iterations/iter-NNNNN/. Rerunning the same"
          + " command\n"
          + "  on an unfinished <output> resumes after its last committed iteration.\n"
          + "  Writes <output>/model.json and <output>/history.csv.\n"
          + TrainingInput.usage(true)
          + "  --max-categories N  csv: a column with a value that is not a number (nor ? or"
          + " empty,\n"
          + "                      the missing values) is categorical: one-hot, its N most"
          + " frequent\n"
          + "                      values each a feature col=value, the rest col=__other__"
          + " (default\n"
          + "                      100); a missing number is the column's mean\n"
          + "  --hash-features N   csv: hash the categorical columns' col=value into N shared\n"
          + "                      features (signed MurmurHash3, as Vowpal Wabbit) instead\n"
          + "  --mode M            batch (default): full-batch gradient descent; minibatch: each\n"
          + "                      iteration a seeded Bernoulli sample of --fraction of the"
          + " records;\n"
          + "                      average: each map task runs one seeded, shuffled SGD epoch over"
          + " its\n"
          + "                      chunk from the current weights, the driver averages them\n"
          + "                      (two classes only: logreg with more is multinomial)\n"
          + "  --fraction F        minibatch: the sampled fraction, in (0, 1] (default 0.1)\n"
          + "  --seed S            minibatch and average: the seed (default 42)\n"
          + "  --step S            base step size (default 1.0)\n"
          + "  --schedule NAME     constant (default), inv-sqrt (S/sqrt(t)), exp (S*decay^(t-1))\n"
          + "  --decay D           decay of --schedule exp (default 0.95)\n"
          + "  --l2 L / --l1 L     L2 penalty (L/2 ||w||^2) / L1 penalty (proximal); default 0\n"
          + "  --no-intercept      fit no intercept (default: fit one, never regularized)\n"
          + "  --no-standardize    train on the features as they are (default: standardized, as\n"
          + "                      Spark does; weights reported on the original scale;\n"
          + "                      --standardize is accepted)\n"
          + "  --max-iter N        at most N iterations (default 100)\n"
          + "  --tol T             stop when ||w_t - w_t-1|| < T max(||w_t||, 1) (default 0.001; 0"
          + " off)\n"
          + "  --loss-tol T        stop when the loss changes by less than T max(|loss|, 1)"
          + " (default 0)\n"
          + "  --keep-checkpoints K  keep only the newest K checkpoints (default 0: all)\n"
          + "  --max-halvings H    on divergence roll back and halve the step at most H times\n"
          + "                      (default 20), then exit 1; after halvings --tol is judged at\n"
          + "                      the base step, and --max-iter reached with the weights still\n"
          + "                      only because the step is tiny exits 1 (step underflow)\n"
          + "  --diverge-patience P  a loss rising P iterations in a row is divergence (default"
          + " 3)\n"
          + "  --restart           start over when <output> holds an unfinished run with other\n"
          + "                      parameters\n"
          + "  --overwrite         replace <output> if it is a previous job output (the old one\n"
          + "                      is put back if the run fails); --overwrite=force: any directory\n"
          + "  Generic Hadoop options (-D k=v, -conf, -files, -libjars) go before these.";

  static Options flags() {
    Options o = new Options();
    for (String f :
        new String[] {
          "max-categories",
          "hash-features",
          "mode",
          "fraction",
          "seed",
          "step",
          "schedule",
          "decay",
          "l1",
          "l2",
          "max-iter",
          "tol",
          "loss-tol",
          "keep-checkpoints",
          "max-halvings",
          "diverge-patience"
        }) {
      o.addOption(Option.builder().longOpt(f).hasArg().build());
    }
    for (String f : new String[] {
          "no-intercept",
          "standardize",
          "no-standardize",
          "restart",
          "overwrite"
        }) {
      o.addOption(Option.builder().longOpt(f).build());
    }
    TrainingInput.addFlags(o);
    return o;
  }

  public static GdOptions parse(Loss loss, String... args) throws UsageException {
    Flags f = Flags.parse(flags(), args);
    List<String> pos = f.inputsThenOutput();
    List<Path> inputs = pos.subList(0, pos.size() - 1).stream().map(Path::new).toList();
    TrainingInput in = TrainingInput.parse(f, inputs, true);
    String format = in.format();
    String label = in.label();
    List<String> features = in.features();
    for (String flag : new String[] {"max-categories", "hash-features"}) {
      if (f.has(flag) && !format.equals("csv")) {
        throw new UsageException("option --" + flag + " is for csv input");
      }
    }
    if (f.has("max-categories") && f.has("hash-features")) {
      throw new UsageException("--max-categories (one-hot) and --hash-features: give one");
    }
    String mode = f.get("mode", "batch");
    if (!List.of("batch", "minibatch", "average").contains(mode)) {
      throw new UsageException("option --mode: '" + mode + "' is not batch, minibatch or average");
    }
    double fraction = f.doubleAtLeast("fraction", 0.1, 0);
    if (fraction <= 0 || fraction > 1) {
      throw new UsageException("option --fraction: " + fraction + " is not in (0, 1]");
    }
    if (f.has("fraction") && !mode.equals("minibatch")) {
      throw new UsageException("option --fraction is for --mode minibatch");
    }
    long seed;
    try {
      seed = Long.parseLong(f.get("seed", "42").trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --seed: '" + f.get("seed", "") + "' is not a whole number");
    }
    double step = f.doubleAtLeast("step", 1.0, 0);
    if (step <= 0) {
      throw new UsageException("option --step: must be above 0");
    }
    Schedule schedule;
    try {
      schedule = Schedule.parse(f.get("schedule", "constant"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("option --schedule: " + e.getMessage());
    }
    if (f.has("standardize") && f.has("no-standardize")) {
      throw new UsageException("--standardize and --no-standardize: give one");
    }
    double decay = f.doubleAtLeast("decay", 0.95, 0);
    if (decay <= 0 || decay > 1) {
      throw new UsageException("option --decay: " + decay + " is not in (0, 1]");
    }
    return new GdOptions(
        loss,
        inputs,
        new Path(pos.get(pos.size() - 1)),
        format,
        label,
        features,
        in.header(),
        f.intAtLeast("max-categories", 100, 1),
        f.intAtLeast("hash-features", 0, 1),
        mode,
        fraction,
        seed,
        step,
        schedule,
        decay,
        f.doubleAtLeast("l1", 0, 0),
        f.doubleAtLeast("l2", 0, 0),
        !f.has("no-intercept"),
        !f.has("no-standardize"),
        f.intAtLeast("max-iter", 100, 1),
        f.doubleAtLeast("tol", 1e-3, 0),
        f.doubleAtLeast("loss-tol", 0, 0),
        f.intAtLeast("keep-checkpoints", 0, 0),
        f.intAtLeast("max-halvings", 20, 0),
        f.intAtLeast("diverge-patience", 3, 1),
        f.has("restart"),
        f.overwrite());
  }

  /** How the input is read. */
  public TrainingInput input() {
    return new TrainingInput(format, label, features, loss.classifies(), header, 0, 0)
        .withCategories(maxCategories, hashFeatures);
  }

  /**
   * The parameters that change the results, by flag name: a resumed run must match them all.
   * Stopping rules (--max-iter, --tol, --loss-tol) and --keep-checkpoints may change on resume.
   */
  public Map<String, String> resultParameters(String program, String inputDigest) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("program", program);
    m.put("input", inputDigest);
    m.put("--mode", mode);
    m.put("--fraction", Double.toString(fraction));
    m.put("--seed", Long.toString(seed));
    m.put("--step", Double.toString(step));
    m.put("--schedule", schedule.flag());
    m.put("--decay", Double.toString(decay));
    m.put("--l1", Double.toString(l1));
    m.put("--l2", Double.toString(l2));
    m.put("--no-intercept", Boolean.toString(!intercept));
    m.put("--standardize", Boolean.toString(standardize));
    m.put("--max-halvings", Integer.toString(maxHalvings));
    m.put("--diverge-patience", Integer.toString(patience));
    return m;
  }
}
