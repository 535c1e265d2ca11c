package io.drover.jobs.pagerank.model;

import java.math.BigDecimal;

/**
 * One power-iteration step of PageRank for one vertex, as networkx's {@code pagerank} computes it
 * with uniform teleport and uniform redistribution of the dangling mass: {@code r'(v) = (1 - d) / N
 * + d (sum over edges u->v of r(u) / outdeg(u) + m / N)}, where {@code m} is the rank held by
 * vertices without out-edges. The start is {@code 1 / N} for every vertex.
 */
public final class RankMath {
  private RankMath() {}

  public static double initial(long n) {
    return 1.0 / n;
  }

  /** What {@code u} sends along each of its {@code outDegree} edges. */
  public static double share(double rank, int outDegree) {
    return rank / outDegree;
  }

  /**
   * @param contributions the exact sum of the shares arriving at the vertex, rounded once
   * @param danglingMass the rank of the vertices without out-edges in the state stepped from
   */
  public static double next(double damping, long n, double danglingMass, double contributions) {
    return (1 - damping) / n + damping * (contributions + danglingMass / n);
  }

  /** The dangling mass of the initial state: {@code dangling} vertices of rank 1/N. */
  public static double initialDanglingMass(long n, long dangling) {
    return new BigDecimal(initial(n)).multiply(BigDecimal.valueOf(dangling)).doubleValue();
  }
}
