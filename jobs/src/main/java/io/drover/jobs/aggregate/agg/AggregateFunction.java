package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import java.util.List;

/** One aggregate call of a query, e.g. {@code sum(delay)}: its type and its states. */
public interface AggregateFunction {
  /** Canonical text, e.g. {@code sum(`delay`)}; two calls with one text share one state. */
  String sql();

  Type resultType();

  Accumulator newAccumulator();

  /** The expressions the aggregate evaluates over an input row (none for count(*)). */
  List<Expr> inputs();

  /** The error bound of an approximate aggregate in words, or null when it is exact. */
  default String errorBound() {
    return null;
  }
}
