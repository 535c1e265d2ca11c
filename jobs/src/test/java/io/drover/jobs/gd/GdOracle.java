package io.drover.jobs.gd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The test oracle: plain in-memory full-batch gradient descent on a dense matrix, written from the
 * textbook formulas and sharing no code with the job (its own parsing, standardization, losses and
 * updates).
 */
public final class GdOracle {
  final double[][] x; // rows, with a trailing 1 for the intercept
  final double[] y;
  final int d;

  GdOracle(double[][] x, double[] y) {
    this.x = x;
    this.y = y;
    this.d = x[0].length - 1;
  }

  /** LIBSVM text, 1-based indices, dimension {@code d}; labels as they are. */
  public static GdOracle libsvm(Path file, int d) throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] t = line.trim().split("\\s+");
      if (t[0].isEmpty()) {
        continue;
      }
      double[] r = new double[d + 1];
      r[d] = 1;
      for (int i = 1; i < t.length; i++) {
        String[] kv = t[i].split(":");
        int j = Integer.parseInt(kv[0]) - 1;
        if (j < d) {
          r[j] = Double.parseDouble(kv[1]);
        }
      }
      rows.add(r);
      labels.add(Double.parseDouble(t[0]));
    }
    return new GdOracle(
        rows.toArray(new double[0][]), labels.stream().mapToDouble(v -> v).toArray());
  }

  /** CSV with header; the label is column {@code label}, every other column a feature. */
  static GdOracle csv(Path file, String label) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] head = lines.get(0).replace("\uFEFF", "").trim().split(",");
    int lc = Arrays.asList(head).indexOf(label);
    List<double[]> rows = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(",");
      double[] r = new double[head.length];
      int k = 0;
      for (int c = 0; c < head.length; c++) {
        if (c != lc) {
          r[k++] = Double.parseDouble(f[c].trim());
        }
      }
      r[head.length - 1] = 1;
      rows.add(r);
      labels.add(Double.parseDouble(f[lc].trim()));
    }
    return new GdOracle(
        rows.toArray(new double[0][]), labels.stream().mapToDouble(v -> v).toArray());
  }

  /** A copy with every feature z-scored (sample std, as Spark), the intercept column kept. */
  double[][] mean = null;

  GdOracle standardized() {
    int n = x.length;
    double[] mu = new double[d];
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (double[] r : x) {
        s += r[j];
      }
      mu[j] = s / n;
      double v = 0;
      for (double[] r : x) {
        v += (r[j] - mu[j]) * (r[j] - mu[j]);
      }
      sd[j] = Math.sqrt(v / (n - 1));
    }
    double[][] z = new double[n][d + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = (x[i][j] - mu[j]) / sd[j];
      }
      z[i][d] = 1;
    }
    GdOracle o = new GdOracle(z, y);
    o.mean = new double[][] {mu, sd};
    return o;
  }

  /** Weights on the original scale of a model trained on {@link #standardized()} data. */
  double[] unstandardize(double[] w) {
    double[] u = new double[d + 1];
    u[d] = w[d];
    for (int j = 0; j < d; j++) {
      u[j] = w[j] / mean[1][j];
      u[d] -= w[j] * mean[0][j] / mean[1][j];
    }
    return u;
  }

  /** Full-batch GD with the mean gradient: logistic (labels mapped: positive -> +1) or squared. */
  public double[] train(boolean logistic, double positive, double step, int iterations, double l2) {
    double[] steps = new double[iterations];
    java.util.Arrays.fill(steps, step);
    return train(logistic, positive, steps, l2);
  }

  /** The same with step {@code steps[t-1]} at iteration t. */
  double[] train(boolean logistic, double positive, double[] steps, double l2) {
    int n = x.length;
    double[] w = new double[d + 1];
    for (int t = 1; t <= steps.length; t++) {
      double step = steps[t - 1];
      double[] g = new double[d + 1];
      for (int i = 0; i < n; i++) {
        double m = 0;
        for (int j = 0; j <= d; j++) {
          m += w[j] * x[i][j];
        }
        double r;
        if (logistic) {
          double yi = y[i] == positive ? 1 : -1;
          r = -yi * (1 / (1 + Math.exp(yi * m)));
        } else {
          r = m - y[i];
        }
        for (int j = 0; j <= d; j++) {
          g[j] += r * x[i][j];
        }
      }
      for (int j = 0; j <= d; j++) {
        double reg = j < d ? l2 * w[j] : 0;
        w[j] -= step * (g[j] / n + reg);
      }
    }
    return w;
  }

  /**
   * Full-batch subgradient descent on the mean hinge loss + l2/2 ||w||^2 (no intercept penalty).
   */
  double[] trainHinge(double positive, double step, int iterations, double l2) {
    int n = x.length;
    double[] w = new double[d + 1];
    for (int t = 1; t <= iterations; t++) {
      double[] g = new double[d + 1];
      for (int i = 0; i < n; i++) {
        double yi = y[i] == positive ? 1 : -1;
        double m = 0;
        for (int j = 0; j <= d; j++) {
          m += w[j] * x[i][j];
        }
        if (yi * m < 1) {
          for (int j = 0; j <= d; j++) {
            g[j] -= yi * x[i][j];
          }
        }
      }
      for (int j = 0; j <= d; j++) {
        double reg = j < d ? l2 * w[j] : 0;
        w[j] -= step * (g[j] / n + reg);
      }
    }
    return w;
  }

  /** Correct predictions of a logistic model (margin > 0 means positive). */
  long correct(double[] w, double positive) {
    long c = 0;
    for (int i = 0; i < x.length; i++) {
      double m = 0;
      for (int j = 0; j <= d; j++) {
        m += w[j] * x[i][j];
      }
      if ((m > 0) == (y[i] == positive)) {
        c++;
      }
    }
    return c;
  }

  double rmse(double[] w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double m = 0;
      for (int j = 0; j <= d; j++) {
        m += w[j] * x[i][j];
      }
      s += (m - y[i]) * (m - y[i]);
    }
    return Math.sqrt(s / x.length);
  }
}
