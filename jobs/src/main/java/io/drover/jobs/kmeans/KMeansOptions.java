package io.drover.jobs.kmeans;

import io.drover.common.cli.Flags;
import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.jobs.gd.TrainingInput;
import io.drover.jobs.gd.data.Encoding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/** What a user asked {@code kmeans} for, checked. */
public record KMeansOptions(
    List<Path> inputs,
    Path output,
    TrainingInput input,
    int k,
    long seed,
    boolean standardize,
    int maxIter,
    double tol,
    int keepCheckpoints,
    boolean restart,
    Overwrite overwrite) {

  public static final String USAGE =
      "--k K [options] <input>... <output>\n"
          + "  Clusters the input's points into K clusters by Lloyd's algorithm from seeded"
          + " k-means++\n"
          + "  centers, one MapReduce job per iteration, each iteration committed to\n"
          + "  <output>/iterations/iter-NNNNN/. Rerunning the same command on an unfinished"
          + " <output>\n"
          + "  resumes after its last committed iteration.\n"
          + "  Writes <output>/centers.json (the K centers on the input's scale, with their sizes)"
          + " and\n"
          + "  <output>/history.csv (the cost per iteration).\n"
          + "  --k K               the number of clusters (required, at least 1)\n"
          + TrainingInput.usage(false)
          + "  --seed S            the seed of the k-means++ initialization (default 42)\n"
          + "  --standardize       cluster the standardized features ((x - mean) / stddev;"
          + " centers\n"
          + "                      are reported on the input's scale)\n"
          + "  --max-iter N        at most N iterations (default 20)\n"
          + "  --tol T             stop when ||C_t - C_t-1|| < T max(||C_t||, 1), C all centers as"
          + " one\n"
          + "                      vector (default 0.0001; 0 off)\n"
          + "  --keep-checkpoints K  keep only the newest K checkpoints (default 0: all)\n"
          + "  --restart           start over when <output> holds an unfinished run with other\n"
          + "                      parameters\n"
          + "  --overwrite         replace <output> if it is a previous job output (the old one\n"
          + "                      is put back if the run fails); --overwrite=force: any"
          + " directory\n"
          + "  Generic Hadoop options (-D k=v, -conf, -files, -libjars) go before these;\n"
          + "  -D drover.kmeans.reduce=false makes each iteration map-only (the driver adds the\n"
          + "  partials; default true: combiner and reducers, -D mapreduce.job.reduces=R, same"
          + " bits).";

  static Options flags() {
    Options o = new Options();
    for (String f :
        new String[] {
          "k", "seed", "max-iter", "tol", "keep-checkpoints"
        }) {
      o.addOption(Option.builder().longOpt(f).hasArg().build());
    }
    for (String f : new String[] {"standardize", "restart", "overwrite"}) {
      o.addOption(Option.builder().longOpt(f).build());
    }
    TrainingInput.addFlags(o);
    return o;
  }

  public static KMeansOptions parse(String... args) throws UsageException {
    Flags f = Flags.parse(flags(), args);
    List<String> pos = f.inputsThenOutput();
    List<Path> inputs = pos.subList(0, pos.size() - 1).stream().map(Path::new).toList();
    // csv: the numeric columns; text ones left out, or refused when --features names them
    TrainingInput in = TrainingInput.parse(f, inputs, false).withCategories(Encoding.LEAVE_OUT, 0);
    if (!f.has("k")) {
      throw new UsageException("missing --k K, the number of clusters");
    }
    int k = f.intAtLeast("k", 2, 1);
    long seed;
    try {
      seed = Long.parseLong(f.get("seed", "42").trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --seed: '" + f.get("seed", "") + "' is not a whole number");
    }
    return new KMeansOptions(
        inputs,
        new Path(pos.get(pos.size() - 1)),
        in,
        k,
        seed,
        f.has("standardize"),
        f.intAtLeast("max-iter", 20, 1),
        f.doubleAtLeast("tol", 1e-4, 0),
        f.intAtLeast("keep-checkpoints", 0, 0),
        f.has("restart"),
        f.overwrite());
  }

  /**
   * The parameters that change the results, by flag name: a resumed run must match them all.
   * Stopping rules (--max-iter, --tol) and --keep-checkpoints may change on resume.
   */
  public Map<String, String> resultParameters(String inputDigest) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("program", "kmeans");
    m.put("input", inputDigest);
    m.put("--k", Integer.toString(k));
    m.put("--seed", Long.toString(seed));
    m.put("--standardize", Boolean.toString(standardize));
    return m;
  }
}
