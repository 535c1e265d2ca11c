package io.drover.common.iterate;

import io.drover.common.run.JobFailedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.hadoop.fs.Path;

/**
 * The iteration runtime: a bounded loop of {@link IterativeStep}s, each committed as a checkpoint
 * before the next starts, that stops at {@code maxIter}, when the algorithm's {@link
 * ConvergenceRule} says it converged, or on divergence
 * that halving the step scale could not cure. Knows nothing of what the state means.
 *
 * <p>Iteration {@code t} starts from state {@code t-1} (state 0 is the initial one, committed as
 * {@code iter-00000}) and commits state {@code t} with its metrics. A run resumes from the newest
 * committed checkpoint; since steps are deterministic and every decision is taken from committed
 * data, a resumed run ends with the same bits as an uninterrupted one.
 *
 * <p>Divergence ({@link DivergenceGuard}): the checkpoints after the last good state are dropped,
 * the step scale is halved, and the next committed iteration's note says so. After {@code
 * maxHalvings} halvings the run stops with {@link DivergedException}. Divergence handling is the
 * algorithm's choice: with no guard ({@code null}) every step is accepted and the scale stays 1.
 *
 * <p>The state is a small vector kept in memory and committed as {@code state.bin}, or a dataset
 * on the job's file system ({@link StepOutcome#ofDataset}) moved into the checkpoint as {@code
 * data/} beside a (possibly empty) vector; a step reads it from {@link CheckpointStore#dataDir}.
 */
public final class IterativeJob {
  /** How the loop is bounded and judged. */
  public record Settings(
      int maxIter,
      ConvergenceRule convergence,
      DivergenceGuard guard,
      int maxHalvings,
      int keepCheckpoints,
      List<String> extraColumns) {
    public Settings {
      extraColumns = List.copyOf(extraColumns);
    }
  }

  /** Told of each committed iteration and each rollback (progress lines); may be null. */
  public interface Listener {
    void committed(IterationMetrics m, int maxIter);

    void rolledBack(int toIteration, String reason, double newScale);
  }

  /** Why the loop ended. */
  public enum Stop {
    MAX_ITER,
    CONVERGED,
    LOSS_CONVERGED,
    /**
     * The last iterations ran out while the state moved less than the tolerance only because
     * divergence halvings shrank the step: at the base step it would not have (see {@link
     * Convergence#stepUnderflow}). Not convergence: after halvings the state test is judged at
     * the base step ({@code change / scale}).
     */
    STEP_UNDERFLOW;

    /** Whether the run stopped because it converged (by the state or the loss). */
    public boolean converged() {
      return this == CONVERGED || this == LOSS_CONVERGED;
    }
  }

  /** The outcome: final state, history of iterations 1..n, why it stopped. */
  public record Result(double[] state, List<IterationMetrics> history, Stop stop, boolean resumed) {
    public int iterations() {
      return history.size();
    }
  }

