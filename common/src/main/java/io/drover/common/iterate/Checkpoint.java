package io.drover.common.iterate;

import java.util.List;

/** A committed iteration: its state and the metrics of iterations 1..iteration, oldest first. */
public record Checkpoint(int iteration, double[] state, List<IterationMetrics> history) {
  public Checkpoint {
    history = List.copyOf(history);
  }
}
