package io.drover.jobs.pagerank;

import io.drover.common.run.OutputFiles;
import io.drover.common.cli.UsageException;
import io.drover.common.iterate.ConvergenceRule;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeAlgorithm;
import io.drover.common.iterate.IterativeJob;
import io.drover.common.iterate.StepOutcome;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.jobs.pagerank.model.RankMath;
import io.drover.jobs.pagerank.model.StepStats;
import io.drover.jobs.pagerank.mr.PageRankJobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.LineReader;

/**
 * PageRank as an {@link IterativeAlgorithm} whose state is a dataset: the rank of every vertex with
 * its out-edges, one line each ({@link io.drover.jobs.pagerank.model.StateLine}), built from the
 * edge list by one job in {@link #prepare} and rewritten by one job per iteration ({@link
 * PageRankJobs#rankJob}). The in-memory part of the state is one number, the dangling mass of the
 * ranks, which the next step spreads over all vertices. Every sum (shares per vertex, the L1
 * change, the dangling mass) is exact, so the bits do not depend on task order or the number of
 * reducers, and a resumed run ends byte for byte where an uninterrupted one ends.
 */
final class PageRankAlgorithm implements IterativeAlgorithm<Path> {
  static final String RANKS = "ranks";
  static final String SUMMARY = "summary.json";

  /** Where {@link #finish} writes the part files before renaming them to {@link #RANKS}. */
  static final String STAGING = "_ranks.tmp";

  static final List<String> EXTRA = List.of("dangling_mass", "rank_sum");

  private final PageRankOptions o;
  private final List<Path> files;
  private final Map<String, String> inputFiles = new LinkedHashMap<>();

  // set by prepare
  private StepStats graph;
  private Path initial;

  PageRankAlgorithm(PageRankOptions o, Configuration conf, List<Path> files) throws IOException {
    this.o = o;
    this.files = files;
    for (Path f : files) {
      FileStatus st = f.getFileSystem(conf).getFileStatus(f);
      inputFiles.put("file " + f, st.getLen() + " bytes, modified " + st.getModificationTime());
    }
  }

  /** Bad input found inside a hook: carried out of it, rethrown by the tool as a usage error. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(new UsageException(message));
    }

    UsageException usage() {
      return (UsageException) getCause();
    }
  }

  @Override
  public String name() {
    return "pagerank";
  }

  @Override
  public Map<String, String> resultParameters() {
    return o.resultParameters(inputFiles);
  }

  @Override
  public List<String> outputs() {
    return List.of(RANKS, STAGING, SUMMARY);
  }

  @Override
  public void prepare(Run run) throws IOException, JobFailedException {
    OptionalInt latest = run.checkpoints().latest();
    if (run.resumed() && latest.isPresent()) {
      // every committed dataset counts its vertices, edges and dangling vertices
      graph = PageRankJobs.stats(run.fs(), run.checkpoints().dataDir(latest.getAsInt()));
      return;
    }
    Path built = new Path(run.temp(), "graph");
    run.err().println("pagerank: reading the edges of " + files.size() + " input file(s)");
    org.apache.hadoop.mapreduce.Counters counters =
        Jobs.runToSuccess(PageRankJobs.buildJob(run.conf(), files, built), run.err());
    boolean clean =
        counters != null && counters.findCounter(PageRankJobs.Counters.BAD_LINES).getValue() == 0;
    List<PageRankJobs.BadLine> bad = clean ? List.of() : PageRankJobs.badLines(run.fs(), built);
    if (!bad.isEmpty()) {
      PageRankJobs.BadLine first = bad.get(0);
      throw new BadInput(
          shown(first.file())
              + " line "
              + first.line()
              + ": "
              + first.reason()
              + "; nothing was written");
    }
    graph = PageRankJobs.stats(run.fs(), built);
    if (graph.vertices() == 0) {
      throw new BadInput("no edges in " + files + "; nothing was written");
    }
    initial = new Path(run.attempt(), "initial");
    run.fs().mkdirs(run.attempt());
    if (!run.fs().rename(built, initial)) {
      throw new IOException("could not rename " + built + " to " + initial);
    }
  }

  /** A local file as its path, others as their URI. */
  static String shown(String file) {
    Path p = new Path(file);
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : file;
  }