  /** Divergence the bounded halvings did not cure (tools exit 1). */
  public static final class DivergedException extends JobFailedException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
      super(message);
    }
  }

  private final CheckpointStore store;
  private final IterativeStep step;
  private final Settings s;
  private final Listener listener;

  public IterativeJob(CheckpointStore store, IterativeStep step, Settings s, Listener listener) {
    this.store = store;
    this.step = step;
    this.s = s;
    this.listener =
        listener != null
            ? listener
            : new Listener() {
              @Override
              public void committed(IterationMetrics m, int maxIter) {}

              @Override
              public void rolledBack(int toIteration, String reason, double newScale) {}
            };
  }

  /** Runs to the end, from the newest committed checkpoint or from {@code initial}. */
  public Result run(double[] initial) throws IOException, JobFailedException {
    return run(initial, null);
  }

  /**
   * Runs to the end, from the newest committed checkpoint or from {@code initial} and (when not
   * null) the dataset {@code initialData}, which is moved into checkpoint 0.
   */
  public Result run(double[] initial, Path initialData) throws IOException, JobFailedException {
    OptionalInt latest = store.latest();
    boolean resumed = latest.isPresent();
    Checkpoint cp;
    if (resumed) {
      cp = store.read(latest.getAsInt());
    } else {
      store.commit(0, initial, initialData, List.of(), s.extraColumns());
      cp = new Checkpoint(0, initial.clone(), List.of());
    }
    int t = cp.iteration();
    double[] state = cp.state();
    List<IterationMetrics> history = new ArrayList<>(cp.history());
    if (history.size() != t) {
      throw new IOException(
          "checkpoint "
              + store.dir(t)
              + " holds "
              + history.size()
              + " history lines, expected "
              + t);
    }
    double scale = history.isEmpty() ? 1.0 : history.get(t - 1).stepScale();
    int halvings = history.isEmpty() ? 0 : history.get(t - 1).halvings();
    if (t > 0) {
      Stop done = stopAfter(history, state);
      if (done != null) {
        return new Result(state, history, done, resumed);
      }
    }
    String note = "";
    // with every checkpoint kept (0), pruning only removes uncommitted dirs older than the newest
    // committed one, which only a crashed run leaves: the first commit's pruning finds them all.
    // Listing the growing dir after every commit cost O(t) file system calls per iteration.
    boolean pruned = false;
    while (t < s.maxIter()) {
      long t0 = System.nanoTime();
      StepOutcome out = step.step(t + 1, scale, state, store.stateFile(t));
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      List<Double> losses = new ArrayList<>();
      for (IterationMetrics m : history) {
        losses.add(m.loss());
      }
      DivergenceGuard.Verdict v =
          s.guard() == null ? DivergenceGuard.Verdict.OK : s.guard().check(losses, out.loss());
      if (v.diverged()) {
        if (v.goodState() < 0) {
          throw new DivergedException("the initial state already diverges: " + v.reason());
        }
        if (halvings >= s.maxHalvings()) {
          throw new DivergedException(
              "diverged at iteration "
                  + (t + 1)
                  + " ("
                  + v.reason()
                  + ") after "
                  + halvings
                  + " halvings of the step (scale now "
                  + scale
                  + ")");
        }
        OptionalInt good = store.plan().latestCommittedAtOrBefore(v.goodState());
        if (good.isEmpty()) {
          throw new DivergedException(
              "diverged ("
                  + v.reason()
                  + ") and the checkpoint of state "
                  + v.goodState()
                  + " was pruned: raise --keep-checkpoints");
        }
        int g = good.getAsInt();
        store.dropAfter(g);
        Checkpoint back = store.read(g);
        state = back.state();
        history = new ArrayList<>(back.history());
        t = g;
        scale /= 2;
        halvings++;
        note =
            "rolled back to iteration " + g + ": " + v.reason() + "; step scale halved to " + scale;
        listener.rolledBack(g, v.reason(), scale);
        continue;
      }
      double change =
          out.dataset() != null ? out.change() : Convergence.distance(out.next(), state);
      IterationMetrics m =
          new IterationMetrics(
              t + 1, out.loss(), change, out.records(), wallMs, scale, halvings, note, out.extra());
      history.add(m);
      store.commit(t + 1, out.next(), out.dataset(), history, s.extraColumns());
      if (s.keepCheckpoints() > 0 || !pruned) {
        store.prune(s.keepCheckpoints());
        pruned = true;
      }
      listener.committed(m, s.maxIter());
      state = out.next();
      t++;
      note = "";
      Stop done = stopAfter(history, state);
      if (done != null) {
        return new Result(state, history, done, resumed);
      }
    }
    return new Result(state, history, Stop.MAX_ITER, resumed);
  }

  /** Whether the committed history says the loop is done (decided from committed data only). */
  private Stop stopAfter(List<IterationMetrics> history, double[] state) {
    ConvergenceRule rule = s.convergence();
    Stop stop = rule.stopAfter(history, state);
    if (stop != null && !stop.converged()) {
      throw new IllegalStateException("a convergence rule stopped with " + stop);
    }
    if (stop != null || history.size() < s.maxIter()) {
      return stop;
    }
    stop = rule.atMaxIter(history, state);
    if (stop != Stop.MAX_ITER && stop != Stop.STEP_UNDERFLOW) {
      throw new IllegalStateException("a convergence rule ended its last iteration with " + stop);
    }
    return stop;
  }
}
