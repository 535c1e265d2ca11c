package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Type;

/** What every aggregate call has: its canonical text and its result type, fixed when planned. */
abstract class Call implements AggregateFunction {
  private final String sql;
  private final Type resultType;

  Call(String sql, Type resultType) {
    this.sql = sql;
    this.resultType = resultType;
  }

  @Override
  public final String sql() {
    return sql;
  }

  @Override
  public final Type resultType() {
    return resultType;
  }
}
