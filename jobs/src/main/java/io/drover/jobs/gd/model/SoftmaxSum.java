package io.drover.jobs.gd.model;

import java.util.Arrays;

/**
 * The in-memory sum a task builds over its records for {@link Multinomial} training: count, loss
 * sum and the raw gradient sums per class, {@code G_cj = sum r_c x_j} and {@code G_c0 = sum r_c}
 * (the last entry of class c's block), where {@code r_c = p_c - [c = y]} at the margins of the
 * effective (original-scale) model. A record's label is its class code; the codes, in class
 * order, map it to its class. Features beyond the model's dimension are ignored.
 */
public final class SoftmaxSum extends PartialSum {
  private final Multinomial shape;
  private final double[] u;
  private final double[] sortedCodes;
  private final int[] classOf;
  private final double[] m;

  /**
   * @param codes the label code of class 0, 1, ... K-1
   * @param effective the flat model on the original scale
   */
  public SoftmaxSum(Multinomial shape, double[] codes, double[] effective) {
    super(shape.length());
    this.shape = shape;
    this.u = effective;
    Integer[] order = new Integer[codes.length];
    for (int c = 0; c < codes.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> Double.compare(codes[a], codes[b]));
    sortedCodes = new double[codes.length];
    classOf = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      sortedCodes[i] = codes[order[i]];
      classOf[i] = order[i];
    }
    this.m = new double[shape.classes()];
  }

  /** The class of a label code; an unknown code is an error (the parsing pass saw every one). */
  public int classOf(double code) {
    int i = Arrays.binarySearch(sortedCodes, code);
    if (i < 0) {
      throw new IllegalArgumentException("label " + code + " is none of the model's classes");
    }
    return classOf[i];
  }

  /** Adds one record with label code {@code y}. */
  @Override
  public void add(double y, int nnz, int[] idx, double[] val) {
    int cy = classOf(y);
    shape.margins(u, nnz, idx, val, m);
    double my = m[cy];
    double lse = Multinomial.softmax(m, m.length);
    lossSum += lse - my;
    int w = shape.dim() + 1;
    int dim = shape.dim();
    for (int c = 0; c < m.length; c++) {
      double r = c == cy ? m[c] - 1 : m[c];
      int base = c * w;
      for (int k = 0; k < nnz; k++) {
        int j = idx[k];
        if (j < dim) {
          grad[base + j] += r * val[k];
        }
      }
      grad[base + dim] += r;
    }
    count++;
  }

  @Override
  public void addLoss(double y, int nnz, int[] idx, double[] val) {
    int cy = classOf(y);
    shape.margins(u, nnz, idx, val, m);
    lossSum += Multinomial.logSumExp(m, m.length) - m[cy];
  }
}
