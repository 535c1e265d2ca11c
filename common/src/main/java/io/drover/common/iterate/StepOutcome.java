package io.drover.common.iterate;

import java.util.Map;

/**
 * What one step (one MapReduce job) returns: the next state, the loss of the state it started from
 * (the pass that computes an update sees the current state's loss, as in Spark), the number of
 * records it read, and extra columns for the history (named, in order).
 */
public record StepOutcome(double[] next, double loss, long records, Map<String, Double> extra) {}
