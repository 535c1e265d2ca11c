package io.drover.jobs.aggregate.sql;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * A parsed SELECT that has the shape Drover runs: one table, select items, WHERE, GROUP BY,
 * HAVING, ORDER BY, LIMIT. Columns are not yet resolved (that needs the input's schema: see
 * {@code plan.Planner}).
 */
public record Query(
    String sql,
    String table,
    List<Item> select,
    Expression where,
    List<Expression> groupBy,
    Expression having,
    List<OrderByElement> orderBy,
    Long limit) {

  /** One SELECT item; alias null when none was given. */
  public record Item(Expression expression, String alias) {}
}
