package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV columns that are not numbers: one-hot encoded, missing values imputed, checked against an
 * encoder written here from a plain map feeding the {@link GdOracle}, on a slice of the public
 * flights data and on a small hand-made file; predict and evaluate encode the same way.
 */
class GdCategoricalTest {
  Path work;
  Configuration conf;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-categorical");
    conf = LocalConf.create();
  }

  /**
   * The test's own encoder: a column with a non-missing value that is not a finite number is
   * categorical; its {@code max} most frequent values (ties by text), then __missing__ if any,
   * then __other__ if more; other columns numeric with missing values replaced by their mean.
   */
  static final class OneHot {
    final List<String> names = new ArrayList<>();
    final List<List<String>> levels = new ArrayList<>();
    final List<Boolean> missingLevel = new ArrayList<>();
    final List<Boolean> otherLevel = new ArrayList<>();
    final List<Double> mean = new ArrayList<>();

    static boolean missing(String v) {
      return v.isEmpty() || v.equals("?");
    }

    static Double number(String v) {
      try {
        double d = Double.parseDouble(v);
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    static String text(String v) {
      Double d = number(v);
      if (d == null) {
        return v;
      }
      return d == Math.floor(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }

    OneHot(List<String> columns, List<String[]> rows, int max) {
      for (int c = 0; c < columns.size(); c++) {
        names.add(columns.get(c));
        boolean cat = false;
        boolean anyMissing = false;
        double sum = 0;
        int n = 0;
        Map<String, Integer> counts = new HashMap<>();
        for (String[] r : rows) {
          String v = r[c].trim();
          if (missing(v)) {
            anyMissing = true;
            continue;
          }
          cat |= number(v) == null;
          counts.merge(text(v), 1, Integer::sum);
          if (number(v) != null) {
            sum += number(v);
            n++;
          }
        }
        if (!cat) {
          levels.add(null);
          missingLevel.add(false);
          otherLevel.add(false);
          mean.add(n == 0 ? 0 : sum / n);
          continue;
        }
        List<String> all = new ArrayList<>(counts.keySet());
        all.sort((a, b) -> counts.get(a).equals(counts.get(b)) ? a.compareTo(b)
            : counts.get(b) - counts.get(a));
        levels.add(all.subList(0, Math.min(max, all.size())));
        missingLevel.add(anyMissing);
        otherLevel.add(all.size() > max);
        mean.add(0.0);
      }
    }

    List<String> featureNames() {
      List<String> out = new ArrayList<>();
      for (int c = 0; c < names.size(); c++) {
        if (levels.get(c) == null) {
          out.add(names.get(c));
          continue;
        }
        for (String l : levels.get(c)) {
          out.add(names.get(c) + "=" + l);
        }
        if (missingLevel.get(c)) {
          out.add(names.get(c) + "=__missing__");
        }
        if (otherLevel.get(c)) {
          out.add(names.get(c) + "=__other__");
        }
      }
      return out;
    }

    /** The dense row, a trailing 1 for the intercept. */
    double[] row(String[] r) {
      List<String> f = featureNames();
      double[] x = new double[f.size() + 1];
      x[f.size()] = 1;
      for (int c = 0; c < names.size(); c++) {
        String v = r[c].trim();
        String n = names.get(c);
        if (levels.get(c) == null) {
          x[f.indexOf(n)] = missing(v) ? mean.get(c) : number(v);
        } else if (missing(v)) {
          if (missingLevel.get(c)) {
            x[f.indexOf(n + "=__missing__")] = 1;
          }
        } else if (levels.get(c).contains(text(v))) {
          x[f.indexOf(n + "=" + text(v))] = 1;
        } else if (otherLevel.get(c)) {
          x[f.indexOf(n + "=__other__")] = 1;
        }
      }
      return x;
    }
  }

  /** CSV rows split naively (the test files have no quotes), header first. */
  static List<String[]> rows(Path csv) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      out.add(line.split(",", -1));
    }
    return out;
  }

  /** The oracle over {@code rows} (no header), the last column the label, 1 where it is {@code one}. */
  static GdOracle oracle(OneHot enc, List<String[]> rows, String one) {
    double[][] x = new double[rows.size()][];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = enc.row(rows.get(i));
      y[i] = rows.get(i)[rows.get(i).length - 1].trim().equals(one) ? 1 : 0;
    }
    return new GdOracle(x, y);
  }

  static final String SMALL =
      "color,size,grade,y\n"
          + "red,1,A,yes\n"
          + "blue,?,2,no\n"
          + " red ,3,2.0,yes\n"
          + "green,2,B,no\n"
          + "?,1,,yes\n"
          + "blue,2,A,no\n"
          + "white,,02,yes\n"
          + "red,4,B,no\n"
          + "green,3,A,yes\n"
          + "blue,1,2,no\n";

  @Test
  void aSmallFileWithMissingValuesTrainsAsTheOracleAndPredictEncodesUnseenValues()
      throws Exception {
    Path csv = work.resolve("small.csv");
    Files.writeString(csv, SMALL);
    Path out = work.resolve("small-model");
    GdRun.Run r = GdRun.run(conf, new LogReg(), "--max-categories", "2", "--max-iter", "15",
        "--tol", "0", "--label", "y", csv.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode m = GdRun.model(out);
    // color: red 3, blue 3, green 2, white 1, missing 1; grade: 2 4 (2, 2.0, 02, 2), A 3, B 2
    List<String> names = List.of("color=blue", "color=red", "color=__missing__",
        "color=__other__", "size", "grade=2", "grade=A", "grade=__missing__", "grade=__other__");
    assertEquals(names.toString(), m.get("feature_names").toString().replace("\"", "")
        .replace(",", ", "));
    assertEquals(9, m.get("features").asInt());
    assertEquals("[{\"column\":\"color\",\"kind\":\"categorical\",\"levels\":[\"blue\",\"red\"],"
        + "\"missing_level\":true,\"other_level\":true},{\"column\":\"size\",\"kind\":\"numeric\","
        + "\"impute\":2.125},{\"column\":\"grade\",\"kind\":\"categorical\",\"levels\":[\"2\",\"A\"],"
        + "\"missing_level\":true,\"other_level\":true}]", m.get("encoding").toString());

    List<String[]> data = rows(csv);
    OneHot enc = new OneHot(Arrays.asList(data.get(0)).subList(0, 3), data.subList(1, data.size()),
        2);
    assertEquals(names, enc.featureNames());
    GdOracle z = oracle(enc, data.subList(1, data.size()), "yes").standardized();
    double[] w = GdRun.weights(out);
    GdRun.assertClose(z.unstandardize(z.train(true, 1, 1.0, 15, 0)), w);

    // predict: an unseen color and grade go to __other__, a missing size is the mean (2.125)
    Path score = work.resolve("score.csv");
    Files.writeString(score, "grade,color,size\nC,purple,\n,?,5\nA,red,1.5\n");
    Path preds = work.resolve("preds");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new Predict(),
        new String[] {out.toString(), score.toString(), preds.toString()}));
    List<String> lines = Files.readAllLines(preds.resolve("part-m-00000"));
    double[][] expected = {
      {0, 0, 0, 1, 2.125, 0, 0, 0, 1},
      {0, 0, 1, 0, 5, 0, 0, 1, 0},
      {0, 1, 0, 0, 1.5, 0, 1, 0, 0},
    };
    assertEquals(3, lines.size());
    for (int i = 0; i < 3; i++) {
      double margin = w[9];
      for (int j = 0; j < 9; j++) {
        margin += w[j] * expected[i][j];
      }
      String[] f = lines.get(i).split("\t", -1);
      assertEquals("", f[0]);
      assertEquals(1 / (1 + Math.exp(-margin)), Double.parseDouble(f[1]), 1e-12, lines.get(i));
      assertEquals(margin > 0 ? "yes" : "no", f[2]);
    }

    // a number column holding text at predict time: exit 1 naming the file and the column
    Path bad = work.resolve("bad.csv");
    Files.writeString(bad, "color,size,grade\nred,big,A\n");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Predict p = new Predict();
    p.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, ToolRunner.run(new Configuration(conf), p,
        new String[] {out.toString(), bad.toString(), work.resolve("bad-preds").toString()}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(
        "column 'size' 'big' is not a number (the model reads the column as numeric)"),
        err.toString(StandardCharsets.UTF_8));
  }

  /** Flights rows {@code from..to} (0-based, after the header) as distance,origin,destination,late. */
  static Path flights(Path dir, String name, int from, int to) throws Exception {
    return flights(dir, name, from, to, "late", delay -> delay > 15 ? "yes" : "no");
  }

  /** The same with the label {@code label}, {@code bin} of the delay in minutes. */
  static Path flights(Path dir, String name, int from, int to, String label,
      java.util.function.IntFunction<String> bin) throws Exception {
    Path src = TestData.path("events/flights-200k.csv");
    StringBuilder b = new StringBuilder("distance,origin,destination," + label + "\n");
    try (BufferedReader r = Files.newBufferedReader(src, StandardCharsets.UTF_8)) {
      r.readLine();
      String line;
      int i = 0;
      while ((line = r.readLine()) != null && i < to) {
        if (i++ >= from) {
          String[] f = line.split(",", -1); // date,delay,distance,origin,destination
          b.append(f[2]).append(',').append(f[3]).append(',').append(f[4]).append(',')
              .append(bin.apply(Integer.parseInt(f[1]))).append('\n');
        }
      }
    }
    Path out = dir.resolve(name);
    Files.writeString(out, b.toString());
    return out;
  }

  @Test
  void flightsDelayedByOriginDestinationAndDistanceMatchTheOracle() throws Exception {
    Path train = flights(work, "flights-train.csv", 0, 20_000);
    Path test = flights(work, "flights-test.csv", 20_000, 30_000);
    Path out = work.resolve("flights-model");
    GdRun.Run r = GdRun.run(conf, new LogReg(), "--max-iter", "10", "--tol", "0", "--label",
        "late", train.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    List<String[]> data = rows(train);
    List<String[]> rows = data.subList(1, data.size());
    OneHot enc = new OneHot(List.of("distance", "origin", "destination"), rows, 100);
    JsonNode m = GdRun.model(out);
    List<String> names = new ArrayList<>();
    m.get("feature_names").forEach(n -> names.add(n.asText()));
    assertEquals(enc.featureNames(), names);
    assertEquals(203, names.size()); // distance, 100 + other each (no missing values)
    GdOracle z = oracle(enc, rows, "yes").standardized();
    double[] w = GdRun.weights(out);
    GdRun.assertClose(z.unstandardize(z.train(true, 1, 1.0, 10, 0)), w);

    // evaluate on the next 10,000 rows: the accuracy of the oracle's encoding of them
    List<String[]> held = rows(test);
    GdOracle h = oracle(enc, held.subList(1, held.size()), "yes");
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev,
        new String[] {out.toString(), test.toString()}));
    Map<String, Object> metrics = ev.metrics();
    assertEquals(h.correct(w, 1) / 10_000.0, (Double) metrics.get("accuracy"), 1e-12,
        metrics.toString());
  }

  /**
   * The oracle of {@code --hash-features n}: the numeric columns, then n features where each
   * categorical value (or __missing__) adds the sign of its scikit-learn FeatureHasher feature.
   */
  static GdOracle hashedOracle(OneHot enc, List<String[]> rows, int n, String one) {
    int numeric = (int) enc.levels.stream().filter(l -> l == null).count();
    double[][] x = new double[rows.size()][numeric + n + 1];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      int j = 0;
      for (int c = 0; c < enc.names.size(); c++) {
        String v = r[c].trim();
        if (enc.levels.get(c) == null) {
          x[i][j++] = OneHot.missing(v) ? enc.mean.get(c) : OneHot.number(v);
        } else {
          int[] f = io.drover.jobs.gd.data.Murmur3Oracle.feature(
              enc.names.get(c) + "=" + (OneHot.missing(v) ? "__missing__" : OneHot.text(v)), n);
          x[i][numeric + f[0]] += f[1];
        }
      }
      x[i][numeric + n] = 1;
      y[i] = r[r.length - 1].trim().equals(one) ? 1 : 0;
    }
    return new GdOracle(x, y);
  }

  @Test
  void flightsWithHashedAirportsMatchTheOracle() throws Exception {
    Path train = flights(work, "flights-train.csv", 0, 20_000);
    Path test = flights(work, "flights-test.csv", 20_000, 30_000);
    Path out = work.resolve("flights-hashed");
    GdRun.Run r = GdRun.run(conf, new LogReg(), "--hash-features", "32", "--max-iter", "10",
        "--tol", "0", "--label", "late", train.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    List<String[]> data = rows(train);
    List<String[]> rows = data.subList(1, data.size());
    OneHot enc = new OneHot(List.of("distance", "origin", "destination"), rows, 100);
    JsonNode m = GdRun.model(out);
    assertEquals(33, m.get("features").asInt());
    assertEquals("distance", m.get("feature_names").get(0).asText());
    assertEquals("hash_31", m.get("feature_names").get(32).asText());
    assertEquals("{\"column\":\"origin\",\"kind\":\"hashed\",\"hash_features\":32}",
        m.get("encoding").get(1).toString());
    GdOracle z = hashedOracle(enc, rows, 32, "yes").standardized();
    double[] w = GdRun.weights(out);
    GdRun.assertClose(z.unstandardize(z.train(true, 1, 1.0, 10, 0)), w);

    List<String[]> held = rows(test);
    GdOracle h = hashedOracle(enc, held.subList(1, held.size()), 32, "yes");
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev,
        new String[] {out.toString(), test.toString()}));
    assertEquals(h.correct(w, 1) / 10_000.0, (Double) ev.metrics().get("accuracy"), 1e-12);
  }

  @Test
  void aRestartReusesTheEncodedSetUnlessTheEncodingOptionsChange() throws Exception {
    Path csv = work.resolve("small.csv");
    Files.writeString(csv, SMALL);
    Path out = work.resolve("restart");
    String[] base = {"--max-categories", "2", "--max-iter", "3", "--tol", "0", "--label", "y",
        csv.toString(), out.toString()};
    GdRun.Run first = GdRun.run(conf, new LogReg(), base);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("encoding 2 categorical column(s) into 9 features"),
        first.err());
    GdRestartTest.unfinish(out);

    // another step: the encoded training set and its encoding are reused
    GdRun.Run again = GdRun.run(conf, new LogReg(), "--restart", "--step", "0.5",
        "--max-categories", "2", "--max-iter", "3", "--tol", "0", "--label", "y", csv.toString(),
        out.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(!again.err().contains("parsing") && !again.err().contains("encoding"),
        again.err());
    List<String[]> data = rows(csv);
    OneHot enc = new OneHot(Arrays.asList(data.get(0)).subList(0, 3), data.subList(1, data.size()),
        2);
    assertEquals(enc.featureNames().size(), GdRun.model(out).get("features").asInt());
    GdOracle z = oracle(enc, data.subList(1, data.size()), "yes").standardized();
    GdRun.assertClose(z.unstandardize(z.train(true, 1, 0.5, 3, 0)), GdRun.weights(out));

    // another cap: parsed and encoded again (the cap is in the training set's fingerprint)
    GdRestartTest.unfinish(out);
    GdRun.Run three = GdRun.run(conf, new LogReg(), "--restart", "--max-categories", "3",
        "--max-iter", "3", "--tol", "0", "--label", "y", csv.toString(), out.toString());
    assertEquals(0, three.code(), three.err());
    assertTrue(three.err().contains("encoding 2 categorical column(s) into 10 features"),
        three.err()); // color: blue, red, green, missing, other; size; grade: 2, A, B, missing
    OneHot enc3 = new OneHot(Arrays.asList(data.get(0)).subList(0, 3),
        data.subList(1, data.size()), 3);
    List<String> names = new ArrayList<>();
    GdRun.model(out).get("feature_names").forEach(n -> names.add(n.asText()));
    assertEquals(enc3.featureNames(), names);
    GdOracle z3 = oracle(enc3, data.subList(1, data.size()), "yes").standardized();
    GdRun.assertClose(z3.unstandardize(z3.train(true, 1, 1.0, 3, 0)), GdRun.weights(out));
  }
}
