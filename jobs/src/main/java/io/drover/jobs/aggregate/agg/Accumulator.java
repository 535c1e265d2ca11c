package io.drover.jobs.aggregate.agg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The partial state of one aggregate for one group (Spark's TypedImperativeAggregate): updated
 * with input rows on the map side, merged with other partial states in combiners and reducers in
 * any order and grouping, finished once at the end.
 *
 * <p>Contract: merging is associative and commutative, so the result does not depend on how
 * Hadoop splits the input or how many times the combiner runs; {@code write} then {@code read}
 * gives a state that behaves exactly like the original; a fresh state is the identity of merge.
 */
public interface Accumulator {
  /** Adds one input row (the whole row: the accumulator evaluates its own arguments). */
  void update(Object[] row);

  /** Adds another partial state of the same aggregate. */
  void merge(Accumulator other);

  /** The final value (may be null, as SQL says: sum of no rows is NULL, count is 0). */
  Object result();

  void write(DataOutput out) throws IOException;

  /** Replaces this state with one written by {@link #write}. */
  void read(DataInput in) throws IOException;

  /** About how many bytes of heap the state holds, for the mapper's memory bound. */
  int heapBytes();
}
