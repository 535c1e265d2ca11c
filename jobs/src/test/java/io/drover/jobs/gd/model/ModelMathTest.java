package io.drover.jobs.gd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelMathTest {
  @Test
  void logisticLossIsStableAndItsDerivativeMatchesAFiniteDifference() {
    assertEquals(1000.0, Loss.LOGISTIC.loss(-1000, 1));
    assertEquals(0.0, Loss.LOGISTIC.loss(1000, 1));
    assertEquals(Math.log(2), Loss.LOGISTIC.loss(0, -1));
    assertEquals(-1.0, Loss.LOGISTIC.derivative(-1000, 1));
    for (Loss loss : Loss.values()) {
      for (double m : new double[] {-3, -0.5, 0, 0.7, 2.5}) {
        for (double y : new double[] {-1, 1}) {
          double h = 1e-6;
          double fd = (loss.loss(m + h, y) - loss.loss(m - h, y)) / (2 * h);
          assertEquals(fd, loss.derivative(m, y), 1e-7, loss + " m=" + m + " y=" + y);
        }
      }
    }
    assertEquals(4.5, Loss.SQUARED.loss(1, 4));
  }

  @Test
  void aLossOnlyRecordAddsItsLossButNeitherGradientNorCount() {
    // u = (2, -1) and intercept 0.5: margins 2*1 - 1*3 + 0.5 = -0.5 and 2*2 + 0.5 = 4.5
    GradientSum both = new GradientSum(Loss.SQUARED, new double[] {2, -1, 0.5});
    both.add(1, 2, new int[] {0, 1}, new double[] {1, 3});
    both.addLoss(4, 1, new int[] {0}, new double[] {2});
    assertEquals(1, both.count());
    assertEquals(1.5 * 1.5 / 2 + 0.5 * 0.5 / 2, both.lossSum()); // (-0.5 - 1), (4.5 - 4)
    GradientSum one = new GradientSum(Loss.SQUARED, new double[] {2, -1, 0.5});
    one.add(1, 2, new int[] {0, 1}, new double[] {1, 3});
    assertArrayEquals(one.gradient(), both.gradient()); // the sampled record's alone
    assertArrayEquals(new double[] {-1.5, -4.5, -1.5}, one.gradient());
  }

  @Test
  void standardizedModelEqualsItsEffectiveOriginalScaleModel() {
    Random r = new Random(7);
    int d = 5;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = r.nextGaussian() * 10;
      std[j] = j == 3 ? 0 : 0.5 + r.nextDouble() * 4; // a constant feature keeps scale 1
    }
    Standardization s = Standardization.of(mean, std, true);
    double[] w = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      w[j] = r.nextGaussian();
    }
    double[] u = s.effective(w);
    int n = 50;
    double[] rawSums = new double[d + 1];
    double[] zGrad = new double[d + 1];
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = mean[j] + r.nextGaussian() * 3;
      }
      double zm = w[d];
      double xm = u[d];
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        double sj = std[j] > 0 ? std[j] : 1;
        z[j] = (x[j] - mean[j]) / sj;
        zm += w[j] * z[j];
        xm += u[j] * x[j];
      }
      assertEquals(zm, xm, 1e-10);
      double res = r.nextGaussian(); // any per-record derivative
      for (int j = 0; j < d; j++) {
        rawSums[j] += res * x[j];
        zGrad[j] += res * z[j] / n;
      }
      rawSums[d] += res;
      zGrad[d] += res / n;
    }
    double[] g = s.gradient(rawSums, n);
    for (int j = 0; j <= d; j++) {
      assertEquals(zGrad[j], g[j], 1e-10, "gradient " + j);
    }
    double[] id = {1, 2, 3};
    assertArrayEquals(id, Standardization.identity(2).effective(id));
    assertArrayEquals(
        new double[] {2, 4, 6}, Standardization.identity(2).gradient(new double[] {4, 8, 12}, 2));
  }

  @Test
  void updateAppliesL2ThenTheL1SoftThresholdAndLeavesTheInterceptUnpenalized() {
    double[] w = {1.0, -0.2, 0.05, 3.0};
    double[] g = {0.5, 0.1, 0.0, 1.0};
    double[] plain = new Update(0, 0, true).apply(w, g, 0.1);
    assertArrayEquals(new double[] {0.95, -0.21, 0.05, 2.9}, plain, 1e-15);
    double[] l2 = new Update(0, 1.0, true).apply(w, g, 0.1);
    assertArrayEquals(new double[] {0.85, -0.19, 0.045, 2.9}, l2, 1e-15);
    double[] l1 = new Update(1.0, 0, true).apply(w, g, 0.1); // threshold 0.1
    assertArrayEquals(new double[] {0.85, -0.11, 0.0, 2.9}, l1, 1e-15);
    assertEquals(0.0, new Update(0, 0, false).apply(w, g, 0.1)[3]);
    assertEquals(
        2 + 0.5 * (1 + 0.04 + 0.0025) + 0.1 * 1.25,
        new Update(0.1, 1.0, true).objective(2, w),
        1e-15);
  }

  @Test
  void schedules() {
    assertEquals(2.0, Schedule.CONSTANT.at(2, 0.9, 7));
    assertEquals(1.0, Schedule.INV_SQRT.at(2, 0.9, 4));
    assertEquals(2 * 0.9 * 0.9, Schedule.EXP.at(2, 0.9, 3), 1e-15);
    assertEquals(Schedule.INV_SQRT, Schedule.parse("inv-sqrt"));
    assertEquals(
        "'linear' is not one of constant, inv-sqrt, exp",
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("linear")).getMessage());
  }

  @Test
  void samplingIsAReproduciblePermutationPerIterationAndChunk() {
    int[] p = Sampling.permutation(1000, Sampling.random(42, 3, "part-00000-0000.bin"));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, sorted[i]);
    }
    assertArrayEquals(p, Sampling.permutation(1000, Sampling.random(42, 3, "part-00000-0000.bin")));
    int[] other = Sampling.permutation(1000, Sampling.random(42, 4, "part-00000-0000.bin"));
    assertEquals(false, Arrays.equals(p, other));
  }

  @Test
  void localSgdIsPlainSgdInRecordOrder() {
    // squared loss, one feature, no standardization: w -= eta (m - y) x
    LocalSgd sgd =
        new LocalSgd(
            Loss.SQUARED,
            new double[] {0, 0},
            Standardization.identity(1),
            0.1,
            new Update(0, 0, true));
    sgd.add(2, 1, new int[] {0}, new double[] {1}); // m 0: w = (0.2, 0.2)
    sgd.add(1, 0, new int[0], new double[0]); // m 0.2: w_b = 0.2 - 0.1 * -0.8 = 0.28
    assertArrayEquals(new double[] {0.2, 0.28}, sgd.weights(), 1e-15);
    assertEquals(2 + 0.32, sgd.lossSum(), 1e-15);
    assertEquals(2, sgd.count());
  }
}
