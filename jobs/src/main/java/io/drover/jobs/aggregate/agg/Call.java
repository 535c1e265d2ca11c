package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What every aggregate call has: its canonical text, its result type and its argument
 * expressions, fixed when planned.
 */
abstract class Call implements AggregateFunction {
  private final String sql;
  private final Type resultType;
  private final List<Expr> inputs;

  /** {@code inputs}: the expressions the call reads from a row (nulls, as count(*)'s, left out). */
  Call(String sql, Type resultType, Expr... inputs) {
    this.sql = sql;
    this.resultType = resultType;
    List<Expr> in = new ArrayList<>();
    for (Expr e : inputs) {
      if (e != null) {
        in.add(e);
      }
    }
    this.inputs = List.copyOf(in);
  }

  @Override
  public final String sql() {
    return sql;
  }

  @Override
  public final Type resultType() {
    return resultType;
  }

  @Override
  public final List<Expr> inputs() {
    return inputs;
  }
}
