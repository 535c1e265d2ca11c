package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What loss.png shows (log axis, title, rollbacks), and model.json's final step. */
class LossPlotTest {
  /** Iterations 1..n with these losses, halvings and step scales (step = base 1 x scale). */
  static List<IterationMetrics> history(double[] loss, int[] halvings) {
    List<IterationMetrics> h = new ArrayList<>();
    for (int i = 0; i < loss.length; i++) {
      double scale = Math.pow(0.5, halvings[i]);
      h.add(new IterationMetrics(i + 1, loss[i], 0.1, 10, 1, scale, halvings[i], "",
          Map.of("step", scale)));
    }
    return h;
  }

  static List<IterationMetrics> history(double... loss) {
    return history(loss, new int[loss.length]);
  }

  @Test
  void theAxisIsLogarithmicOnlyWhenEveryLossIsPositiveAndTheySpanOverTwoDecades() {
    assertTrue(LossPlot.logScale(history(101, 50, 1)));
    assertFalse(LossPlot.logScale(history(100, 50, 1)), "exactly 2 decades: linear");
    assertFalse(LossPlot.logScale(history(0.5, 0.4)));
    assertFalse(LossPlot.logScale(history(1000, 0)), "a zero loss cannot be drawn on a log axis");
    assertFalse(LossPlot.logScale(history(1000, -1)));
    assertFalse(LossPlot.logScale(history(1000, Double.NaN, 1)));
    assertFalse(LossPlot.logScale(history(Double.POSITIVE_INFINITY, 1)));
    assertFalse(LossPlot.logScale(history()));
    assertTrue(LossPlot.logScale(history(1e-3, 2e-1)));
  }

  @Test
  void everyRollbackIsMarkedWithTheHalvingsBeforeTheIterationThatFollowedIt() {
    List<IterationMetrics> h =
        history(new double[] {5, 4, 3, 2.5, 2, 1.5}, new int[] {0, 0, 1, 1, 3, 3});
    assertEquals(
        List.of(new LossPlot.Rollback(3, 3, 1, 0.5), new LossPlot.Rollback(5, 2, 2, 0.125)),
        LossPlot.rollbacks(h));
    // a history that starts after a rollback (iteration 1 retried)
    assertEquals(List.of(new LossPlot.Rollback(1, 7, 1, 0.5)),
        LossPlot.rollbacks(history(new double[] {7, 6}, new int[] {1, 1})));
    assertEquals(List.of(), LossPlot.rollbacks(history(3, 2, 1)));
  }

  @Test
  void theTitleGivesTheStepInEffectAtTheEndAndWhereItCameFrom() {
    assertEquals("logreg batch, step 1.000", LossPlot.gdTitle("logreg", "batch", 1.0, "constant",
        history(3, 2)));
    assertEquals("linreg batch, step 0.1250 (base 1.0, halved 3 times)",
        LossPlot.gdTitle("linreg", "batch", 1.0, "constant",
            history(new double[] {3, 2}, new int[] {1, 3})));
    assertEquals("linreg batch, step 0.5000 (base 1.0, halved 1 time)",
        LossPlot.gdTitle("linreg", "batch", 1.0, "constant",
            history(new double[] {3, 2}, new int[] {0, 1})));
    List<IterationMetrics> inv = new ArrayList<>();
    inv.add(new IterationMetrics(4, 1, 0.1, 10, 1, 1, 0, "", Map.of("step", 0.25)));
    assertEquals("logreg minibatch, step 0.2500 (base 0.5, inv-sqrt schedule)",
        LossPlot.gdTitle("logreg", "minibatch", 0.5, "inv-sqrt", inv));
    assertEquals("svm batch, step 2.0", LossPlot.gdTitle("svm", "batch", 2.0, "constant",
        List.of()));
  }

  @Test
  void thePlotIsAPngOfTheChartsSizeWithALogAxisAndRollbacks() throws Exception {
    byte[] png = LossPlot.png("t", "loss",
        history(new double[] {1e4, 1e2, 5e3, 1, 1e-2}, new int[] {0, 0, 1, 1, 2}));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        Arrays.copyOf(png, 8));
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(800, img.getWidth());
    assertEquals(500, img.getHeight());
  }

  @Test
  void modelJsonRecordsTheFinalStepAfterHalvings() throws Exception {
    // x near 100, unscaled: the base step diverges and is halved (as in LinRegLocalTest)
    StringBuilder b = new StringBuilder("x,y\n");
    for (int i = 0; i < 50; i++) {
      double u = (i % 10) / 10.0;
      b.append(100 + u).append(',').append(2 * u + 5 + (i % 3) * 0.01).append('\n');
    }
    Path work = TestDirs.fresh("loss-plot");
    Path in = work.resolve("far.csv");
    Files.writeString(in, b.toString());
    Path out = work.resolve("model");
    GdRun.Run r = GdRun.run(LocalConf.create(), new LinReg(), "--no-standardize", "--max-iter",
        "10", "--label", "y", in.toString(), out.toString());
    assertEquals(1, r.code(), r.err()); // step underflow
    JsonNode m = GdRun.model(out);
    List<String> rows = Files.readAllLines(out.resolve("history.csv"));
    String[] last = rows.get(rows.size() - 1).split(",");
    int halvings = m.get("step_halvings").asInt();
    assertTrue(halvings > 0, m.toString());
    assertEquals(Math.pow(0.5, halvings), m.get("final_step").asDouble(), 0, m.toString());
    assertEquals(Double.parseDouble(last[3]), m.get("final_step").asDouble(), 0);
    byte[] png = Files.readAllBytes(out.resolve("loss.png"));
    assertEquals(800, javax.imageio.ImageIO.read(new ByteArrayInputStream(png)).getWidth());
  }
}
