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
          + "  --tol T             stop when the L1 change of the ranks is below N * T, N the"
          + " number\n"
          + "                      of vertices, as networkx (default 1e-06; 0 off)\n"
          + "  --max-iter N        at most N iterations (default 100)\n"
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
        f.doubleAtLeast("tol", 1e-6, 0),
        f.intAtLeast("max-iter", 100, 1),
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
