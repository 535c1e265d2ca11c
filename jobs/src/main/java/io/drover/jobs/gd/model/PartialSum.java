package io.drover.jobs.gd.model;

/**
 * What a task's in-memory gradient sum holds, whatever the model: the count of records whose
 * gradient was added, the loss sum and the raw gradient sums (a flat vector). {@link GradientSum}
 * and {@link SoftmaxSum} add records to it; the task ships it as one partial.
 */
public abstract class PartialSum {
  /** The raw gradient sums, added to in place by the subclass. */
  protected final double[] grad;

  /** The records whose gradient was added. */
  protected long count;

  /** The loss of every record added, gradient and loss alike. */
  protected double lossSum;

  protected PartialSum(int length) {
    this.grad = new double[length];
  }

  /** Adds one record's gradient and loss. */
  public abstract void add(double y, int nnz, int[] idx, double[] val);

  /**
   * Adds one record's loss only, not its gradient, nor to the count: mini-batch measures the loss
   * of the whole data at the state (comparable from one iteration to the next, as a sample's is
   * not) while the gradient is the sample's.
   */
  public abstract void addLoss(double y, int nnz, int[] idx, double[] val);

  /** The records whose gradient was added. */
  public final long count() {
    return count;
  }

  /** The loss of every record added, by {@link #add} or {@link #addLoss}. */
  public final double lossSum() {
    return lossSum;
  }

  /** The gradient sums (the live array, not a copy). */
  public final double[] gradient() {
    return grad;
  }
}
