package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loop over a one-dimensional quadratic f(w) = (w - 3)^2 / 2, whose gradient descent has a
 * closed form: w_t = 3 + (w_0 - 3)(1 - eta)^t. The step reads the state from the committed file, as
 * a MapReduce task would.
 */
class IterativeJobTest {
  FileSystem fs;
  Path root;
  List<String> events = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    root = new Path(TestDirs.fresh("iterate").toUri().toString(), "iterations");
  }

  /** Gradient descent on the quadratic with base step {@code eta}; fails at {@code failAt}. */
  class Quadratic implements IterativeStep {
    final double eta;
    int failAt = -1;
    int calls;

    Quadratic(double eta) {
      this.eta = eta;
    }

    @Override
    public StepOutcome step(int iteration, double scale, double[] state, Path stateFile)
        throws IOException {
      calls++;
      if (iteration == failAt) {
        throw new IOException("killed at " + iteration);
      }
      double[] committed = CheckpointStore.readState(fs, stateFile);
      assertArrayEquals(state, committed);
      double w = committed[0];
      double step = eta * scale;
      return new StepOutcome(
          new double[] {w - step * (w - 3)}, (w - 3) * (w - 3) / 2, 1, Map.of("step", step));
    }
  }

  IterativeJob job(IterativeStep step, int maxIter, double tol, int keep) {
    return job(step, maxIter, new Convergence(tol, 0), keep);
  }

  IterativeJob job(IterativeStep step, int maxIter, ConvergenceRule rule, int keep) {
    IterativeJob.Settings s =
        new IterativeJob.Settings(
            maxIter,
            rule,
            new DivergenceGuard(3, 10),
            30,
            keep,
            List.of("step"));
    return new IterativeJob(
        new CheckpointStore(fs, root),
        step,
        s,
        new IterativeJob.Listener() {
          @Override
          public void committed(IterationMetrics m, int max) {
            events.add("iter " + m.iteration());
          }

          @Override
          public void rolledBack(int to, String reason, double scale) {
            events.add("back to " + to + " scale " + scale);
          }
        });
  }

  static double closedForm(double eta, int t) {
    return 3 + (0 - 3) * Math.pow(1 - eta, t);
  }

  @Test
  void runsMaxIterAndMatchesTheClosedForm() throws Exception {
    IterativeJob.Result r = job(new Quadratic(0.5), 10, 0, 0).run(new double[] {0});
    assertEquals(IterativeJob.Stop.MAX_ITER, r.stop());
    assertEquals(10, r.iterations());
    assertEquals(closedForm(0.5, 10), r.state()[0], 1e-15);
    assertEquals(4.5, r.history().get(0).loss()); // loss of state 0
    assertEquals(1.5, r.history().get(0).change());
    assertEquals(0.5, r.history().get(0).extra().get("step"));
    assertEquals(
        List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        new CheckpointStore(fs, root).plan().committed());
    assertFalse(r.resumed());
  }

  @Test
  void stopsWhenTheStateStopsMovingBySparksRule() throws Exception {
    // change at t is 1.5 * 0.5^(t-1); tolerance 1e-3 * max(|w_t|, 1) ~ 3e-3 near w = 3
    IterativeJob.Result r = job(new Quadratic(0.5), 100, 1e-3, 0).run(new double[] {0});
    assertEquals(IterativeJob.Stop.CONVERGED, r.stop());
    int t = 1;
    while (!(1.5 * Math.pow(0.5, t - 1) < 1e-3 * Math.max(Math.abs(closedForm(0.5, t)), 1))) {
      t++;
    }
    assertEquals(t, r.iterations());
  }

  @Test
  void theAlgorithmsOwnRuleDecidesFromCommittedDataAlsoOnAResume() throws Exception {
    // stop once the committed state is within 0.01 of the minimum: |w_t - 3| = 3 * 0.5^t
    ConvergenceRule near =
        (history, w) -> Math.abs(w[0] - 3) < 0.01 ? IterativeJob.Stop.CONVERGED : null;
    int t = 1;
    while (!(3 * Math.pow(0.5, t) < 0.01)) {
      t++;
    }
    IterativeJob.Result r = job(new Quadratic(0.5), 100, near, 0).run(new double[] {0});
    assertEquals(IterativeJob.Stop.CONVERGED, r.stop());
    assertEquals(t, r.iterations());
    // a driver killed after that last commit asks the rule again and runs no step
    Quadratic again = new Quadratic(0.5);
    IterativeJob.Result resumed = job(again, 100, near, 0).run(new double[] {0});
    assertTrue(resumed.resumed());
    assertEquals(0, again.calls);
    assertEquals(IterativeJob.Stop.CONVERGED, resumed.stop());
    assertEquals(t, resumed.iterations());
    // a rule may only stop with convergence; running out of iterations is the runtime's
    root = new Path(root.getParent(), "bad-rule");
    ConvergenceRule wrong = (history, w) -> IterativeJob.Stop.MAX_ITER;
    assertThrows(IllegalStateException.class,
        () -> job(new Quadratic(0.5), 5, wrong, 0).run(new double[] {0}));
  }

  @Test
  void resumeAfterACrashEndsWithTheSameBits() throws Exception {
    double[] straight = job(new Quadratic(0.3), 12, 0, 0).run(new double[] {0}).state();
    root = new Path(root.getParent(), "other");
    Quadratic crashing = new Quadratic(0.3);
    crashing.failAt = 7;
    assertThrows(IOException.class, () -> job(crashing, 12, 0, 0).run(new double[] {0}));
    assertEquals(6, new CheckpointStore(fs, root).latest().getAsInt());
    Quadratic again = new Quadratic(0.3);
    IterativeJob.Result r = job(again, 12, 0, 0).run(new double[] {99}); // initial ignored
    assertTrue(r.resumed());
    assertEquals(6, again.calls);
    assertEquals(Double.doubleToRawLongBits(straight[0]), Double.doubleToRawLongBits(r.state()[0]));
    assertEquals(12, r.history().size());
  }

  @Test
  void aCheckpointWithoutSuccessIsIgnoredOnResume() throws Exception {
    job(new Quadratic(0.3), 4, 0, 0).run(new double[] {0});
    CheckpointStore store = new CheckpointStore(fs, root);
    fs.delete(new Path(store.dir(4), CheckpointStore.SUCCESS), false);
    Quadratic again = new Quadratic(0.3);
    IterativeJob.Result r = job(again, 4, 0, 0).run(new double[] {0});
    assertEquals(1, again.calls); // iteration 4 computed again from iteration 3
    assertEquals(closedForm(0.3, 4), r.state()[0], 1e-15);
  }

  @Test
  void divergenceRollsBackAndHalvesUntilTheStepWorks() throws Exception {
    // eta 12 and 6 explode at once (loss > 10 x 4.5); 3 oscillates outward and explodes one
    // iteration later; 1.5 converges: w_t = 3 - 3 (-0.5)^t
    IterativeJob.Result r = job(new Quadratic(12), 6, 0, 0).run(new double[] {0});
    assertEquals(6, r.iterations());
    assertEquals(closedForm(1.5, 6), r.state()[0], 1e-15);
    IterationMetrics first = r.history().get(0);
    assertEquals(0.125, first.stepScale());
    assertEquals(3, first.halvings());
    assertEquals(1.5, first.extra().get("step"));
    assertTrue(first.note().startsWith("rolled back to iteration 0"), first.note());
    assertEquals(
        List.of(
            "iter 1",
            "back to 0 scale 0.5",
            "iter 1",
            "back to 0 scale 0.25",
            "iter 1",
            "iter 2",
            "back to 0 scale 0.125",
            "iter 1",
            "iter 2",
            "iter 3",
            "iter 4",
            "iter 5",
            "iter 6"),
        events);
    assertEquals("", r.history().get(1).note());
  }

  @Test
  void afterHalvingsTheToleranceIsJudgedAtTheBaseStep() throws Exception {
    // eta 12 is halved to 1.5 (scale 1/8): the run goes on until the change at the base step,
    // change * 8, is below the tolerance, not merely the change made at the halved step
    IterativeJob.Result r = job(new Quadratic(12), 100, 1e-3, 0).run(new double[] {0});
    assertEquals(IterativeJob.Stop.CONVERGED, r.stop());
    int t = 1;
    while (!(1.5 * Math.abs(closedForm(1.5, t - 1) - 3) * 8
        < 1e-3 * Math.max(Math.abs(closedForm(1.5, t)), 1))) {
      t++;
    }
    assertEquals(t, r.iterations());
    IterationMetrics before = r.history().get(t - 2);
    assertTrue(before.change() < 1e-3 * Math.abs(closedForm(1.5, t - 1)), "old rule stopped here");
  }

  @Test
  void aStepDrivenTowardsNothingIsStepUnderflowNotConvergence() throws Exception {
    // a slope that never ends, f(w) = 1 - w / 1000 up to w = 1 and infinite beyond: any step above
    // 1/32 of the base jumps to w = 10 (rolled back), at 1/32 the state moves 0.01/32 per
    // iteration, below the tolerance 1e-3, while the base step's 0.01 is not
    IterativeStep slope =
        (iteration, scale, state, stateFile) ->
            new StepOutcome(
                new double[] {state[0] + (scale > 1.0 / 32 ? 10 : 0.01 * scale)},
                state[0] > 1 ? Double.POSITIVE_INFINITY : 1 - state[0] * 1e-3,
                1,
                Map.of());
    IterativeJob.Result r = job(slope, 8, 1e-3, 0).run(new double[] {0});
    assertEquals(IterativeJob.Stop.STEP_UNDERFLOW, r.stop());
    assertFalse(r.stop().converged());
    assertEquals(8, r.iterations());
    assertEquals(5, r.history().get(7).halvings());
    // a first iteration that is fine at the base step and then just slow is max-iter
    IterativeStep slow =
        (iteration, scale, state, stateFile) ->
            new StepOutcome(new double[] {state[0] + 0.01 * scale}, 1 - state[0] * 1e-3, 1,
                Map.of());
    root = new Path(root.getParent(), "slow");
    assertEquals(IterativeJob.Stop.MAX_ITER, job(slow, 8, 1e-3, 0).run(new double[] {0}).stop());
  }

  @Test
  void boundedHalvingsEndWithAnErrorNamingTheScale() throws Exception {
    IterativeJob.Settings s =
        new IterativeJob.Settings(
            5, new Convergence(0, 0), new DivergenceGuard(3, 10), 2, 0, List.of());
    IterativeJob j = new IterativeJob(new CheckpointStore(fs, root), new Quadratic(1e6), s, null);
    IterativeJob.DivergedException e =
        assertThrows(IterativeJob.DivergedException.class, () -> j.run(new double[] {0}));
    assertTrue(
        e.getMessage().contains("after 2 halvings of the step (scale now 0.25)"), e.getMessage());
  }

  @Test
  void keepCheckpointsPrunesButHistoryStaysWhole() throws Exception {
    IterativeJob.Result r = job(new Quadratic(0.5), 9, 0, 2).run(new double[] {0});
    CheckpointStore store = new CheckpointStore(fs, root);
    assertEquals(List.of(8, 9), store.plan().committed());
    assertEquals(9, store.read(9).history().size());
    assertEquals(r.history(), store.read(9).history());
    try (var s = Files.list(java.nio.file.Paths.get(root.toUri()))) {
      assertEquals(
          List.of("iter-00008", "iter-00009"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
