package io.drover.common.iterate;

import java.util.List;

/**
 * The algorithm's decision whether its loop has converged, taken after each committed iteration
 * from committed data only: the metrics of iterations 1..t (the step's own measures, such as the
 * change of the state, the loss or a per-center move, with the previous iterations') and the
 * committed state t. A resumed run asks again from the same data, so it stops where an
 * uninterrupted run stops. {@link Convergence} is the default rule (Spark's, on the state as one
 * vector and on the loss); an algorithm with another meaning of its tolerance gives its own.
 */
@FunctionalInterface
public interface ConvergenceRule {
  /**
   * Whether the loop stops after iteration {@code history.size()}: {@link IterativeJob.Stop#CONVERGED}
   * or {@link IterativeJob.Stop#LOSS_CONVERGED}, or null to run the next iteration.
   *
   * @param history the committed metrics of iterations 1..t, t at least 1
   * @param state the committed state t (for a dataset state, its vector part)
   */
  IterativeJob.Stop stopAfter(List<IterationMetrics> history, double[] state);

  /**
   * Why a loop that ran every allowed iteration without converging stopped: {@link
   * IterativeJob.Stop#MAX_ITER}, or {@link IterativeJob.Stop#STEP_UNDERFLOW} when the rule can
   * tell that the state stood still only because the step was driven to nothing.
   */
  default IterativeJob.Stop atMaxIter(List<IterationMetrics> history, double[] state) {
    return IterativeJob.Stop.MAX_ITER;
  }

  /**
   * Converged when the last iteration's change of the state is below {@code tol} (absolute; 0
   * never stops): for a dataset state whose step measures its own change, such as the L1 change
   * of PageRank's rank vector.
   */
  static ConvergenceRule changeBelow(double tol) {
    if (!(tol >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0: " + tol);
    }
    return (history, state) ->
        tol > 0 && history.get(history.size() - 1).change() < tol
            ? IterativeJob.Stop.CONVERGED
            : null;
  }
}
