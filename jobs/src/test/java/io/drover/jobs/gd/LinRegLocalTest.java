package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * linreg end to end on the LocalJobRunner over the whole ccpp.csv (BOM, CRLF), against the oracle.
 */
class LinRegLocalTest {
  static Path ccpp;
  static GdOracle raw;
  static GdOracle z;
  Path work;
  Configuration conf;

  @BeforeAll
  static void data() throws Exception {
    ccpp = TestData.path("regression/ccpp.csv");
    raw = GdOracle.csv(ccpp, "energy");
    z = raw.standardized();
  }

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("linreg");
    conf = LocalConf.create();
  }

  @Test
  void ccppStandardizedMatchesTheOracleAndNearlyTheLeastSquaresRmse() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r =
        GdRun.run(
            conf,
            new LinReg(),
            "--standardize",
            "--step",
            "0.5",
            "--tol",
            "0",
            "--label",
            "energy",
            ccpp.toString(),
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(9_568, raw.y.length);
    double[] oracle = z.unstandardize(z.train(false, 0, 0.5, 100, 0));
    double[] w = GdRun.weights(out);
    GdRun.assertClose(oracle, w);
    double rmse = raw.rmse(w);
    assertTrue(rmse <= 4.60, "RMSE " + rmse);
    assertTrue(rmse >= 4.557, "RMSE " + rmse + " below the least-squares optimum 4.557?");
    JsonNode m = GdRun.model(out);
    assertEquals(
        List.of("temperature", "vacuum", "pressure", "humidity"),
        List.of(
            m.get("feature_names").get(0).asText(),
            m.get("feature_names").get(1).asText(),
            m.get("feature_names").get(2).asText(),
            m.get("feature_names").get(3).asText()));
    assertTrue(m.get("standardization").get("centered").asBoolean());
    assertEquals(100, m.get("iterations").asInt());
  }

  @Test
  void theDefaultStepDivergesOnCcppAndIsHalvedUntilItWorks() throws Exception {
    // z-scored ccpp: the largest Hessian eigenvalue is 2.44, so step 1.0 diverges and 0.5 converges
    Path out = work.resolve("model");
    GdRun.Run r =
        GdRun.run(
            conf,
            new LinReg(),
            "--standardize",
            "--max-iter",
            "30",
            "--tol",
            "0",
            "--label",
            "energy",
            ccpp.toString(),
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("diverged"), r.err());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(31, history.size());
    int halved = -1;
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).contains("rolled back")) {
        halved = i;
      }
    }
    assertTrue(halved > 0, String.join("\n", history));
    String[] row = history.get(halved).split(",");
    assertEquals("0.5", row[8], history.get(halved)); // step_scale
    for (int i = halved; i < history.size(); i++) {
      assertEquals("0.5", history.get(i).split(",")[3], history.get(i)); // step used
    }
    // what was kept: iterations 1..halved-1 at step 1.0, the rest at 0.5 from there on
    double[] steps = new double[30];
    for (int t = 1; t <= 30; t++) {
      steps[t - 1] = t < halved ? 1.0 : 0.5;
    }
    GdRun.assertClose(z.unstandardize(z.train(false, 0, steps, 0)), GdRun.weights(out));
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve("loss.png").toFile());
    assertEquals(800, png.getWidth());
    assertEquals(500, png.getHeight());
  }

  @Test
  void aStepHalvedTowardsNothingIsReportedAsStepUnderflowWithExit1() throws Exception {
    // x near 100, unscaled: the step that suits the intercept diverges along x, and the halvings
    // that tame x leave the intercept all but standing still, far from its optimum
    StringBuilder b = new StringBuilder("x,y\n");
    for (int i = 0; i < 50; i++) {
      double u = (i % 10) / 10.0;
      b.append(100 + u).append(',').append(2 * u + 5 + (i % 3) * 0.01).append('\n');
    }
    Path in = work.resolve("far.csv");
    Files.writeString(in, b.toString());
    Path out = work.resolve("far-model");
    GdRun.Run r = GdRun.run(conf, new LinReg(), "--no-standardize", "--max-iter", "10", "--label",
        "y", in.toString(), out.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("step underflow after "), r.err());
    JsonNode m = GdRun.model(out);
    assertEquals("step-underflow", m.get("stop").asText());
    assertEquals(false, m.get("converged").asBoolean());
    assertTrue(m.get("stop_note").asText().startsWith("step underflow after "), m.toString());

    // standardized (the default), the same data converges
    Path z = work.resolve("far-z");
    GdRun.Run ok = GdRun.run(conf, new LinReg(), "--step", "0.5", "--label", "y", in.toString(),
        z.toString());
    assertEquals(0, ok.code(), ok.err());
    assertEquals(true, GdRun.model(z).get("converged").asBoolean());
  }
}