  @Override
  public Initial initialState(Run run) {
    return new Initial(
        new double[] {RankMath.initialDanglingMass(graph.vertices(), graph.dangling())}, initial);
  }

  @Override
  public Path runStep(Run run, Step step) throws IOException, JobFailedException {
    Job job =
        PageRankJobs.rankJob(
            run.conf(),
            step.dataDir(),
            step.jobDir(),
            graph.vertices(),
            o.damping(),
            step.state()[0],
            "iteration " + step.iteration());
    // one line per iteration is the runtime's: no per-job progress lines unless the user asks
    Jobs.setDefault(job.getConfiguration(), Jobs.PROGRESS, "off");
    Jobs.runToSuccess(job, run.err());
    return step.jobDir();
  }

  @Override
  public StepOutcome readStep(Run run, Step step, Path jobOut)
      throws IOException, JobFailedException {
    StepStats s = PageRankJobs.stats(run.fs(), jobOut);
    if (s.vertices() != graph.vertices() || s.edges() != graph.edges()) {
      throw new JobFailedException(
          "the job in "
              + jobOut
              + " ranked "
              + s.vertices()
              + " vertices with "
              + s.edges()
              + " edges, expected "
              + graph.vertices()
              + " with "
              + graph.edges());
    }
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("dangling_mass", s.danglingMass().doubleValue());
    extra.put("rank_sum", s.rankSum().doubleValue());
    return StepOutcome.ofDataset(
        new double[] {s.danglingMass().doubleValue()},
        jobOut,
        s.change().doubleValue(),
        Double.NaN,
        s.vertices(),
        extra);
  }

  @Override
  public boolean hasLoss() {
    return false; // the iteration line shows the L1 change alone
  }

  /** Converged when the L1 change of the rank vector is below --tol. */
  @Override
  public ConvergenceRule convergence() {
    return ConvergenceRule.changeBelow(o.tol());
  }

  @Override
  public List<String> extraColumns() {
    return EXTRA;
  }

  @Override
  public String describe(IterationMetrics m) {
    return String.format(Locale.ROOT, "dangling mass %.6g", m.extra().get("dangling_mass"));
  }

  @Override
  public String describeOutput(Path output) {
    return "ranks written to " + new Path(output, RANKS);
  }

  @Override
  public void finish(Run run, IterativeJob.Result r) throws IOException {
    FileSystem fs = run.fs();
    Path last = run.checkpoints().dataDir(r.iterations());
    Path staging = new Path(run.output(), STAGING);
    Path ranks = new Path(run.output(), RANKS);
    for (Path p : List.of(staging, ranks)) {
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    }
    fs.mkdirs(staging);
    Text line = new Text();
    for (Path part : PageRankJobs.parts(fs, last)) {
      try (InputStream in = fs.open(part);
          OutputStream out = fs.create(new Path(staging, part.getName()), false)) {
        LineReader reader = new LineReader(in);
        while (reader.readLine(line) > 0) {
          byte[] b = line.getBytes();
          int tabs = 0;
          int end = line.getLength();
          for (int i = 0; i < line.getLength(); i++) {
            if (b[i] == '\t' && ++tabs == 2) {
              end = i;
              break;
            }
          }
          out.write(b, 0, end);
          out.write('\n');
        }
      }
    }
    fs.create(new Path(staging, "_SUCCESS"), false).close();
    if (!fs.rename(staging, ranks)) {
      throw new IOException("could not rename " + staging + " to " + ranks);
    }
    StepStats s = PageRankJobs.stats(fs, last);
    IterationMetrics m = r.history().get(r.history().size() - 1);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("vertices", graph.vertices());
    summary.put("edges", graph.edges());
    summary.put("dangling", graph.dangling());
    summary.put("damping", o.damping());
    summary.put("tol", o.tol());
    summary.put("iterations", r.iterations());
    summary.put("converged", r.stop() == IterativeJob.Stop.CONVERGED);
    summary.put("change", m.change());
    summary.put("rank_sum", s.rankSum().doubleValue());
    summary.put("dangling_mass", s.danglingMass().doubleValue());
    OutputFiles.writeJson(fs, new Path(run.output(), SUMMARY), summary);
  }
}
