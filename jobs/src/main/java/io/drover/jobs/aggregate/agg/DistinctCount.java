package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;

/**
 * count(DISTINCT x), exact at any cardinality: the value travels in the shuffle key, not in a
 * state. The first job groups by (group key, x) so each distinct pair is one record however many
 * rows share it; the second regroups by the group key and this state is set to 1 for each pair
 * whose x is not NULL ({@link #mark}), so the merged count is the number of distinct values.
 * Rows update nothing.
 */
public final class DistinctCount extends Call {
  private final Expr arg;

  DistinctCount(String sql, Expr arg) {
    super(sql, Type.LONG, arg);
    this.arg = arg;
  }

  /** The expression whose distinct values are counted. */
  public Expr arg() {
    return arg;
  }

  @Override
  public Accumulator newAccumulator() {
    return new Aggregates.LongState() {
      @Override
      public void update(Object[] row) {
        // counted when the (group, value) pairs are regrouped
      }
    };
  }

  /** Sets a state of this aggregate to stand for one distinct value (or none when NULL). */
  public static void mark(Accumulator state, boolean present) {
    ((Aggregates.LongState) state).n = present ? 1 : 0;
  }
}
