package io.drover.jobs.aggregate.mr;

/**
 * The partial states of all of a group's aggregates as one compact record (a vint length and
 * the bytes of {@code Plan.writeStates}): one shuffle record per group and flush.
 */
public class StateWritable extends VarBytes {
  public StateWritable() {}

  public StateWritable(byte[] b) {
    set(b);
  }

  public void set(byte[] b) {
    bytes = b;
    length = b.length;
  }
}
