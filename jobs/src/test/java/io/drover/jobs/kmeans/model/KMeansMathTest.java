package io.drover.jobs.kmeans.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.gd.model.Standardization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansMathTest {
  static Centers centers(double[]... rows) {
    int d = rows[0].length;
    double[] v = new double[rows.length * d];
    for (int c = 0; c < rows.length; c++) {
      System.arraycopy(rows[c], 0, v, c * d, d);
    }
    return new Centers(rows.length, d, v);
  }

  static KMeansPlusPlus.Points points(double[]... rows) {
    return new KMeansPlusPlus.Points() {
      @Override
      public long size() {
        return rows.length;
      }

      @Override
      public int dimension() {
        return rows[0].length;
      }

      @Override
      public void forEach(KMeansPlusPlus.Visitor v) {
        double[] buf = new double[rows[0].length];
        for (int i = 0; i < rows.length; i++) {
          System.arraycopy(rows[i], 0, buf, 0, buf.length);
          v.point(i, buf);
        }
      }
    };
  }

  @Test
  void nearestIsTheSmallestSquaredDistanceAndTheLowestIndexOnATie() {
    Centers c = centers(new double[] {0, 0}, new double[] {2, 0}, new double[] {0, 3});
    assertEquals(0, c.nearest(new double[] {0.9, 0}));
    assertEquals(1, c.nearest(new double[] {1.1, 0}));
    assertEquals(0, c.nearest(new double[] {1, 0}), "tie between 0 and 1");
    assertEquals(2, c.nearest(new double[] {0, 2}));
    assertEquals(1.0, c.cost(new double[] {0, 2}));
    assertEquals(13.0, c.distance2(2, new double[] {2, 0}));
  }

  @Test
  void partialSumsMergeToTheWholeAndGiveTheMeans() {
    Centers c = centers(new double[] {0}, new double[] {10});
    double[][] xs = {{1}, {2}, {9}, {12}, {-3}};
    ClusterSums whole = new ClusterSums(2, 1);
    ClusterSums a = new ClusterSums(2, 1);
    ClusterSums b = new ClusterSums(2, 1);
    for (int i = 0; i < xs.length; i++) {
      whole.add(c, xs[i]);
      (i < 2 ? a : b).add(c, xs[i]);
    }
    ClusterSums merged = new ClusterSums(2, 1);
    merged.merge(a);
    merged.merge(b);
    for (int k = 0; k < 2; k++) {
      assertEquals(whole.count(k), merged.count(k));
      assertEquals(whole.cost(k), merged.cost(k));
      assertArrayEquals(whole.sum(k), merged.sum(k));
    }
    assertEquals(3, merged.count(0));
    assertEquals(2, merged.count(1));
    assertEquals(1 + 4 + 9 + 1 + 4, merged.totalCost());
    assertEquals(5, merged.total());
    assertArrayEquals(new double[] {0, 10.5}, merged.next(c).state());
  }

  @Test
  void anEmptyClusterKeepsItsPreviousCenter() {
    Centers c = centers(new double[] {0, 0}, new double[] {100, 100}, new double[] {4, 4});
    ClusterSums s = new ClusterSums(3, 2);
    s.add(c, new double[] {1, 1});
    s.add(c, new double[] {3, 5});
    s.add(c, new double[] {5, 3});
    assertEquals(1, s.empty());
    assertEquals(0, s.count(1));
    assertArrayEquals(new double[] {1, 1, 100, 100, 4, 4}, s.next(c).state());
  }

  @Test
  void mergeRefusesAPartialOfAnotherDimension() {
    ClusterSums s = new ClusterSums(2, 3);
    assertThrows(IllegalArgumentException.class, () -> s.merge(0, 1, 0, new double[2]));
  }

  @Test
  void maxMoveIsTheLargestDistanceOfOneCenter() {
    Centers a = centers(new double[] {0, 0}, new double[] {1, 1});
    Centers b = centers(new double[] {3, 4}, new double[] {1, 2});
    assertEquals(5.0, Centers.maxMove(a, b));
    assertEquals(0.0, Centers.maxMove(a, a));
  }

  @Test
  void convergedAsSparkWhenEveryCenterMovedAtMostTol() {
    CenterMoves rule = new CenterMoves(1e-4);
    // two centers each 0.8e-4 away: every one within tol, though the centers as one vector
    // moved 1.13e-4 (the rule before Spark's)
    Centers a = centers(new double[] {0, 0}, new double[] {0.5, 0.5});
    Centers b = centers(new double[] {0.8e-4, 0}, new double[] {0.5, 0.5 + 0.8e-4});
    assertTrue(Math.hypot(0.8e-4, 0.8e-4) > 1e-4);
    assertTrue(rule.converged(Centers.maxMove(a, b)));
    assertTrue(rule.converged(1e-4)); // at most: Spark's <=
    assertFalse(rule.converged(1.5e-4));
    assertFalse(new CenterMoves(0).converged(0)); // 0: off
    java.util.function.DoubleFunction<java.util.List<io.drover.common.iterate.IterationMetrics>> h =
        move -> java.util.List.of(new io.drover.common.iterate.IterationMetrics(
            1, 1, 1, 1, 0, 1, 0, "", java.util.Map.of(CenterMoves.MAX_MOVE, move)));
    assertEquals(io.drover.common.iterate.IterativeJob.Stop.CONVERGED,
        rule.stopAfter(h.apply(0.9e-4), new double[0]));
    assertEquals(null, rule.stopAfter(h.apply(1.1e-4), new double[0]));
  }

  @Test
  void stateRoundTrip() {
    Centers c = Centers.ofState(2, new double[] {1, 2, 3, 4, 5, 6});
    assertEquals(3, c.dimension());
    assertArrayEquals(new double[] {4, 5, 6}, c.center(1));
    assertThrows(IllegalArgumentException.class, () -> Centers.ofState(4, new double[6]));
  }

  /** The documented procedure replayed by hand on four 1-d points. */
  @Test
  void kMeansPlusPlusFollowsTheDocumentedProcedure() throws Exception {
    double[] xs = {0, 1, 3, 7};
    for (long seed = 0; seed < 50; seed++) {
      Random r = new Random(seed);
      int first = (int) Math.floor(r.nextDouble() * 4);
      double[] dist = new double[4];
      double s = 0;
      for (int i = 0; i < 4; i++) {
        dist[i] = (xs[i] - xs[first]) * (xs[i] - xs[first]);
        s += dist[i];
      }
      double u = r.nextDouble() * s;
      int second = -1;
      double acc = 0;
      for (int i = 0; i < 4 && second < 0; i++) {
        acc += dist[i];
        if (acc > u) {
          second = i;
        }
      }
      Centers c =
          KMeansPlusPlus.choose(
              points(new double[] {0}, new double[] {1}, new double[] {3}, new double[] {7}),
              2,
              seed);
      assertArrayEquals(new double[] {xs[first], xs[second]}, c.state(), "seed " + seed);
    }
  }

  @Test
  void kMeansPlusPlusNeverPicksAChosenPointAgain() throws Exception {
    KMeansPlusPlus.Points p =
        points(
            new double[] {5, 5},
            new double[] {5, 5},
            new double[] {5, 5},
            new double[] {9, 1},
            new double[] {5, 5},
            new double[] {-2, 0});
    for (long seed = 0; seed < 30; seed++) {
      Centers c = KMeansPlusPlus.choose(p, 3, seed);
      Set<List<Double>> distinct = new HashSet<>();
      for (int k = 0; k < 3; k++) {
        List<Double> row = new ArrayList<>();
        for (double v : c.center(k)) {
          row.add(v);
        }
        distinct.add(row);
      }
      assertEquals(
          Set.of(List.of(5.0, 5.0), List.of(9.0, 1.0), List.of(-2.0, 0.0)),
          distinct,
          "seed " + seed);
    }
  }

  @Test
  void kMeansPlusPlusFailsOnFewerDistinctPointsThanK() {
    KMeansPlusPlus.Points p = points(new double[] {1}, new double[] {2}, new double[] {1});
    KMeansPlusPlus.TooFewDistinctException e =
        assertThrows(
            KMeansPlusPlus.TooFewDistinctException.class, () -> KMeansPlusPlus.choose(p, 3, 7));
    assertEquals(2, e.distinct());
  }

  @Test
  void standardizationRoundTripsAndKeepsAConstantFeature() {
    Standardization s = Standardization.of(new double[] {10, 3}, new double[] {2, 0}, true);
    double[] x = {14, 3};
    s.standardize(x);
    assertArrayEquals(new double[] {2, 0}, x);
    assertArrayEquals(new double[] {14, 3}, s.unstandardize(x));
    double[] y = {1, 2};
    Standardization.identity(2).standardize(y);
    assertArrayEquals(new double[] {1, 2}, y);
  }
}
