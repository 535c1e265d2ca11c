package io.drover.common.iterate;

import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * What one step (one MapReduce job) returns: the next state, the loss of the state it started from
 * (the pass that computes an update sees the current state's loss, as in Spark), the number of
 * records it read, and extra columns for the history (named, in order).
 */
public record StepOutcome(
    double[] next, double loss, long records, Map<String, Double> extra, Path dataset, double change) {
  /** A state that is only the small vector {@code next}; the runtime measures the change. */
  public StepOutcome(double[] next, double loss, long records, Map<String, Double> extra) {
    this(next, loss, records, extra, null, Double.NaN);
  }

  /**
   * A state that is a dataset the step committed at {@code dataset} (on the job's file system, for
   * example a rank per vertex) plus a small vector {@code next} (may be empty). The runtime moves
   * the dataset into the checkpoint; {@code change} is the step's own measure of how far the state
   * moved (for example the L1 change of the ranks), used for convergence.
   */
  public static StepOutcome ofDataset(
      double[] next, Path dataset, double change, double loss, long records, Map<String, Double> extra) {
    if (dataset == null || Double.isNaN(change)) {
      throw new IllegalArgumentException("a dataset state needs its path and its change");
    }
    return new StepOutcome(next, loss, records, extra, dataset, change);
  }
}
