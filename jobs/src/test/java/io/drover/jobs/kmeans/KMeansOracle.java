package io.drover.jobs.kmeans;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An independent, in-memory k-means written plainly from the documented procedure (nothing of the
 * main code's math is called): standardization by mean and sample stddev (two passes), seeded
 * k-means++ as {@code KMeansPlusPlus} documents it, Lloyd's iterations with an empty cluster
 * keeping its center, Spark MLlib's --tol rule (every center moved by at most tol), and a final
 * assignment for sizes and cost.
 */
final class KMeansOracle {
  final double[][] x;
  final int d;
  double[] mean;
  double[] std;

  KMeansOracle(double[][] points) {
    this.x = points;
    this.d = points[0].length;
  }

  /** The rows of a CSV file as commons-csv reads them; columns by name (null: all). */
  static KMeansOracle csv(Path file, List<String> columns) throws Exception {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    List<double[]> rows = new ArrayList<>();
    try (CSVParser p =
        CSVParser.parse(
            new StringReader(s),
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      List<String> names = columns == null ? p.getHeaderNames() : columns;
      for (CSVRecord rec : p) {
        double[] row = new double[names.size()];
        for (int j = 0; j < row.length; j++) {
          row[j] = Double.parseDouble(rec.get(names.get(j)).strip());
        }
        rows.add(row);
      }
    }
    return new KMeansOracle(rows.toArray(new double[0][]));
  }

  /** LIBSVM lines: the label ignored, features 1-based into a dense row of {@code d}. */
  static KMeansOracle libsvm(Path file, int d) throws Exception {
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] t = line.trim().split("\\s+");
      if (t.length == 0 || t[0].isEmpty()) {
        continue;
      }
      double[] row = new double[d];
      for (int i = 1; i < t.length; i++) {
        String[] kv = t[i].split(":");
        row[Integer.parseInt(kv[0]) - 1] = Double.parseDouble(kv[1]);
      }
      rows.add(row);
    }
    return new KMeansOracle(rows.toArray(new double[0][]));
  }

  /** What a run ends with: centers on the input scale, sizes, final cost, cost per iteration. */
  record Fit(double[][] centers, long[] sizes, double cost, List<Double> history, int iterations) {}

  Fit fit(int k, long seed, boolean standardize, int maxIter, double tol) {
    int n = x.length;
    double[][] z = new double[n][];
    mean = new double[d];
    std = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (double[] r : x) {
        s += r[j];
      }
      mean[j] = s / n;
      double q = 0;
      for (double[] r : x) {
        q += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
      double sd = n > 1 ? Math.sqrt(q / (n - 1)) : 0;
      std[j] = sd > 0 ? sd : 1;
    }
    for (int i = 0; i < n; i++) {
      z[i] = x[i].clone();
      if (standardize) {
        for (int j = 0; j < d; j++) {
          z[i][j] = (x[i][j] - mean[j]) / std[j];
        }
      }
    }
    // k-means++
    Random rng = new Random(seed);
    double[][] c = new double[k][];
    c[0] = z[(int) Math.floor(rng.nextDouble() * n)].clone();
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      dist[i] = d2(z[i], c[0]);
    }
    for (int m = 1; m < k; m++) {
      double total = 0;
      for (double v : dist) {
        total += v;
      }
      double u = rng.nextDouble() * total;
      double acc = 0;
      int pick = -1;
      for (int i = 0; i < n; i++) {
        acc += dist[i];
        if (acc > u) {
          pick = i;
          break;
        }
      }
      c[m] = z[pick].clone();
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], d2(z[i], c[m]));
      }
    }
    // Lloyd
    List<Double> history = new ArrayList<>();
    int it = 0;
    while (it < maxIter) {
      double[][] sum = new double[k][d];
      long[] cnt = new long[k];
      double cost = 0;
      for (double[] p : z) {
        int best = nearest(c, p);
        cost += d2(p, c[best]);
        cnt[best]++;
        for (int j = 0; j < d; j++) {
          sum[best][j] += p[j];
        }
      }
      history.add(cost);
      double[][] next = new double[k][];
      // Spark MLlib's KMeans: converged when every center that got points moved by at most
      // epsilon (isCenterConverged: squared distance <= epsilon^2); tol 0 is Drover's "off"
      boolean converged = tol > 0;
      for (int m = 0; m < k; m++) {
        next[m] = c[m].clone();
        if (cnt[m] > 0) {
          for (int j = 0; j < d; j++) {
            next[m][j] = sum[m][j] / cnt[m];
          }
          if (d2(next[m], c[m]) > tol * tol) {
            converged = false;
          }
        }
      }
      c = next;
      it++;
      if (converged) {
        break;
      }
    }
    long[] sizes = new long[k];
    double cost = 0;
    for (double[] p : z) {
      int best = nearest(c, p);
      sizes[best]++;
      cost += d2(p, c[best]);
    }
    double[][] out = new double[k][d];
    for (int m = 0; m < k; m++) {
      for (int j = 0; j < d; j++) {
        out[m][j] = standardize ? c[m][j] * std[j] + mean[j] : c[m][j];
      }
    }
    return new Fit(out, sizes, cost, history, it);
  }

  static int nearest(double[][] c, double[] p) {
    int best = 0;
    for (int m = 1; m < c.length; m++) {
      if (d2(p, c[m]) < d2(p, c[best])) {
        best = m;
      }
    }
    return best;
  }

  static double d2(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }
}
