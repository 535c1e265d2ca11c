package io.drover.jobs.gd.model;

/**
 * The in-memory sum a task builds over its records: count, loss sum, and the raw gradient sums
 * {@code G_j = sum r x_j} and {@code G_0 = sum r} (last entry) where r is the loss derivative at
 * the margin {@code u.x + c} of the effective (original-scale) model u. Features beyond the model's
 * dimension are ignored.
 */
public final class GradientSum extends PartialSum {
  private final Loss loss;
  private final double[] u;
  private final int dim;

  public GradientSum(Loss loss, double[] effective) {
    super(effective.length);
    this.loss = loss;
    this.u = effective;
    this.dim = effective.length - 1;
  }

  /** Adds one record with label {@code y} (already mapped to -1/+1 for logistic loss). */
  @Override
  public void add(double y, int nnz, int[] idx, double[] val) {
    double m = margin(nnz, idx, val);
    double r = loss.derivative(m, y);
    lossSum += loss.loss(m, y);
    for (int k = 0; k < nnz; k++) {
      int j = idx[k];
      if (j < dim) {
        grad[j] += r * val[k];
      }
    }
    grad[dim] += r;
    count++;
  }

  @Override
  public void addLoss(double y, int nnz, int[] idx, double[] val) {
    lossSum += loss.loss(margin(nnz, idx, val), y);
  }

  private double margin(int nnz, int[] idx, double[] val) {
    double m = u[dim];
    for (int k = 0; k < nnz; k++) {
      int j = idx[k];
      if (j < dim) {
        m += u[j] * val[k];
      }
    }
    return m;
  }
}
