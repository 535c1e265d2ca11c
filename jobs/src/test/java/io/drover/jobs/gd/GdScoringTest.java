package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** predict and evaluate with trained models, against metrics computed here from model.json. */
class GdScoringTest {
  Path work;
  Configuration conf;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-score");
    conf = LocalConf.create();
  }

  static double margin(double[] w, double[] x) {
    double m = 0;
    for (int j = 0; j < w.length; j++) {
      m += w[j] * x[j];
    }
    return m;
  }

  /** Exact AUC: the share of (positive, negative) pairs ranked right, ties half. */
  static double exactAuc(double[] pos, double[] neg) {
    Arrays.sort(neg);
    double right = 0;
    for (double p : pos) {
      int below = lowerBound(neg, p);
      int upTo = lowerBound(neg, Math.nextUp(p));
      right += below + (upTo - below) / 2.0;
    }
    return right / ((double) pos.length * neg.length);
  }

  static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Test
  void logregModelScoredOnA9aTest() throws Exception {
    Path a9a = TestData.path("classification/a9a");
    Path a9at = TestData.path("classification/a9a.t");
    Path model = work.resolve("model");
    assertEquals(
        0,
        GdRun.run(conf, new LogReg(), "--no-standardize",
            "--max-iter", "10", a9a.toString(), model.toString()).code());
    double[] w = GdRun.weights(model);
    GdOracle test = GdOracle.libsvm(a9at, 123);

    Evaluate ev = new Evaluate();
    assertEquals(
        0,
        ToolRunner.run(
            new Configuration(conf), ev, new String[] {model.toString(), a9at.toString()}));
    Map<String, Object> m = ev.metrics();
    int n = test.y.length;
    long correct = test.correct(w, 1);
    assertEquals((double) correct / n, (Double) m.get("accuracy"), 0.0);
    assertEquals(
        "82.40%", String.format(java.util.Locale.ROOT, "%.2f%%", 100 * (Double) m.get("accuracy")));
    double logLoss = 0;
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    long tp = 0;
    for (int i = 0; i < n; i++) {
      double p = 1 / (1 + Math.exp(-margin(w, test.x[i])));
      boolean positive = test.y[i] == 1;
      logLoss -= Math.log(positive ? p : 1 - p);
      (positive ? pos : neg).add(p);
      if (positive && p > 0.5) {
        tp++;
      }
    }
    assertEquals(logLoss / n, (Double) m.get("log_loss"), 1e-12);
    double auc =
        exactAuc(
            pos.stream().mapToDouble(v -> v).toArray(), neg.stream().mapToDouble(v -> v).toArray());
    assertEquals(auc, (Double) m.get("auc"), 1e-4);
    assertTrue((Double) m.get("auc_max_error") < 1e-4, m.toString());
    @SuppressWarnings("unchecked")
    Map<String, Long> c = (Map<String, Long>) m.get("confusion");
    assertEquals(tp, c.get("true_positive"));
    assertEquals(pos.size() - tp, c.get("false_negative"));
    assertEquals(correct - tp, c.get("true_negative"));

    Path preds = work.resolve("preds");
    assertEquals(
        0,
        ToolRunner.run(
            new Configuration(conf),
            new Predict(),
            new String[] {model.toString(), a9at.toString(), preds.toString()}));
    List<String> lines = Files.readAllLines(preds.resolve("part-m-00000"));
    assertEquals(n, lines.size());
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i).split("\t");
      double mg = margin(w, test.x[i]);
      assertEquals(test.y[i] == 1 ? "1" : "-1", f[0], lines.get(i));
      assertEquals(1 / (1 + Math.exp(-mg)), Double.parseDouble(f[1]), 1e-12, lines.get(i));
      assertEquals(mg > 0 ? "1" : "-1", f[2], lines.get(i));
    }
  }

  @Test
  void linregModelEvaluatedAndPredictedOnCcpp() throws Exception {
    Path ccpp = TestData.path("regression/ccpp.csv");
    Path model = work.resolve("model");
    assertEquals(
        0,
        GdRun.run(
                conf,
                new LinReg(),
                "--standardize",
                "--step",
                "0.5",
                "--max-iter",
                "20",
                "--label",
                "energy",
                ccpp.toString(),
                model.toString())
            .code());
    double[] w = GdRun.weights(model);
    GdOracle data = GdOracle.csv(ccpp, "energy");
    Evaluate ev = new Evaluate();
    assertEquals(
        0,
        ToolRunner.run(
            new Configuration(conf), ev, new String[] {model.toString(), ccpp.toString()}));
    Map<String, Object> m = ev.metrics();
    assertEquals(data.rmse(w), (Double) m.get("rmse"), 1e-9 * data.rmse(w));
    double sae = 0;
    double mean = Arrays.stream(data.y).average().orElseThrow();
    double sst = 0;
    for (int i = 0; i < data.y.length; i++) {
      sae += Math.abs(margin(w, data.x[i]) - data.y[i]);
      sst += (data.y[i] - mean) * (data.y[i] - mean);
    }
    assertEquals(sae / data.y.length, (Double) m.get("mae"), 1e-9);
    double sse = Math.pow(data.rmse(w), 2) * data.y.length;
    assertEquals(1 - sse / sst, (Double) m.get("r2"), 1e-9);

    // unlabeled CSV rows (no energy column) get an empty label
    Path unlabeled = work.resolve("new.csv");
    Files.writeString(
        unlabeled, "humidity,temperature,vacuum,pressure\r\n73.17,14.96,41.76,1024.07\r\n");
    Path preds = work.resolve("preds");
    assertEquals(
        0,
        ToolRunner.run(
            new Configuration(conf),
            new Predict(),
            new String[] {model.toString(), unlabeled.toString(), preds.toString()}));
    String[] f = Files.readAllLines(preds.resolve("part-m-00000")).get(0).split("\t", -1);
    assertEquals("", f[0]);
    double expected = margin(w, new double[] {14.96, 41.76, 1024.07, 73.17, 1});
    assertEquals(expected, Double.parseDouble(f[1]), 1e-9);
  }
}
