package io.drover.jobs.gd.data;

/** One training record: a label and sparse features (0-based indices, ascending). */
public record Example(double label, int[] indices, double[] values) {}
