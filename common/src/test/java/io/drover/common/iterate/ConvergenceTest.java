package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvergenceTest {
  @Test
  void sparksRuleScalesTheToleranceByTheNormButNotBelowOne() {
    Convergence c = new Convergence(1e-3, 0);
    double[] small = {0.3, 0.4}; // norm 0.5: tolerance 1e-3 * 1
    assertTrue(c.stateConverged(0.00099, small));
    assertFalse(c.stateConverged(0.001, small));
    double[] big = {30, 40}; // norm 50: tolerance 0.05
    assertTrue(c.stateConverged(0.0499, big));
    assertFalse(c.stateConverged(0.05, big));
    assertFalse(new Convergence(0, 0).stateConverged(0, small));
  }

  @Test
  void distanceAndNormAreEuclidean() {
    assertEquals(5.0, Convergence.distance(new double[] {1, 1}, new double[] {4, 5}));
    assertEquals(13.0, Convergence.norm(new double[] {5, -12}));
  }

  @Test
  void lossToleranceIsRelativeToTheLossButNotBelowOne() {
    Convergence c = new Convergence(0, 0.01);
    assertTrue(c.lossConverged(0.505, 0.5)); // |diff| 0.005 < 0.01 * 1
    assertFalse(c.lossConverged(0.52, 0.5));
    assertTrue(c.lossConverged(1009, 1000)); // 9 < 10
    assertFalse(new Convergence(0, 0).lossConverged(1, 1));
  }

  @Test
  void afterHalvingsTheLossTestIsJudgedAtTheBaseStep() {
    Convergence c = new Convergence(0, 0.01);
    assertTrue(c.lossConverged(0.505, 0.5, 1));
    // the same change made at a quarter of the step: 0.02 at the base step, not converged
    assertFalse(c.lossConverged(0.505, 0.5, 0.25));
    assertTrue(c.lossConverged(0.501, 0.5, 0.25)); // 0.004 at the base step
  }

  static IterationMetrics metrics(int t, double loss, double change, double scale) {
    return new IterationMetrics(t, loss, change, 1, 0, scale, 0, "", java.util.Map.of());
  }

  @Test
  void theDefaultRuleStopsOnTheStateThenTheLossAndCallsAStepDrivenToNothingUnderflow() {
    Convergence c = new Convergence(1e-3, 0.01);
    double[] w = {0.3, 0.4};
    IterationMetrics moved = metrics(1, 10, 0.5, 1);
    assertEquals(null, c.stopAfter(java.util.List.of(moved), w));
    assertEquals(IterativeJob.Stop.CONVERGED,
        c.stopAfter(java.util.List.of(moved, metrics(2, 5, 0.0009, 1)), w));
    assertEquals(IterativeJob.Stop.LOSS_CONVERGED,
        c.stopAfter(java.util.List.of(moved, metrics(2, 10.05, 0.5, 1)), w));
    // at a quarter of the step a change of 0.0009 is 0.0036 at the base step: not converged,
    // and at the last iteration that is a step underflow
    java.util.List<IterationMetrics> halved =
        java.util.List.of(moved, metrics(2, 5, 0.0009, 0.25));
    assertEquals(null, c.stopAfter(halved, w));
    assertEquals(IterativeJob.Stop.STEP_UNDERFLOW, c.atMaxIter(halved, w));
    assertEquals(IterativeJob.Stop.MAX_ITER, c.atMaxIter(java.util.List.of(moved), w));
  }

  @Test
  void changeBelowIsAnAbsoluteToleranceOnTheStepsOwnChange() {
    ConvergenceRule r = ConvergenceRule.changeBelow(1e-10);
    double[] none = {};
    assertEquals(IterativeJob.Stop.CONVERGED,
        r.stopAfter(java.util.List.of(metrics(1, Double.NaN, 0.99e-10, 1)), none));
    assertEquals(null, r.stopAfter(java.util.List.of(metrics(1, Double.NaN, 1e-10, 1)), none));
    assertEquals(null, ConvergenceRule.changeBelow(0)
        .stopAfter(java.util.List.of(metrics(1, Double.NaN, 0, 1)), none));
    assertEquals(IterativeJob.Stop.MAX_ITER,
        r.atMaxIter(java.util.List.of(metrics(1, Double.NaN, 1, 1)), none));
  }
}
