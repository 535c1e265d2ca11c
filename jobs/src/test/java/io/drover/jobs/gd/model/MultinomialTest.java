package io.drover.jobs.gd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The softmax math in milliseconds: stability, the gradient against finite differences. */
class MultinomialTest {
  @Test
  void logSumExpDoesNotOverflowOrUnderflow() {
    assertEquals(1000 + Math.log(3), Multinomial.logSumExp(new double[] {1000, 1000, 1000}, 3),
        1e-12);
    assertEquals(-1000 + Math.log(2), Multinomial.logSumExp(new double[] {-1000, -1000, 5}, 2),
        1e-12);
    double[] m = {800, 0, -800};
    assertEquals(800, Multinomial.softmax(m, 3), 1e-12);
    assertArrayEquals(new double[] {1, Math.exp(-800), 0}, m, 1e-300);
  }

  /** A few sparse rows over 5 features, 3 classes with codes out of order (text codes are big). */
  static final double[] CODES = {0x1p60 + 256.0 * 7, -1, 2.5};

  static SoftmaxSum sum(Multinomial shape, double[] u, Random r, int rows) {
    SoftmaxSum s = new SoftmaxSum(shape, CODES, u);
    for (int i = 0; i < rows; i++) {
      int[] idx = {0, 2, 4, 6}; // 6 is beyond the model: ignored
      double[] val = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), 9};
      s.add(CODES[r.nextInt(3)], 4, idx, val);
    }
    return s;
  }

  @Test
  void theGradientIsTheLossSumsDerivativeAndSumsToZeroOverTheClasses() {
    Multinomial shape = new Multinomial(3, 5);
    Random r = new Random(7);
    double[] u = new double[shape.length()];
    for (int j = 0; j < u.length; j++) {
      u[j] = r.nextGaussian();
    }
    SoftmaxSum at = sum(shape, u, new Random(1), 20);
    assertEquals(20, at.count());
    for (int j = 0; j < u.length; j++) {
      double h = 1e-6;
      double[] up = u.clone();
      up[j] += h;
      double[] down = u.clone();
      down[j] -= h;
      double numeric =
          (sum(shape, up, new Random(1), 20).lossSum() - sum(shape, down, new Random(1), 20)
              .lossSum()) / (2 * h);
      assertEquals(numeric, at.gradient()[j], 1e-6, "entry " + j);
    }
    for (int j = 0; j <= 5; j++) {
      double s = 0;
      for (int c = 0; c < 3; c++) {
        s += at.gradient()[c * 6 + j];
      }
      assertEquals(0, s, 1e-12, "feature " + j);
    }
    // the loss only, as minibatch adds the rows outside its sample
    SoftmaxSum lossOnly = new SoftmaxSum(shape, CODES, u);
    Random q = new Random(1);
    for (int i = 0; i < 20; i++) {
      double[] val = {q.nextGaussian(), q.nextGaussian(), q.nextGaussian(), 9};
      lossOnly.addLoss(CODES[q.nextInt(3)], 4, new int[] {0, 2, 4, 6}, val);
    }
    assertEquals(at.lossSum(), lossOnly.lossSum(), 1e-12);
    assertEquals(0, lossOnly.count());
  }

  @Test
  void classesAreFoundByCodeAndAnUnknownCodeIsAnError() {
    SoftmaxSum s = new SoftmaxSum(new Multinomial(3, 1), CODES, new double[6]);
    assertEquals(0, s.classOf(CODES[0]));
    assertEquals(1, s.classOf(-1));
    assertEquals(2, s.classOf(2.5));
    assertThrows(IllegalArgumentException.class, () -> s.classOf(3));
    assertThrows(IllegalArgumentException.class, () -> new Multinomial(2, 1));
  }

  @Test
  void blocksAreUpdatedAsTheBinaryModelIs() {
    Multinomial shape = new Multinomial(3, 2);
    double[] w = {1, -2, 0.5, 0, 0, 0, -1, 2, -0.5};
    double[] g = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    Update u = new Update(0.01, 0.1, true);
    double[] next = shape.apply(u, w, g, 0.5);
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(u.apply(shape.block(w, c), shape.block(g, c), 0.5), shape.block(next, c));
    }
    // penalties over every block's weights, intercepts excluded
    assertEquals(1 + 0.1 / 2 * 10 + 0.01 * 6, shape.objective(u, 1, w), 1e-15);
  }
}
