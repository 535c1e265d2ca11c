package io.drover.jobs.gd.model;

/**
 * Training on standardized features {@code z_j = (x_j - mean_j) / std_j} (or {@code x_j / std_j}
 * without centering) without ever materializing z: a model {@code w} on the z scale (last entry the
 * intercept) equals the model {@link #effective} on the x scale, so tasks compute margins on the
 * raw sparse x, and the z-scale gradient follows from raw sums ({@link #gradient}). A feature with
 * std 0 keeps scale 1. {@link #identity} is plain training. k-means, whose points are dense anyway,
 * does standardize each point ({@link #standardize}) and maps its centers back ({@link
 * #unstandardize}).
 */
public final class Standardization {
  private final double[] mean;
  private final double[] std;
  private final boolean identity;

  private Standardization(double[] mean, double[] std, boolean identity) {
    this.mean = mean;
    this.std = std;
    this.identity = identity;
  }

  public static Standardization identity(int dim) {
    return new Standardization(new double[dim], filled(dim), true);
  }

  /**
   * @param center subtract the means (only meaningful with an intercept)
   */
  public static Standardization of(double[] mean, double[] std, boolean center) {
    double[] m = center ? mean.clone() : new double[mean.length];
    double[] s = new double[std.length];
    for (int j = 0; j < s.length; j++) {
      s[j] = std[j] > 0 ? std[j] : 1;
    }
    return new Standardization(m, s, false);
  }

  private static double[] filled(int d) {
    double[] a = new double[d];
    java.util.Arrays.fill(a, 1);
    return a;
  }

  public boolean isIdentity() {
    return identity;
  }

  public double[] mean() {
    return mean.clone();
  }

  public double[] std() {
    return std.clone();
  }

  /** Standardizes the dense point {@code x} in place: {@code x_j = (x_j - mean_j) / std_j}. */
  public void standardize(double[] x) {
    if (identity) {
      return;
    }
    for (int j = 0; j < mean.length; j++) {
      x[j] = (x[j] - mean[j]) / std[j];
    }
  }

  /** A standardized point back on the original scale: {@code x_j = z_j std_j + mean_j}. */
  public double[] unstandardize(double[] z) {
    double[] x = z.clone();
    if (identity) {
      return x;
    }
    for (int j = 0; j < mean.length; j++) {
      x[j] = z[j] * std[j] + mean[j];
    }
    return x;
  }

  /**
   * The same model on the original scale: {@code u_j = w_j / s_j}, {@code c = b - sum w_j m_j /
   * s_j}.
   */
  public double[] effective(double[] w) {
    int d = mean.length;
    if (identity) {
      return w.clone();
    }
    double[] u = new double[d + 1];
    double c = w[d];
    for (int j = 0; j < d; j++) {
      u[j] = w[j] / std[j];
      c -= w[j] * mean[j] / std[j];
    }
    u[d] = c;
    return u;
  }

  /**
   * The mean gradient on the z scale from raw sums over n records: {@code g_j = (G_j - m_j G_0) /
   * (s_j n)} where {@code G_j = sum r x_j}, {@code G_0 = sum r} (the last entry of {@code raw}).
   */
  public double[] gradient(double[] raw, long n) {
    int d = mean.length;
    double[] g = new double[d + 1];
    double g0 = raw[d];
    for (int j = 0; j < d; j++) {
      g[j] = identity ? raw[j] / n : (raw[j] - mean[j] * g0) / (std[j] * n);
    }
    g[d] = g0 / n;
    return g;
  }
}
