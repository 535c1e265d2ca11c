package io.drover.jobs.pagerank.model;

import java.math.BigDecimal;

/**
 * A sum of doubles without rounding (every double is a finite decimal): the same value whatever the
 * order of the terms and however they are split between tasks, so rounded once at the end it gives
 * the same bits on every run. PageRank adds rank contributions, the L1 change and the dangling mass
 * this way.
 */
public final class ExactSum {
  private BigDecimal sum = BigDecimal.ZERO;

  public void add(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v != 0) {
      sum = sum.add(new BigDecimal(v));
    }
  }

  public void add(BigDecimal v) {
    sum = sum.add(v);
  }

  public void reset() {
    sum = BigDecimal.ZERO;
  }

  /** The exact sum. */
  public BigDecimal exact() {
    return sum;
  }

  /** The exact sum rounded to a double. */
  public double value() {
    return sum.doubleValue();
  }
}
