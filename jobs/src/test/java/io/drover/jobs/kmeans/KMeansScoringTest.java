package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kmeans-predict and kmeans-evaluate on ccpp with models trained here. */
class KMeansScoringTest {
  static final Configuration CONF = LocalConf.create();
  static Path work;
  static Path ccpp;
  static Path plain;
  static Path standardized;

  @BeforeAll
  static void train() throws Exception {
    work = TestDirs.fresh("kmeans-scoring");
    ccpp = TestData.path("regression/ccpp.csv");
    plain = work.resolve("plain");
    standardized = work.resolve("z");
    KMeansRun.Run r =
        KMeansRun.run(
            CONF, "--k", "4", "--max-iter", "6", "--tol", "0", ccpp.toString(), plain.toString());
    assertEquals(0, r.code(), r.err());
    r =
        KMeansRun.run(
            CONF,
            "--k",
            "3",
            "--standardize",
            "--features",
            "vacuum,temperature,humidity",
            "--max-iter",
            "5",
            ccpp.toString(),
            standardized.toString());
    assertEquals(0, r.code(), r.err());
  }

  record Out(int code, String err) {}

  static Out run(org.apache.hadoop.util.Tool tool, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ((io.drover.common.run.DroverTool) tool)
        .setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(CONF), tool, args);
    return new Out(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void evaluateOnTheTrainingDataGivesTheModelsSizesAndCost() throws Exception {
    for (Path model : List.of(plain, standardized)) {
      KMeansEvaluate ev = new KMeansEvaluate();
      Out o = run(ev, model.toString(), ccpp.toString());
      assertEquals(0, o.code(), o.err());
      Map<String, Object> m = ev.metrics();
      JsonNode j = KMeansRun.centersJson(model);
      assertEquals(9568L, m.get("records"));
      KMeansRun.assertClose(j.get("cost").asDouble(), (Double) m.get("wssse"), "wssse");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> cs = (List<Map<String, Object>>) m.get("centers");
      long[] sizes = new long[cs.size()];
      for (int c = 0; c < sizes.length; c++) {
        sizes[c] = (Long) cs.get(c).get("size");
      }
      assertArrayEquals(KMeansRun.sizes(model), sizes);
    }
  }

  @Test
  void predictAssignsEveryRecordItsNearestCenterInInputOrder() throws Exception {
    Path out = work.resolve("predicted");
    Out o = run(new KMeansPredict(), plain.toString(), ccpp.toString(), out.toString());
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(out.resolve("part-00000"));
    double[][] x = KMeansOracle.csv(ccpp, null).x;
    double[][] centers = KMeansRun.centers(plain);
    assertEquals(x.length, lines.size());
    long[] counts = new long[centers.length];
    for (int i = 0; i < x.length; i++) {
      int want = KMeansOracle.nearest(centers, x[i]);
      String[] f = lines.get(i).split("\t");
      assertEquals(want, Integer.parseInt(f[0]), "record " + i);
      KMeansRun.assertClose(
          KMeansOracle.d2(x[i], centers[want]),
          Double.parseDouble(f[1]),
          "distance of record " + i);
      counts[want]++;
    }
    assertArrayEquals(KMeansRun.sizes(plain), counts);
  }

  @Test
  void predictOverSeveralFilesFollowsTheInput() throws Exception {
    List<String> all = Files.readAllLines(ccpp, StandardCharsets.UTF_8);
    Path dir = work.resolve("split");
    Files.createDirectories(dir);
    // the second file's columns in another order: read by name
    Files.write(dir.resolve("a.csv"), all.subList(0, 6001), StandardCharsets.UTF_8);
    List<String> b = new ArrayList<>();
    b.add("humidity,temperature,vacuum");
    for (String line : all.subList(6001, all.size())) {
      String[] f = line.split(",");
      b.add(f[3] + "," + f[0] + "," + f[1]);
    }
    Files.write(dir.resolve("b.csv"), b, StandardCharsets.UTF_8);
    Path whole = work.resolve("whole");
    Path parts = work.resolve("parts");
    assertEquals(
        0,
        run(new KMeansPredict(), standardized.toString(), ccpp.toString(), whole.toString())
            .code());
    Out o = run(new KMeansPredict(), standardized.toString(), dir.toString(), parts.toString());
    assertEquals(0, o.code(), o.err());
    List<String> joined = new ArrayList<>(Files.readAllLines(parts.resolve("part-00000")));
    assertEquals(6000, joined.size());
    joined.addAll(Files.readAllLines(parts.resolve("part-00001")));
    List<String> expected = Files.readAllLines(whole.resolve("part-00000"));
    assertEquals(expected.size(), joined.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).split("\t")[0], joined.get(i).split("\t")[0], "record " + i);
    }
    long[] counts = new long[3];
    for (String l : expected) {
      counts[Integer.parseInt(l.split("\t")[0])]++;
    }
    assertArrayEquals(KMeansRun.sizes(standardized), counts);
  }

  @Test
  void refusals() throws Exception {
    Out o =
        run(new KMeansPredict(), work.toString(), ccpp.toString(), work.resolve("x").toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("holds no centers.json"), o.err());
    Path other = work.resolve("other.csv");
    Files.writeString(other, "vacuum,temperature\n1,2\n", StandardCharsets.UTF_8);
    o = run(new KMeansEvaluate(), standardized.toString(), other.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("the model's column(s) humidity are not in the header"), o.err());
    assertFalse(Files.exists(work.resolve("x")));
  }

  @Test
  void csvWithoutAHeaderOrWithOneToIgnoreAsLogregReadsIt() throws Exception {
    // ccpp's rows, once without the header and once under a line that does not describe them
    KMeansOracle oracle = KMeansOracle.csv(ccpp, null);
    StringBuilder rows = new StringBuilder();
    for (double[] row : oracle.x) {
      for (int j = 0; j < row.length; j++) {
        rows.append(j == 0 ? "" : ",").append(row[j]);
      }
      rows.append('\n');
    }
    Path headless = work.resolve("headless.csv");
    Files.writeString(headless, "\n" + rows, StandardCharsets.UTF_8); // a blank line first
    Path odd = work.resolve("odd-header.csv");
    Files.writeString(odd, "9568,5,power plant\n" + rows, StandardCharsets.UTF_8);
    KMeansOracle.Fit want = oracle.fit(3, 42, false, 4, 0);

    Path none = work.resolve("no-header");
    KMeansRun.Run r = KMeansRun.run(CONF, "--no-header", "--k", "3", "--max-iter", "4", "--tol",
        "0", headless.toString(), none.toString());
    assertEquals(0, r.code(), r.err());
    Path ignore = work.resolve("ignore-header");
    r = KMeansRun.run(CONF, "--ignore-header", "--k", "3", "--max-iter", "4", "--tol", "0",
        odd.toString(), ignore.toString());
    assertEquals(0, r.code(), r.err());
    for (Path model : List.of(none, ignore)) {
      KMeansRun.assertClose(want.centers(), KMeansRun.centers(model));
      assertArrayEquals(want.sizes(), KMeansRun.sizes(model));
      JsonNode j = KMeansRun.centersJson(model);
      assertEquals("[\"c1\",\"c2\",\"c3\",\"c4\",\"c5\"]", j.get("feature_names").toString());
    }
    assertEquals("none", KMeansRun.centersJson(none).get("csv_header").asText());
    assertEquals("ignore", KMeansRun.centersJson(ignore).get("csv_header").asText());
    assertEquals("first", KMeansRun.centersJson(plain).get("csv_header").asText());

    // evaluate reads as the model was trained (the odd first line skipped) ...
    KMeansEvaluate ev = new KMeansEvaluate();
    Out o = run(ev, ignore.toString(), odd.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(9568L, ev.metrics().get("records"));
    KMeansRun.assertClose(want.cost(), (Double) ev.metrics().get("wssse"), "wssse");
    // ... unless told: the same model on the headless rows, and the first model on ccpp itself
    Path predicted = work.resolve("headless-clusters");
    o = run(new KMeansPredict(), "--no-header", ignore.toString(), headless.toString(),
        predicted.toString());
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(predicted.resolve("part-00000"));
    assertEquals(9568, lines.size());
    double[][] c = KMeansRun.centers(ignore);
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(KMeansOracle.nearest(c, oracle.x[i]),
          Integer.parseInt(lines.get(i).split("\t")[0]), "record " + i);
    }
    ev = new KMeansEvaluate();
    o = run(ev, "--header", none.toString(), TestData.path("regression/ccpp.csv").toString());
    assertEquals(2, o.code(), o.err()); // ccpp's header names no column c1..c5
    assertTrue(o.err().contains("the model's column(s) c1, c2, c3, c4, c5 are not in the header"),
        o.err());

    // refusals, as logreg's
    r = KMeansRun.run(CONF, "--no-header", "--ignore-header", "--k", "3", odd.toString(),
        work.resolve("both").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--no-header and --ignore-header: give one"), r.err());
    r = KMeansRun.run(CONF, "--no-header", "--format", "libsvm", "--k", "3", odd.toString(),
        work.resolve("libsvm").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--no-header and --ignore-header are for csv input"), r.err());
  }
}
