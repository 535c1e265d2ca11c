package io.drover.common.iterate;

import java.util.List;

/**
 * The default {@link ConvergenceRule} (gradient descent's). Spark's rule for the state: converged
 * when {@code ||w_t - w_{t-1}|| < tol * max(||w_t||, 1)} (tol 0 never stops). For the loss: when
 * {@code |loss_t - loss_{t-1}| < lossTol * max(|loss_t|, 1)} (lossTol 0 never stops). After
 * divergence halvings both are judged at the base step, and a run that ends at its last iteration
 * with the state standing still only because of the halvings is a {@link
 * IterativeJob.Stop#STEP_UNDERFLOW}, not convergence.
 */
public record Convergence(double tol, double lossTol) implements ConvergenceRule {
  public Convergence {
    if (!(tol >= 0) || !(lossTol >= 0)) {
      throw new IllegalArgumentException(
          "tolerances must be >= 0: tol=" + tol + " lossTol=" + lossTol);
    }
  }

  /** Euclidean norm of {@code a - b}. */
  public static double distance(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  public static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * @param change {@code ||w_t - w_{t-1}||}
   */
  public boolean stateConverged(double change, double[] current) {
    return tol > 0 && change < tol * Math.max(norm(current), 1.0);
  }

  /**
   * The state stands still only because the step was scaled down: {@code change} (made at {@code
   * scale} times the base step, after divergence halvings) is below the tolerance, the change at
   * the base step, {@code change / scale}, is not. That is no convergence: the step was driven
   * towards nothing.
   */
  public boolean stepUnderflow(double change, double scale, double[] current) {
    return scale < 1 && stateConverged(change, current) && !stateConverged(change / scale, current);
  }

  public boolean lossConverged(double previousLoss, double loss) {
    return lossConverged(previousLoss, loss, 1);
  }

  /**
   * The loss test for a step made at {@code scale} times the base step (after divergence halvings):
   * judged at the base step, {@code |loss_t - loss_t-1| / scale}, as the state test is, so that a
   * loss standing still only because the step was halved is not taken for convergence.
   */
  public boolean lossConverged(double previousLoss, double loss, double scale) {
    return lossTol > 0
        && Math.abs(loss - previousLoss) / scale < lossTol * Math.max(Math.abs(loss), 1.0);
  }

  @Override
  public IterativeJob.Stop stopAfter(List<IterationMetrics> history, double[] state) {
    IterationMetrics last = history.get(history.size() - 1);
    // after divergence halvings the state test is judged at the base step, so that a step driven
    // towards nothing is not taken for convergence
    if (stateConverged(last.change() / last.stepScale(), state)) {
      return IterativeJob.Stop.CONVERGED;
    }
    if (history.size() >= 2
        && lossConverged(history.get(history.size() - 2).loss(), last.loss(), last.stepScale())) {
      return IterativeJob.Stop.LOSS_CONVERGED;
    }
    return null;
  }

  @Override
  public IterativeJob.Stop atMaxIter(List<IterationMetrics> history, double[] state) {
    IterationMetrics last = history.get(history.size() - 1);
    return stepUnderflow(last.change(), last.stepScale(), state)
        ? IterativeJob.Stop.STEP_UNDERFLOW
        : IterativeJob.Stop.MAX_ITER;
  }
}
