package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.iterate.DivergenceGuard;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mini-batch's divergence guard judges the loss of the whole data at each state (comparable from
 * one iteration to the next) with a tolerance, not the loss of that iteration's sample: on ccpp,
 * standardized, step 0.5, the sample losses rise three times in a row by chance (the old rule
 * rolled back and halved the step, replaying the same samples), while the run now keeps its step
 * and ends near the least-squares optimum. The oracle follows the documented sampling contract
 * ({@link io.drover.jobs.gd.model.Sampling}) with its own code, on {@link GdOracle}'s z-scored
 * rows.
 */
class GdMinibatchTest {
  static Path ccpp;
  static GdOracle z;
  static final int ITERATIONS = 60;

  @BeforeAll
  static void data() throws Exception {
    ccpp = TestData.path("regression/ccpp.csv");
    z = GdOracle.csv(ccpp, "energy").standardized();
  }

  static String[] args(String... tail) {
    List<String> a = new ArrayList<>(List.of("--mode", "minibatch", "--step", "0.5", "--tol",
        "0", "--label", "energy"));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  /** The mean squared loss (r^2 / 2) of w over the rows {@code keep} selects (null: all). */
  static double loss(double[] w, boolean[] keep) {
    double s = 0;
    int n = 0;
    for (int i = 0; i < z.y.length; i++) {
      if (keep == null || keep[i]) {
        double r = GdModesTest.dot(w, z.x[i]) - z.y[i];
        s += r * r / 2;
        n++;
      }
    }
    return s / n;
  }

  /** The least-squares optimum's loss, from the normal equations (z-scored rows, intercept). */
  static double optimum() {
    int d = z.x[0].length;
    double[][] a = new double[d][d + 1];
    for (int i = 0; i < z.y.length; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          a[j][k] += z.x[i][j] * z.x[i][k];
        }
        a[j][d] += z.x[i][j] * z.y[i];
      }
    }
    for (int c = 0; c < d; c++) { // Gauss-Jordan (the matrix is positive definite)
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int k = c; k <= d; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = a[j][d] / a[j][j];
    }
    return loss(w, null);
  }

  @Test
  void noisySampleLossesNoLongerHalveTheStepAndTheRunEndsNearTheOptimum() throws Exception {
    Path work = TestDirs.fresh("gd-minibatch");
    Path out = work.resolve("model");
    GdRun.Run r = GdRun.run(LocalConf.create(), new LinReg(),
        args("--max-iter", Integer.toString(ITERATIONS), ccpp.toString(), out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(!r.err().contains("diverged"), r.err());

    // the oracle: the same seeded samples, the mean gradient of the sample, the loss of all rows
    int n = z.y.length;
    int d = z.x[0].length;
    double[] w = new double[d];
    List<Double> sampleLosses = new ArrayList<>();
    List<Double> fullLosses = new ArrayList<>();
    for (int t = 1; t <= ITERATIONS; t++) {
      SplittableRandom rng = GdModesTest.rng(42, t, "part-00000-0000.bin");
      boolean[] keep = new boolean[n];
      for (int i = 0; i < n; i++) {
        keep[i] = rng.nextDouble() < 0.1;
      }
      sampleLosses.add(loss(w, keep));
      fullLosses.add(loss(w, null));
      double[] g = new double[d];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (keep[i]) {
          double res = GdModesTest.dot(w, z.x[i]) - z.y[i];
          for (int j = 0; j < d; j++) {
            g[j] += res * z.x[i][j];
          }
          k++;
        }
      }
      for (int j = 0; j < d; j++) {
        w[j] -= 0.5 * g[j] / k;
      }
    }
    GdRun.assertClose(z.unstandardize(w), GdRun.weights(out));

    // the history's loss is the whole data's at each state, and no step was halved
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(ITERATIONS + 1, history.size());
    for (int t = 1; t <= ITERATIONS; t++) {
      String[] row = history.get(t).split(",", -1);
      double want = fullLosses.get(t - 1);
      assertEquals(want, Double.parseDouble(row[1]), 1e-9 * want, "loss of state " + (t - 1));
      assertEquals("1.0", row[8], history.get(t)); // step_scale
      assertEquals("", row[10], history.get(t)); // no note: no rollback
    }

    // the old rule on the old quantity would have rolled back: three rises of the sample loss
    DivergenceGuard strict = new DivergenceGuard(3, 10);
    int oldRollback = -1;
    for (int k = 1; k < ITERATIONS && oldRollback < 0; k++) {
      if (strict.check(sampleLosses.subList(0, k), sampleLosses.get(k)).diverged()) {
        oldRollback = k;
      }
    }
    assertTrue(oldRollback > 0, "the sample losses never rose 3 times in a row: " + sampleLosses);

    // and the run ends near the batch optimum (least squares: loss 10.3837, RMSE 4.557)
    double best = optimum();
    assertEquals(10.3837, best, 1e-4);
    double last = loss(w, null);
    assertTrue(last < best * 1.005, "loss " + last + " vs the optimum " + best);
    System.out.printf("minibatch ccpp: old rule rolled back at state %d; loss %.6f, optimum"
        + " %.6f%n", oldRollback, last, best);
  }

  @Test
  void aMinibatchDriverKilledMidRunResumesToTheSameBytes() throws Exception {
    Path work = TestDirs.fresh("gd-minibatch-resume");
    Configuration conf = LocalConf.create();
    // three chunks: three map tasks whose partials arrive in varying order
    String[] a = concat(new String[] {"-D", "drover.gd.chunk.bytes=200000", "--max-iter", "8"},
        args());
    Path straight = work.resolve("straight");
    Path resumed = work.resolve("resumed");
    GdRun.Run r = GdRun.run(conf, new LinReg(), concat(a, ccpp.toString(), straight.toString()));
    assertEquals(0, r.code(), r.err());
    assertEquals(3, GdResumeTest.countChunks(straight.resolve("data")));

    GdResumeTest.killAfter(LinReg.class, "linreg: iteration 3/8 ",
        concat(a, ccpp.toString(), resumed.toString()));
    int latest = GdResumeTest.latestCommitted(resumed.resolve("iterations"));
    assertTrue(latest >= 3 && latest < 8, "latest committed " + latest);
    GdRun.Run again = GdRun.run(conf, new LinReg(), concat(a, ccpp.toString(), resumed.toString()));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resuming the unfinished run"), again.err());

    assertArrayEquals(Files.readAllBytes(straight.resolve("iterations/iter-00008/state.bin")),
        Files.readAllBytes(resumed.resolve("iterations/iter-00008/state.bin")));
    assertArrayEquals(GdRun.weights(straight), GdRun.weights(resumed));
    assertEquals(column(straight, 1), column(resumed, 1)); // the losses, to the bit
  }

  static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static List<String> column(Path out, int c) throws Exception {
    return Files.readAllLines(out.resolve("history.csv")).stream()
        .map(l -> l.split(",", -1)[c])
        .toList();
  }
}
