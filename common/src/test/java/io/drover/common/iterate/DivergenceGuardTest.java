package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
  final DivergenceGuard g = new DivergenceGuard(3, 10);

  @Test
  void aFallingOrFlatLossIsFine() {
    assertFalse(g.check(List.of(), 0.69).diverged());
    assertFalse(g.check(List.of(0.69, 0.5, 0.4), 0.4).diverged());
    assertFalse(g.check(List.of(0.69, 0.7, 0.8), 0.79).diverged());
  }

  @Test
  void nanOrInfiniteGoesBackToTheStateBeforeTheRise() {
    DivergenceGuard.Verdict v = g.check(List.of(1.0, 0.5, 0.6, 0.7), Double.NaN);
    assertTrue(v.diverged());
    assertEquals(1, v.goodState());
    assertTrue(v.reason().contains("NaN"), v.reason());
    assertEquals(3, g.check(List.of(1.0, 0.5, 0.4, 0.3), Double.POSITIVE_INFINITY).goodState());
  }

  @Test
  void theInitialStateItselfCannotBeRolledBack() {
    DivergenceGuard.Verdict v = g.check(List.of(), Double.NaN);
    assertTrue(v.diverged());
    assertEquals(-1, v.goodState());
  }

  @Test
  void aLossTenTimesTheInitialOneIsAnExplosion() {
    assertFalse(g.check(List.of(0.7), 6.9).diverged());
    DivergenceGuard.Verdict v = g.check(List.of(0.7), 7.01);
    assertTrue(v.diverged());
    assertEquals(0, v.goodState());
  }

  @Test
  void risingPatienceTimesInARowRollsBackToWhereTheRiseBegan() {
    assertFalse(g.check(List.of(1.0, 0.5, 0.6), 0.7).diverged()); // two rises
    DivergenceGuard.Verdict v = g.check(List.of(1.0, 0.5, 0.6, 0.7), 0.8);
    assertTrue(v.diverged());
    assertEquals(1, v.goodState());
    assertTrue(v.reason().contains("rose 3 times"), v.reason());
  }

  @Test
  void withARiseToleranceSmallRisesNearTheBestLossAreNoise() {
    DivergenceGuard noisy = new DivergenceGuard(3, 10, 0.05);
    // a9a's mini-batch near its optimum: three small rises in a row, 0.1% above the best
    List<Double> floor = List.of(0.69, 0.3241, 0.3239, 0.3240, 0.3241);
    assertTrue(g.check(floor, 0.3243).diverged()); // the strict rule calls it divergence
    assertFalse(noisy.check(floor, 0.3243).diverged());
    // 5% above the lowest loss (0.3239 * 1.05 = 0.340095): the same rises are divergence
    assertFalse(noisy.check(floor, 0.34009).diverged());
    DivergenceGuard.Verdict v = noisy.check(floor, 0.3401);
    assertTrue(v.diverged());
    assertEquals(2, v.goodState()); // where the rise began
    assertTrue(v.reason().contains("above the lowest loss 0.3239"), v.reason());
    // the tolerance is not a window: the rises must still be in a row
    assertFalse(noisy.check(List.of(0.69, 0.3, 0.5, 0.4), 0.45).diverged());
    // NaN and explosions are judged as before
    assertTrue(noisy.check(floor, Double.NaN).diverged());
    assertTrue(noisy.check(List.of(0.7), 7.01).diverged());
    // a negative best loss: the tolerance is relative to its magnitude
    assertFalse(noisy.check(List.of(-1.0, -1.2, -1.19, -1.18), -1.17).diverged());
    assertTrue(noisy.check(List.of(-1.0, -1.2, -1.19, -1.18), -1.13).diverged());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(1, 1));
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(3, 10, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(3, 10, Double.NaN));
  }
}
