package io.drover.jobs.kmeans.model;

import java.io.IOException;
import java.util.Random;

/**
 * Seeded k-means++ (Arthur and Vassilvitskii, 2007) over every point, exactly this procedure so
 * that anyone can reproduce it:
 *
 * <ol>
 *   <li>{@code rng = new java.util.Random(seed)}; the points are numbered 0..n-1 in their fixed
 *       order (input files sorted by path, records in file order).
 *   <li>The first center is point {@code floor(rng.nextDouble() * n)}.
 *   <li>{@code D[i]} is the squared distance of point i to its nearest chosen center ({@link
 *       Centers#distance2}: summed over the dimensions in order).
 *   <li>Each next center: {@code S = D[0] + ... + D[n-1]} added in point order; {@code u =
 *       rng.nextDouble() * S}; the center is the first point i whose running sum {@code D[0] + ...
 *       + D[i]} exceeds {@code u} (if rounding leaves none, the last point with {@code D[i] > 0}).
 *   <li>If {@code S} is 0 before k centers are chosen, the points have fewer than k distinct
 *       values: {@link TooFewDistinctException}.
 * </ol>
 *
 * Each center costs two passes over the points (fetch it, then update D); D is held in memory, one
 * double per point.
 */
public final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  /** The points in their fixed order. */
  public interface Points {
    long size();

    int dimension();

    /** Hands every point to {@code v}, in order, as a dense vector (the array may be reused). */
    void forEach(Visitor v) throws IOException;
  }

  /** Receives one point; {@code x} is valid only during the call. */
  public interface Visitor {
    void point(long index, double[] x);
  }

  /** Fewer distinct points than centers asked for. */
  public static final class TooFewDistinctException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int distinct;

    TooFewDistinctException(int distinct, int k) {
      super("the points have only " + distinct + " distinct values, fewer than k=" + k);
      this.distinct = distinct;
    }

    public int distinct() {
      return distinct;
    }
  }

  public static Centers choose(Points points, int k, long seed)
      throws IOException, TooFewDistinctException {
    long n = points.size();
    int d = points.dimension();
    if (n < 1 || n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("k-means++ needs 1 to 2^31-9 points, not " + n);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, not " + k);
    }
    Random rng = new Random(seed);
    double[] v = new double[k * d];
    double[] dist = new double[(int) n];
    long first = (long) Math.floor(rng.nextDouble() * n);
    fetch(points, first, v, 0);
    update(points, new Centers(1, d, java.util.Arrays.copyOf(v, d)), dist, true);
    for (int j = 1; j < k; j++) {
      double s = 0;
      for (double x : dist) {
        s += x;
      }
      if (!(s > 0)) {
        throw new TooFewDistinctException(j, k);
      }
      double u = rng.nextDouble() * s;
      long pick = -1;
      long lastPositive = -1;
      double acc = 0;
      for (int i = 0; i < dist.length; i++) {
        if (dist[i] > 0) {
          lastPositive = i;
        }
        acc += dist[i];
        if (acc > u) {
          pick = i;
          break;
        }
      }
      if (pick < 0) {
        pick = lastPositive;
      }
      fetch(points, pick, v, j * d);
      update(
          points,
          new Centers(1, d, java.util.Arrays.copyOfRange(v, j * d, j * d + d)),
          dist,
          false);
    }
    return new Centers(k, d, v);
  }

  private static void fetch(Points points, long index, double[] into, int offset)
      throws IOException {
    boolean[] found = {false};
    int d = points.dimension();
    points.forEach(
        (i, x) -> {
          if (i == index) {
            System.arraycopy(x, 0, into, offset, d);
            found[0] = true;
          }
        });
    if (!found[0]) {
      throw new IOException("point " + index + " of " + points.size() + " was not seen");
    }
  }

  private static void update(Points points, Centers one, double[] dist, boolean first)
      throws IOException {
    long[] seen = {0};
    points.forEach(
        (i, x) -> {
          double di = one.distance2(0, x);
          dist[(int) i] = first ? di : Math.min(dist[(int) i], di);
          seen[0]++;
        });
    if (seen[0] != dist.length) {
      throw new IOException("saw " + seen[0] + " points where " + dist.length + " were counted");
    }
  }
}
