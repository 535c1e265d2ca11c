package io.drover.jobs.kmeans.model;

import java.util.Arrays;

/**
 * {@code k} centers of dimension {@code d}, kept as one row-major vector of {@code k * d} doubles
 * (the iteration state the runtime checkpoints): center {@code c} is {@code v[c*d .. c*d + d)}.
 * Distances are squared Euclidean, summed over the dimensions in order (so every caller gets the
 * same bits); the nearest center is the one with the smallest distance, the lowest index on a tie
 * (as Spark MLlib's {@code findClosest}).
 */
public final class Centers {
  private final int k;
  private final int d;
  private final double[] v;

  public Centers(int k, int d, double[] v) {
    if (k < 1 || d < 0 || v.length != (long) k * d) {
      throw new IllegalArgumentException(
          "centers: " + v.length + " values are not k=" + k + " times d=" + d);
    }
    this.k = k;
    this.d = d;
    this.v = v;
  }

  /** The centers of the state vector {@code v} holding {@code k} of them. */
  public static Centers ofState(int k, double[] v) {
    if (k < 1 || v.length % k != 0) {
      throw new IllegalArgumentException(
          "a state of " + v.length + " values is not " + k + " centers");
    }
    return new Centers(k, v.length / k, v);
  }

  public int k() {
    return k;
  }

  public int dimension() {
    return d;
  }

  /** The state vector (a copy). */
  public double[] state() {
    return v.clone();
  }

  /** Center {@code c} (a copy). */
  public double[] center(int c) {
    return Arrays.copyOfRange(v, c * d, c * d + d);
  }

  /** Squared Euclidean distance of {@code x} (length d) to center {@code c}. */
  public double distance2(int c, double[] x) {
    double s = 0;
    int off = c * d;
    for (int j = 0; j < d; j++) {
      double t = x[j] - v[off + j];
      s += t * t;
    }
    return s;
  }

  /** The index of the center nearest to {@code x}; the lowest index on a tie. */
  public int nearest(double[] x) {
    int best = 0;
    double bestD = distance2(0, x);
    for (int c = 1; c < k; c++) {
      double dc = distance2(c, x);
      if (dc < bestD) {
        best = c;
        bestD = dc;
      }
    }
    return best;
  }

  /** The squared distance of {@code x} to its nearest center (its cost). */
  public double cost(double[] x) {
    return distance2(nearest(x), x);
  }

  /**
   * How far the centers moved from {@code before} to {@code after}: the largest Euclidean distance
   * of one center to its old place (Spark's convergence test compares each move with epsilon).
   */
  public static double maxMove(Centers before, Centers after) {
    if (before.k != after.k || before.d != after.d) {
      throw new IllegalArgumentException("centers of different shapes");
    }
    double max = 0;
    for (int c = 0; c < before.k; c++) {
      max = Math.max(max, Math.sqrt(after.distance2(c, before.center(c))));
    }
    return max;
  }
}
