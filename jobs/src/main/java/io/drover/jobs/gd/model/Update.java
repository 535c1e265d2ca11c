package io.drover.jobs.gd.model;

/**
 * One gradient step on {@code w} (last entry the intercept): {@code w -= eta (g + l2 w)}, then the
 * L1 proximal step (soft threshold by {@code eta l1}); the intercept is never regularized and stays
 * 0 without one. Also the regularized objective.
 */
public record Update(double l1, double l2, boolean intercept) {
  public double[] apply(double[] w, double[] g, double eta) {
    int d = w.length - 1;
    double[] out = new double[w.length];
    for (int j = 0; j < d; j++) {
      double v = w[j] - eta * (g[j] + l2 * w[j]);
      if (l1 > 0) {
        double t = eta * l1;
        v = v > t ? v - t : v < -t ? v + t : 0;
      }
      out[j] = v;
    }
    out[d] = intercept ? w[d] - eta * g[d] : 0;
    return out;
  }

  /**
   * The norm of the smooth part's gradient at {@code w}: {@code ||g + l2 w||} over the weights, the
   * intercept's {@code g} only when there is one.
   */
  public double gradientNorm(double[] w, double[] g) {
    int d = w.length - 1;
    double s = 0;
    for (int j = 0; j < g.length; j++) {
      double gj = j < d ? g[j] + l2 * w[j] : (intercept ? g[j] : 0);
      s += gj * gj;
    }
    return Math.sqrt(s);
  }

  /** {@code dataLoss + l2/2 ||w||^2 + l1 ||w||_1}, intercept excluded. */
  public double objective(double dataLoss, double[] w) {
    double sq = 0;
    double abs = 0;
    for (int j = 0; j < w.length - 1; j++) {
      sq += w[j] * w[j];
      abs += Math.abs(w[j]);
    }
    return dataLoss + l2 / 2 * sq + l1 * abs;
  }
}
