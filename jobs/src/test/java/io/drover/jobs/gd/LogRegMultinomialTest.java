package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multinomial (softmax) logistic regression on UCI Wine (178 wines, 13 unscaled measurements, 3
 * cultivars labelled 0, 1, 2; scikit-learn's CSV with its "178,13,class_0,..." header line):
 * every fourth row held out, the rest trained on with the default standardization, against the
 * in-test {@link SoftmaxOracle} on {@link GdOracle}'s z-scored rows: weights, losses, predictions,
 * probabilities and the held-out evaluation.
 */
class LogRegMultinomialTest {
  static Path work;
  static Path train;
  static Path test;
  static GdOracle trainRows;
  static GdOracle testRows;
  static final int ITERATIONS = 40;
  Configuration conf = LocalConf.create();

  /** Rows i % 4 == 3 (after the header line) to {@code test.csv}, the others to train.csv. */
  @BeforeAll
  static void split() throws Exception {
    work = TestDirs.fresh("gd-multinomial");
    List<String> lines = Files.readAllLines(TestData.path("classification/wine.csv"));
    List<String> a = new ArrayList<>(List.of(lines.get(0)));
    List<String> b = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      ((i - 1) % 4 == 3 ? b : a).add(lines.get(i));
    }
    train = Files.write(work.resolve("train.csv"), a);
    test = Files.write(work.resolve("test.csv"), b);
    trainRows = rows(a.subList(1, a.size()));
    testRows = rows(b.subList(1, b.size()));
  }

  /** Dense rows with a trailing 1, the last CSV field the class index. */
  static GdOracle rows(List<String> lines) {
    double[][] x = new double[lines.size()][];
    double[] y = new double[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      x[i] = new double[f.length];
      for (int j = 0; j < f.length - 1; j++) {
        x[i][j] = Double.parseDouble(f[j]);
      }
      x[i][f.length - 1] = 1;
      y[i] = Double.parseDouble(f[f.length - 1]);
    }
    return new GdOracle(x, y);
  }

  static int[] classes(GdOracle o) {
    int[] y = new int[o.y.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) o.y[i];
    }
    return y;
  }

  /** Weights trained on {@code z}'s z-scored rows, class by class on the original scale. */
  static double[][] oracle(GdOracle z, double[][] trained) {
    double[][] w = new double[trained.length][];
    for (int c = 0; c < w.length; c++) {
      w[c] = z.unstandardize(trained[c]);
    }
    return w;
  }

  static String[] args(String... tail) {
    List<String> a = new ArrayList<>(List.of("--ignore-header", "--label", "c14", "--tol", "0",
        "--max-iter", Integer.toString(ITERATIONS)));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  @Test
  void wineTrainsAsTheOracleAndScoresTheHeldOutRowsAsItDoes() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r = GdRun.run(conf, new LogReg(), args(train.toString(), out.toString()));
    assertEquals(0, r.code(), r.err());
    int[] y = classes(trainRows);
    long[] n = new long[3];
    for (int c : y) {
      n[c]++;
    }
    assertTrue(r.err().contains(String.format("logreg: 3 classes, multinomial (softmax): labels"
        + " 0 -> 0 (%d records), 1 -> 1 (%d), 2 -> 2 (%d)%n", n[0], n[1], n[2])), r.err());

    GdOracle z = trainRows.standardized();
    SoftmaxOracle s = new SoftmaxOracle(z.x, y, 3);
    double[][] expected = oracle(z, s.train(1.0, ITERATIONS, 0));
    JsonNode m = GdRun.model(out);
    assertEquals("multinomial", m.get("family").asText());
    assertEquals("[0.0,1.0,2.0]", m.get("classes").toString());
    assertEquals(0, m.get("step_halvings").asInt());
    SoftmaxOracle.assertClose(expected, SoftmaxOracle.modelWeights(m));
    // the loss per iteration in history.csv: the oracle's mean cross-entropy at each state
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(ITERATIONS + 1, history.size());
    for (int t = 1; t <= ITERATIONS; t++) {
      double loss = Double.parseDouble(history.get(t).split(",")[1]);
      assertEquals(s.losses.get(t - 1), loss, 1e-9 * s.losses.get(t - 1), "iteration " + t);
    }
    assertEquals(Math.log(3), s.losses.get(0), 1e-12); // uniform at w = 0

    // evaluate on the held-out rows: the oracle's predictions, confusion and log-loss
    int[] truth = classes(testRows);
    int[] said = SoftmaxOracle.predict(expected, testRows.x);
    long[][] confusion = new long[3][3];
    double logLoss = 0;
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      confusion[truth[i]][said[i]]++;
      right += truth[i] == said[i] ? 1 : 0;
      logLoss -= Math.log(SoftmaxOracle.probabilities(expected, testRows.x[i])[truth[i]]);
    }
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev,
        new String[] {out.toString(), test.toString()}));
    Map<String, Object> e = ev.metrics();
    assertEquals((long) truth.length, e.get("records"));
    assertEquals((double) right / truth.length, (double) e.get("accuracy"));
    assertEquals(logLoss / truth.length, (double) e.get("log_loss"), 1e-9);
    @SuppressWarnings("unchecked")
    Map<String, Object> cm = (Map<String, Object>) e.get("confusion");
    @SuppressWarnings("unchecked")
    List<long[]> matrix = (List<long[]>) cm.get("matrix");
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(confusion[c], matrix.get(c), "true class " + c);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> per = (List<Map<String, Object>>) e.get("per_class");
    for (int c = 0; c < 3; c++) {
      long tp = confusion[c][c];
      long predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
      long actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
      assertEquals(Integer.toString(c), per.get(c).get("class"));
      assertEquals((double) tp / predicted, (double) per.get(c).get("precision"));
      assertEquals((double) tp / actual, (double) per.get(c).get("recall"));
      assertEquals(actual, per.get(c).get("support"));
    }
    System.out.println("wine multinomial, held-out accuracy " + e.get("accuracy") + " log-loss "
        + e.get("log_loss"));

    // predict: label, probability of the predicted class, the class, each class's probability
    Path preds = work.resolve("preds");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new Predict(),
        new String[] {"--ignore-header", out.toString(), test.toString(), preds.toString()}));
    List<String> lines = Files.readAllLines(preds.resolve("part-m-00000"));
    assertEquals(truth.length, lines.size());
    for (int i = 0; i < truth.length; i++) {
      String[] f = lines.get(i).split("\t", -1);
      double[] p = SoftmaxOracle.probabilities(expected, testRows.x[i]);
      assertEquals(6, f.length, lines.get(i));
      assertEquals(Integer.toString(truth[i]), f[0]);
      assertEquals(Integer.toString(said[i]), f[2]);
      assertEquals(p[said[i]], Double.parseDouble(f[1]), 1e-9, lines.get(i));
      for (int c = 0; c < 3; c++) {
        assertEquals(p[c], Double.parseDouble(f[3 + c]), 1e-9, lines.get(i));
      }
    }
    assertEquals("label\tdouble\nscore\tdouble\nprediction\tdouble\nprobability_0\tdouble\n"
        + "probability_1\tdouble\nprobability_2\tdouble\n",
        Files.readString(preds.resolve("_schema")));
  }

  static String[] argsFor(int iterations, String... tail) {
    List<String> a = new ArrayList<>(List.of("--ignore-header", "--label", "c14", "--tol", "0",
        "--max-iter", Integer.toString(iterations)));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  /**
   * A driver killed with SIGKILL after its third iteration resumes to the bytes of an
   * uninterrupted run; the training set cut into chunks of 1,500 bytes (several map tasks on two
   * slots), so only the fixed summation order keeps the bits.
   */
  @Test
  void aKilledMultinomialRunResumesToTheSameBytes() throws Exception {
    Path straight = work.resolve("straight");
    Path resumed = work.resolve("resumed");
    String chunk = "drover.gd.chunk.bytes=1500";
    GdRun.Run r = GdRun.run(conf, new LogReg(),
        GdRun.plus("-D", GdRun.plus(chunk, argsFor(8, train.toString(), straight.toString()))));
    assertEquals(0, r.code(), r.err());
    assertTrue(GdResumeTest.countChunks(straight.resolve("data")) >= 4);

    GdResumeTest.killAfter(LogReg.class, "logreg: iteration 3/8 ",
        GdRun.plus("-D", GdRun.plus(chunk, argsFor(8, train.toString(), resumed.toString()))));
    assertTrue(!Files.exists(resumed.resolve("model.json")));
    int latest = GdResumeTest.latestCommitted(resumed.resolve("iterations"));
    assertTrue(latest >= 3 && latest < 8, "latest committed " + latest);

    GdRun.Run again = GdRun.run(conf, new LogReg(),
        GdRun.plus("-D", GdRun.plus(chunk, argsFor(8, train.toString(), resumed.toString()))));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resuming the unfinished run"), again.err());
    assertArrayEquals(Files.readAllBytes(straight.resolve("iterations/iter-00008/state.bin")),
        Files.readAllBytes(resumed.resolve("iterations/iter-00008/state.bin")));
    assertEquals(GdRun.model(straight).get("weights"), GdRun.model(resumed).get("weights"));
    assertEquals(GdRun.model(straight).get("intercept"), GdRun.model(resumed).get("intercept"));
    GdOracle z = trainRows.standardized();
    SoftmaxOracle s = new SoftmaxOracle(z.x, classes(trainRows), 3);
    SoftmaxOracle.assertClose(oracle(z, s.train(1.0, 8, 0)),
        SoftmaxOracle.modelWeights(GdRun.model(resumed)));
  }

  /**
   * Mini-batch falls out of the same map tasks: the gradient of the seeded Bernoulli sample
   * ({@link io.drover.jobs.gd.model.Sampling}'s contract, one chunk), the loss of every row; with
   * an L2 penalty, against the oracle fed the same samples.
   */
  @Test
  void minibatchWithL2TrainsAsTheOracleOnTheSameSamples() throws Exception {
    Path out = work.resolve("minibatch");
    GdRun.Run r = GdRun.run(conf, new LogReg(), argsFor(15, "--mode", "minibatch", "--fraction",
        "0.5", "--l2", "0.01", train.toString(), out.toString()));
    assertEquals(0, r.code(), r.err());
    GdOracle z = trainRows.standardized();
    SoftmaxOracle s = new SoftmaxOracle(z.x, classes(trainRows), 3);
    double[] steps = new double[15];
    java.util.Arrays.fill(steps, 1.0);
    double[][] w = s.train(steps, 0.01, t -> {
      java.util.SplittableRandom rng = GdModesTest.rng(42, t, "part-00000-0000.bin");
      boolean[] keep = new boolean[z.x.length];
      for (int i = 0; i < keep.length; i++) {
        keep[i] = rng.nextDouble() < 0.5;
      }
      return keep;
    });
    JsonNode m = GdRun.model(out);
    assertEquals(0, m.get("step_halvings").asInt());
    SoftmaxOracle.assertClose(oracle(z, w), SoftmaxOracle.modelWeights(m));
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    for (int t = 1; t <= 15; t++) {
      double loss = Double.parseDouble(history.get(t).split(",")[1]);
      assertEquals(s.losses.get(t - 1), loss, 1e-9 * s.losses.get(t - 1), "iteration " + t);
    }
  }

  /**
   * A larger derived label: the flights slice's delay in three bins (early: below 0 minutes,
   * ontime: 0 to 15, late: above 15), distance numeric, origin and destination one-hot (203
   * features, 3 x 204 weights), 30,000 rows in 9 chunks; held-out accuracy on the next 10,000
   * equal to the oracle's.
   */
  @Test
  void flightsDelayInThreeBinsMatchesTheOracle() throws Exception {
    java.util.function.IntFunction<String> bin =
        d -> d < 0 ? "early" : d <= 15 ? "ontime" : "late";
    Path ftrain = GdCategoricalTest.flights(work, "f-train.csv", 0, 30_000, "delay", bin);
    Path ftest = GdCategoricalTest.flights(work, "f-test.csv", 30_000, 40_000, "delay", bin);
    Path out = work.resolve("flights");
    GdRun.Run r = GdRun.run(conf, new LogReg(), "-D", "drover.gd.chunk.bytes=200000",
        "--max-iter", "10", "--tol", "0", "--label", "delay", ftrain.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(GdResumeTest.countChunks(out.resolve("data")) >= 5);
    List<String> order = List.of("early", "late", "ontime");
    List<String[]> data = GdCategoricalTest.rows(ftrain);
    List<String[]> rows = data.subList(1, data.size());
    GdCategoricalTest.OneHot enc =
        new GdCategoricalTest.OneHot(List.of("distance", "origin", "destination"), rows, 100);
    JsonNode m = GdRun.model(out);
    assertEquals(enc.featureNames().size(), m.get("features").asInt());
    assertEquals("[\"early\",\"late\",\"ontime\"]", m.get("classes").toString());
    GdOracle z = encoded(enc, rows, order).standardized();
    SoftmaxOracle s = new SoftmaxOracle(z.x, classes(z), 3);
    double[][] w = oracle(z, s.train(1.0, 10, 0));
    SoftmaxOracle.assertClose(w, SoftmaxOracle.modelWeights(m));

    List<String[]> held = GdCategoricalTest.rows(ftest);
    GdOracle h = encoded(enc, held.subList(1, held.size()), order);
    int[] said = SoftmaxOracle.predict(w, h.x);
    int right = 0;
    for (int i = 0; i < said.length; i++) {
      right += said[i] == (int) h.y[i] ? 1 : 0;
    }
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev,
        new String[] {out.toString(), ftest.toString()}));
    assertEquals((double) right / said.length, (double) ev.metrics().get("accuracy"));
    System.out.println("flights 3 bins, held-out accuracy " + ev.metrics().get("accuracy")
        + " log-loss " + ev.metrics().get("log_loss"));
  }

  /** The one-hot rows of {@code rows}, the last field's class index in {@code order}. */
  static GdOracle encoded(GdCategoricalTest.OneHot enc, List<String[]> rows, List<String> order) {
    double[][] x = new double[rows.size()][];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      x[i] = enc.row(r);
      y[i] = order.indexOf(r[r.length - 1].trim());
    }
    return new GdOracle(x, y);
  }
}
