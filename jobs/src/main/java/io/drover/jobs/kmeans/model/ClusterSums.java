package io.drover.jobs.kmeans.model;

/**
 * Lloyd's step as partial sums: per center the coordinate sum, the count and the cost (sum of
 * squared distances) of the points nearest to it. Partials from separate chunks merge by adding;
 * the new center is sum / count, and a center no point chose keeps its previous place (what Spark
 * MLlib does with an empty cluster). Added in a fixed order, the sums have the same bits on every
 * run.
 */
public final class ClusterSums {
  private final int k;
  private final int d;
  private final double[] sum;
  private final long[] count;
  private final double[] cost;

  public ClusterSums(int k, int d) {
    this.k = k;
    this.d = d;
    this.sum = new double[k * d];
    this.count = new long[k];
    this.cost = new double[k];
  }

  public int k() {
    return k;
  }

  public int dimension() {
    return d;
  }

  /** Adds point {@code x} to its nearest center of {@code centers}; returns that center. */
  public int add(Centers centers, double[] x) {
    int c = centers.nearest(x);
    double dist = centers.distance2(c, x);
    int off = c * d;
    for (int j = 0; j < d; j++) {
      sum[off + j] += x[j];
    }
    count[c]++;
    cost[c] += dist;
    return c;
  }

  /** Adds a partial of center {@code c}: its point count, cost and coordinate sum. */
  public void merge(int c, long n, double partCost, double[] partSum) {
    if (partSum.length != d) {
      throw new IllegalArgumentException(
          "a partial of " + partSum.length + " coordinates for centers of dimension " + d);
    }
    int off = c * d;
    for (int j = 0; j < d; j++) {
      sum[off + j] += partSum[j];
    }
    count[c] += n;
    cost[c] += partCost;
  }

  /** Adds every center's partial of {@code o}, center by center. */
  public void merge(ClusterSums o) {
    for (int c = 0; c < k; c++) {
      merge(c, o.count[c], o.cost[c], o.sum(c));
    }
  }

  public long count(int c) {
    return count[c];
  }

  public double cost(int c) {
    return cost[c];
  }

  /** Center {@code c}'s coordinate sum (a copy). */
  public double[] sum(int c) {
    return java.util.Arrays.copyOfRange(sum, c * d, c * d + d);
  }

  /** Every point counted. */
  public long total() {
    long n = 0;
    for (long v : count) {
      n += v;
    }
    return n;
  }

  /** The cost of all points, the centers' costs added in center order. */
  public double totalCost() {
    double s = 0;
    for (double v : cost) {
      s += v;
    }
    return s;
  }

  /** Centers no point chose. */
  public int empty() {
    int e = 0;
    for (long v : count) {
      if (v == 0) {
        e++;
      }
    }
    return e;
  }

  /** The next centers: sum / count, or the {@code previous} center where the count is 0. */
  public Centers next(Centers previous) {
    check(previous);
    double[] v = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(next(c, previous), 0, v, c * d, d);
    }
    return new Centers(k, d, v);
  }

  /**
   * Center {@code c}'s next place: its sum / count, or its {@code previous} place when no point
   * chose it (the one home of that rule: {@link #next(Centers)} and the kmeans reducer use it).
   */
  public double[] next(int c, Centers previous) {
    check(previous);
    if (count[c] == 0) {
      return previous.center(c);
    }
    double[] v = new double[d];
    int off = c * d;
    for (int j = 0; j < d; j++) {
      v[j] = sum[off + j] / count[c];
    }
    return v;
  }

  private void check(Centers previous) {
    if (previous.k() != k || previous.dimension() != d) {
      throw new IllegalArgumentException("previous centers of another shape");
    }
  }
}
