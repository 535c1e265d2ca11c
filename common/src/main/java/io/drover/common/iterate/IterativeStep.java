package io.drover.common.iterate;

import io.drover.common.run.JobFailedException;
import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * One iteration of an iterative job: typically one MapReduce job whose tasks read the current state
 * from {@code stateFile} (a committed checkpoint, never a half-written one) and whose result the
 * step turns into the next state. Must be deterministic: the same iteration, scale and state give
 * the same bits.
 */
public interface IterativeStep {
  /**
   * @param iteration 1-based number of the iteration being computed
   * @param stepScale 1, halved after each divergence rollback; a step that has no step size may
   *     ignore it
   * @param state the current state (iteration - 1's)
   * @param stateFile where that state is committed, for the tasks to read
   */
  StepOutcome step(int iteration, double stepScale, double[] state, Path stateFile)
      throws IOException, JobFailedException;
}
