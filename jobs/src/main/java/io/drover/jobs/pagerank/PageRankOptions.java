package io.drover.jobs.pagerank;

import io.drover.common.cli.Flags;
import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/** What a user asked {@code pagerank} for, checked. */
public record PageRankOptions(
    List<Path> inputs,
    Path output,
    double damping,
    double tol,
    int maxIter,
    int keepCheckpoints,
    boolean restart,
    Overwrite overwrite) {

  /**
   * Stop when the L1 change of the ranks is below this: the ranks are then within d/(1-d) times it
   * (5.7e-10 at damping 0.85) in L1 of the fixed point, since each power iteration shrinks the L1
   * distance to it by the factor d.
   */
  public static final double DEFAULT_TOL = 1e-10;

  /**
   * The L1 change of iteration t is at most 2 d^(t-1) on any graph, so at damping 0.85 it is below
   * the default tol by iteration 147 (and at any damping up to 0.887 by 200).
   */
  public static final int DEFAULT_MAX_ITER = 200;

  public static final String USAGE =
      "[options] <input>... <output>\n"
          + "  PageRank of the graph in the input's src<TAB>dst lines (every name seen is a"
          + " vertex;\n"
          + "  duplicate edges and self-loops count; a blank line or a line without exactly one"
          + " TAB\n"
          + "  is refused), one MapReduce job per power iteration, the ranks a dataset committed"
          + " to\n"
          + "  <output>/iterations/iter-NNNNN/data/. Rerunning the same command on an unfinished\n"
          + "  <output> resumes after its last committed iteration.\n"
          + "  Writes <output>/ranks/part-r-NNNNN (vertex<TAB>rank, ranks summing to 1) and\n"
          + "  <output>/summary.json.\n"
          + "  --damping D         the damping factor (default 0.85); the rank of vertices"
          + " without\n"
          + "                      out-edges is spread over all vertices\n"
          + "  --tol T             stop when the L1 change of the rank vector is below T (default"
          + " 1e-10:\n"
          + "                      the ranks are then within d/(1-d) T in L1 of the fixed point;"
          + " 0 off)\n"
          + "  --max-iter N        at most N iterations (default 200: at damping 0.85 any graph's"
          + " L1\n"
          + "                      change is below 1e-10 by iteration 147)\n"
          + "  --keep-checkpoints K  keep only the newest K checkpoints (default 0: all)\n"
          + "  --restart           start over when <output> holds an unfinished run with other\n"
          + "                      parameters\n"
          + "  --overwrite         replace <output> if it is a previous job output (the old one\n"
          + "                      is put back if the run fails); --overwrite=force: any"
          + " directory\n"
          + "  Generic Hadoop options (-D k=v, -conf, -files, -libjars) go before these;\n"
          + "  -D mapreduce.job.reduces=R spreads the vertices over R reducers and part files.";

  static Options flags() {
    Options o = new Options();
    for (String f : new String[] {"damping", "tol", "max-iter", "keep-checkpoints"}) {
      o.addOption(Option.builder().longOpt(f).hasArg().build());
    }
    for (String f : new String[] {"restart", "overwrite"}) {
      o.addOption(Option.builder().longOpt(f).build());
    }
    return o;
  }

  public static PageRankOptions parse(String... args) throws UsageException {
    Flags f = Flags.parse(flags(), args);
    List<String> pos = f.inputsThenOutput();
    double damping = f.doubleAtLeast("damping", 0.85, 0);
    if (damping > 1) {
      throw new UsageException("option --damping: " + f.get("damping", "") + " is above 1");
    }
    return new PageRankOptions(
        pos.subList(0, pos.size() - 1).stream().map(Path::new).toList(),
        new Path(pos.get(pos.size() - 1)),
        damping,
        f.doubleAtLeast("tol", DEFAULT_TOL, 0),
        f.intAtLeast("max-iter", DEFAULT_MAX_ITER, 1),
        f.intAtLeast("keep-checkpoints", 0, 0),
        f.has("restart"),
        f.overwrite());
  }

  /**
   * The parameters that change the results, by flag name: a resumed run must match them all.
   * Stopping rules (--max-iter, --tol) and --keep-checkpoints may change on resume; so may the
   * number of reducers (every sum is exact, so the ranks do not depend on it).
   */
  public Map<String, String> resultParameters(Map<String, String> inputFiles) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("program", "pagerank");
    m.put("--damping", Double.toString(damping));
    m.putAll(inputFiles);
    return m;
  }
}
