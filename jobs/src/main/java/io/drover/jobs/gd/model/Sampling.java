package io.drover.jobs.gd.model;

import java.util.SplittableRandom;

/**
 * Seeded randomness per (seed, iteration, chunk), so a run is reproducible run to run and after
 * resume whatever order tasks run in. The contract (tests reimplement it): the generator is {@code
 * new SplittableRandom(seed ^ (iteration * 0x9E3779B97F4A7C15L) ^ ((long) chunk.hashCode() <<
 * 32))}; mini-batch keeps record k of a chunk when the k-th {@code nextDouble()} is below the
 * fraction; a shuffle is Fisher-Yates from the end ({@code j = nextInt(i + 1)} for i = n-1 down to
 * 1).
 */
public final class Sampling {
  private Sampling() {}

  public static SplittableRandom random(long seed, int iteration, String chunk) {
    return new SplittableRandom(
        seed ^ (iteration * 0x9E3779B97F4A7C15L) ^ ((long) chunk.hashCode() << 32));
  }

  /** The identity permutation of 0..n-1, shuffled. */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
