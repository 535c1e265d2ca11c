package io.drover.jobs.gd.model;

/**
 * Multinomial (softmax) logistic regression over K classes, as Spark's {@code LogisticRegression}
 * with family "multinomial": K weight vectors with intercepts, none a pivot. The state is one flat
 * vector of K blocks of {@code dim + 1} entries, block c = class c's weights then its intercept,
 * each block exactly the layout of the binary model, so {@link Standardization} and {@link Update}
 * apply block by block. The loss of a record with class y and margins {@code m_c = w_c.x + b_c} is
 * {@code log sum_c exp(m_c) - m_y} (computed by a stable log-sum-exp); its derivative in {@code
 * m_c} is {@code p_c - [c = y]} with {@code p = softmax(m)}. Starting from zero, the blocks keep
 * summing to zero under every update but the L1 threshold (the gradients of all classes sum to 0).
 */
public record Multinomial(int classes, int dim) {
  public Multinomial {
    if (classes < 3 || dim < 0) {
      throw new IllegalArgumentException("multinomial needs 3 or more classes: " + classes);
    }
  }

  /** The length of the state: {@code K (dim + 1)}. */
  public int length() {
    return classes * (dim + 1);
  }

  /** Class c's block (weights, then intercept), copied. */
  public double[] block(double[] state, int c) {
    double[] b = new double[dim + 1];
    System.arraycopy(state, c * (dim + 1), b, 0, dim + 1);
    return b;
  }

  private void put(double[] state, int c, double[] block) {
    System.arraycopy(block, 0, state, c * (dim + 1), dim + 1);
  }

  /** The same model on the original scale, block by block ({@link Standardization#effective}). */
  public double[] effective(Standardization std, double[] state) {
    double[] out = new double[length()];
    for (int c = 0; c < classes; c++) {
      put(out, c, std.effective(block(state, c)));
    }
    return out;
  }

  /** The mean gradient on the training scale from raw sums over n records, block by block. */
  public double[] gradient(Standardization std, double[] raw, long n) {
    double[] out = new double[length()];
    for (int c = 0; c < classes; c++) {
      put(out, c, std.gradient(block(raw, c), n));
    }
    return out;
  }

  /** One gradient step of every class's block ({@link Update#apply}). */
  public double[] apply(Update u, double[] state, double[] g, double eta) {
    double[] out = new double[length()];
    for (int c = 0; c < classes; c++) {
      put(out, c, u.apply(block(state, c), block(g, c), eta));
    }
    return out;
  }

  /** The norm of the smooth part's gradient over all blocks ({@link Update#gradientNorm}). */
  public double gradientNorm(Update u, double[] state, double[] g) {
    double s = 0;
    for (int c = 0; c < classes; c++) {
      double b = u.gradientNorm(block(state, c), block(g, c));
      s += b * b;
    }
    return Math.sqrt(s);
  }

  /** The mean loss plus every block's penalties (intercepts excluded). */
  public double objective(Update u, double dataLoss, double[] state) {
    double s = dataLoss;
    for (int c = 0; c < classes; c++) {
      s += u.objective(0, block(state, c));
    }
    return s;
  }

  /** {@code log sum exp(m[0..k))}, shifted by the largest margin so that nothing overflows. */
  public static double logSumExp(double[] m, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, m[c]);
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isInfinite(max) || Double.isNaN(max)) {
      return max;
    }
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += Math.exp(m[c] - max);
    }
    return max + Math.log(s);
  }

  /** The margins {@code u_c.x + c_c} of a sparse row under a flat model {@code u}, into {@code m}. */
  public void margins(double[] u, int nnz, int[] idx, double[] val, double[] m) {
    int w = dim + 1;
    for (int c = 0; c < classes; c++) {
      int base = c * w;
      double s = u[base + dim];
      for (int k = 0; k < nnz; k++) {
        int j = idx[k];
        if (j < dim) {
          s += u[base + j] * val[k];
        }
      }
      m[c] = s;
    }
  }

  /** The class probabilities {@code softmax(m)}, written over {@code m}; returns the log-sum-exp. */
  public static double softmax(double[] m, int k) {
    double lse = logSumExp(m, k);
    for (int c = 0; c < k; c++) {
      m[c] = Math.exp(m[c] - lse);
    }
    return lse;
  }
}
