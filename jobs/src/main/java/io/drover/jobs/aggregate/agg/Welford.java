package io.drover.jobs.aggregate.agg;

/**
 * Count, mean and sum of squared deviations (M2) of a stream of doubles: Welford's update per
 * value and Chan et al.'s pairwise merge, numerically stable (no sum of squares), so constant
 * data has M2 exactly 0. The one home of that arithmetic for aggregate's and sql's variance and
 * standard deviation states.
 */
public class Welford {
  public long n;
  public double mean;
  public double m2;

  public final void add(double x) {
    n++;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }

  /** Merges another state's moments into this one. */
  public final void merge(Welford o) {
    if (o.n == 0) {
      return;
    }
    if (n == 0) {
      n = o.n;
      mean = o.mean;
      m2 = o.m2;
      return;
    }
    long total = n + o.n;
    double delta = o.mean - mean;
    mean = mean + delta * ((double) o.n / total);
    m2 = m2 + o.m2 + delta * delta * ((double) n * o.n / total);
    n = total;
  }
}
