package io.drover.common.iterate;

import io.drover.common.run.JobFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An iterative algorithm as {@link IterativeDriver} runs it: its parts are hooks, everything else
 * (overwrite, run fingerprint, {@code --restart}, checkpoints, resume after a kill, pruning, the
 * per-iteration client line, {@code history.csv}, the finished mark) is the driver's.
 *
 * <p>The order: {@link #prepare} once per driver run (a resumed run may find its work done),
 * {@link #initialState} on a fresh run only, then per iteration {@link #runStep} (one or more
 * MapReduce jobs) and {@link #readStep} (their result into the next state), with {@link
 * #convergence} (the algorithm's own rule) and the optional {@link #divergenceGuard} deciding from committed data; {@link
 * #finish} writes the outputs. Every hook must be deterministic: a resumed run ends with the same
 * bits as an uninterrupted one.
 *
 * @param <J> what {@link #runStep} hands to {@link #readStep} (for example the jobs' output dir)
 */
public interface IterativeAlgorithm<J> {
  /**
   * What the hooks see of the run: {@code attempt} is this driver run's own dir for job outputs,
   * {@code temp} a dir outside the output for {@link #prepare} to stage data in (deleted after).
   */
  record Run(
      Configuration conf,
      FileSystem fs,
      List<Path> inputs,
      Path output,
      Path attempt,
      Path temp,
      CheckpointStore checkpoints,
      boolean resumed,
      PrintStream err) {}

  /**
   * One iteration's input: the state it starts from (iteration - 1's, committed), where that is
   * committed ({@code stateFile}; {@code dataDir} when the state is a dataset), and a dir of this
   * driver run's own for the step's job outputs.
   */
  record Step(
      int iteration, double scale, double[] state, Path stateFile, Path dataDir, Path jobDir) {}

  /** The state a fresh run starts from: a vector (may be empty) and, if not null, a dataset. */
  record Initial(double[] vector, Path dataset) {
    public static Initial of(double[] vector) {
      return new Initial(vector, null);
    }
  }

  /** The program's name, for the client line and messages. */
  String name();

  /** The parameters that decide the result: a resume needs the same ones (the run fingerprint). */
  Map<String, String> resultParameters();

  /** Entries of the output (besides the driver's own) an earlier unfinished run may have left. */
  default List<String> outputs() {
    return List.of();
  }

  /** Prepares the data once (parse, cache); on a resume it may reuse what is already there. */
  default void prepare(Run run) throws IOException, JobFailedException {}

  /** The initial state; a dataset it returns is moved into checkpoint 0. */
  Initial initialState(Run run) throws IOException, JobFailedException;

  /** Runs iteration {@code step.iteration()}'s MapReduce job(s). */
  J runStep(Run run, Step step) throws IOException, JobFailedException;

  /** Reads what {@link #runStep} wrote into the next state and its metrics. */
  StepOutcome readStep(Run run, Step step, J result) throws IOException, JobFailedException;

  /**
   * Decides convergence: whether the loop stops after a committed iteration, from its metrics (the
   * step's change, loss and extra columns, with the earlier iterations') and the committed state.
   * {@link Convergence} is Spark's rule on the state as one vector and on the loss.
   */
  ConvergenceRule convergence();

  /** Divergence handling (loss, rollback, step halving); null: none, every step is accepted. */
  default DivergenceGuard divergenceGuard() {
    return null;
  }

  /** How many halvings of the step the guard may make before the run fails. */
  default int maxHalvings() {
    return 0;
  }

  /** Whether the steps report a loss (PageRank's do not: its line then shows none). */
  default boolean hasLoss() {
    return true;
  }

  /** Extra metric columns the steps report, in the order the history keeps them. */
  default List<String> extraColumns() {
    return List.of();
  }

  /**
   * The columns of {@code history.csv}, which the driver writes for every algorithm: by default
   * what the per-iteration client line shows ({@link HistoryColumn#defaults}); an algorithm may
   * name, order and pick its columns from the runtime's measures and its extra columns.
   */
  default List<HistoryColumn> historyColumns() {
    return HistoryColumn.defaults(hasLoss(), extraColumns());
  }

  /** The algorithm's part of the per-iteration client line (after loss and change). */
  default String describe(IterationMetrics m) {
    return "";
  }

  /** The end of the rollback line, after the scale was halved to {@code newScale}. */
  default String describeRollback(double newScale) {
    return String.format(java.util.Locale.ROOT, "step scale %.6g", newScale);
  }

  /** The end of the last client line: where the outputs are. */
  default String describeOutput(Path output) {
    return "output in " + output;
  }

  /** Writes the outputs of the finished loop into {@code run.output()}. */
  void finish(Run run, IterativeJob.Result result) throws IOException, JobFailedException;
}
