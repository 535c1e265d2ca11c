package io.drover.jobs.kmeans.model;

import io.drover.common.iterate.ConvergenceRule;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeJob;
import java.util.List;

/**
 * k-means' convergence, Spark MLlib's rule: converged when every center moved by at most {@code
 * tol} in the last iteration (its {@code isCenterConverged}: the squared distance between the old
 * and the new center at most {@code epsilon^2}); a center no point chose keeps its place, so it
 * moved 0. Judged on the iteration's {@link #MAX_MOVE} metric, {@link Centers#maxMove}, the largest
 * move of one center. {@code tol} 0 never stops (Drover's "0 off", where Spark's epsilon 0 stops
 * once no center moves at all).
 */
public record CenterMoves(double tol) implements ConvergenceRule {
  /** The extra metric every kmeans iteration reports: the largest distance one center moved. */
  public static final String MAX_MOVE = "max_move";

  public CenterMoves {
    if (!(tol >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0: " + tol);
    }
  }

  /** Whether centers whose largest single move was {@code maxMove} have converged. */
  public boolean converged(double maxMove) {
    return tol > 0 && maxMove <= tol;
  }

  @Override
  public IterativeJob.Stop stopAfter(List<IterationMetrics> history, double[] state) {
    Double move = history.get(history.size() - 1).extra().get(MAX_MOVE);
    if (move == null) {
      throw new IllegalStateException("iteration " + history.size() + " has no " + MAX_MOVE);
    }
    return converged(move) ? IterativeJob.Stop.CONVERGED : null;
  }
}
