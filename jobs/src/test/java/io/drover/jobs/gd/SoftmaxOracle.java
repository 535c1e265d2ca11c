package io.drover.jobs.gd;

/**
 * The multinomial test oracle: plain in-memory full-batch gradient descent on the softmax
 * cross-entropy over dense rows, written from the textbook formulas and sharing no code with the
 * job: K weight rows (no pivot) each with an intercept, zero start, mean gradient, L2 on the
 * weights only. Rows carry a trailing 1 for the intercept, labels are class indices 0..K-1.
 */
final class SoftmaxOracle {
  final double[][] x;
  final int[] y;
  final int k;
  final int d;
  /** The mean loss (with penalty) at the weights each iteration started from. */
  final java.util.List<Double> losses = new java.util.ArrayList<>();

  SoftmaxOracle(double[][] x, int[] y, int k) {
    this.x = x;
    this.y = y;
    this.k = k;
    this.d = x[0].length - 1;
  }

  /** The probabilities of each class for row {@code r} under {@code w[c][0..d]}. */
  static double[] probabilities(double[][] w, double[] r) {
    int k = w.length;
    double[] z = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < r.length; j++) {
        z[c] += w[c][j] * r[j];
      }
      max = Math.max(max, z[c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < k; c++) {
      z[c] /= sum;
    }
    return z;
  }

  /** {@code steps.length} iterations at the given steps; returns w[c][0..d] (intercept last). */
  double[][] train(double[] steps, double l2) {
    return train(steps, l2, t -> null);
  }

  /**
   * The same where iteration t's gradient is the mean over the rows {@code sample.apply(t)}
   * keeps (null: all), and the loss always that of all rows.
   */
  double[][] train(double[] steps, double l2, java.util.function.IntFunction<boolean[]> sample) {
    int n = x.length;
    double[][] w = new double[k][d + 1];
    for (int t = 1; t <= steps.length; t++) {
      double step = steps[t - 1];
      boolean[] keep = sample.apply(t);
      double[][] g = new double[k][d + 1];
      double loss = 0;
      int used = 0;
      for (int i = 0; i < n; i++) {
        double[] p = probabilities(w, x[i]);
        loss -= Math.log(p[y[i]]);
        if (keep != null && !keep[i]) {
          continue;
        }
        used++;
        for (int c = 0; c < k; c++) {
          double r = p[c] - (c == y[i] ? 1 : 0);
          for (int j = 0; j <= d; j++) {
            g[c][j] += r * x[i][j];
          }
        }
      }
      double pen = 0;
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          pen += w[c][j] * w[c][j];
        }
      }
      losses.add(loss / n + l2 / 2 * pen);
      for (int c = 0; c < k; c++) {
        for (int j = 0; j <= d; j++) {
          double reg = j < d ? l2 * w[c][j] : 0;
          w[c][j] -= step * (g[c][j] / used + reg);
        }
      }
    }
    return w;
  }

  double[][] train(double step, int iterations, double l2) {
    double[] steps = new double[iterations];
    java.util.Arrays.fill(steps, step);
    return train(steps, l2);
  }

  /** The predicted class of each row: the first of highest probability. */
  static int[] predict(double[][] w, double[][] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      double[] p = probabilities(w, rows[i]);
      int best = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** model.json's K weight rows and intercepts as w[c][0..d]. */
  static double[][] modelWeights(com.fasterxml.jackson.databind.JsonNode m) {
    com.fasterxml.jackson.databind.JsonNode w = m.get("weights");
    double[][] out = new double[w.size()][];
    for (int c = 0; c < w.size(); c++) {
      int d = w.get(c).size();
      out[c] = new double[d + 1];
      for (int j = 0; j < d; j++) {
        out[c][j] = w.get(c).get(j).asDouble();
      }
      out[c][d] = m.get("intercept").get(c).asDouble();
    }
    return out;
  }

  /** Every row of {@code expected} equal to 1e-9 relative ({@link GdRun#assertClose}). */
  static void assertClose(double[][] expected, double[][] actual) {
    org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length);
    for (int c = 0; c < expected.length; c++) {
      GdRun.assertClose(expected[c], actual[c]);
    }
  }
}
