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
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(1, 1));
  }
}
