package io.drover.jobs.aggregate.sql;

import io.drover.jobs.aggregate.expr.ExprCompiler;
import io.drover.jobs.aggregate.expr.QueryException;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Parses SQL text with JSqlParser and refuses, naming the construct, what one MapReduce
 * aggregation cannot run: joins, subqueries, set operations, WITH, window clauses, SELECT *,
 * SELECT DISTINCT, GROUPING SETS / ROLLUP, OFFSET.
 */
public final class QueryParser {
  private QueryParser() {}

  public static Query parse(String sql) throws QueryException {
    String text = sql.strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    if (text.isEmpty()) {
      throw new QueryException("the SQL is empty");
    }
    Statement st;
    try {
      st = CCJSqlParserUtil.parse(text, p -> p.withBackslashEscapeCharacter(true));
    } catch (JSQLParserException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      if (why == null) {
        why = e.toString();
      }
      String first = why.lines().limit(3).reduce((a, b) -> a + " " + b).orElse(why).strip();
      throw new QueryException("cannot parse the SQL: " + first);
    }
    if (!(st instanceof Select select)) {
      throw new QueryException("only SELECT is supported, got " + st.getClass().getSimpleName()
          .toUpperCase(java.util.Locale.ROOT));
    }
    if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
      throw new QueryException("WITH (common table expressions) is not supported");
    }
    if (select instanceof SetOperationList ops) {
      throw new QueryException(ops.getOperations().get(0).toString().toUpperCase(
          java.util.Locale.ROOT) + " (set operations) is not supported");
    }
    if (select instanceof ParenthesedSelect) {
      throw new QueryException("a parenthesized query is not supported; write a plain SELECT");
    }
    if (!(select instanceof PlainSelect ps)) {
      throw new QueryException("unsupported query form: " + select.getClass().getSimpleName());
    }
    if (select.getOffset() != null
        || (ps.getLimit() != null && ps.getLimit().getOffset() != null)) {
      throw new QueryException("OFFSET is not supported");
    }
    if (select.getFetch() != null) {
      throw new QueryException("FETCH is not supported; use LIMIT");
    }
    if (ps.getFromItem() == null) {
      throw new QueryException("FROM is missing: name the input, e.g. FROM events (any name: "
          + "it labels the input paths)");
    }
    if (!(ps.getFromItem() instanceof Table table)) {
      throw new QueryException("only FROM <table> is supported; a subquery or table function in "
          + "FROM is not: " + ps.getFromItem());
    }
    if (ps.getJoins() != null && !ps.getJoins().isEmpty()) {
      throw new QueryException("JOIN is not supported: " + ps.getJoins().get(0));
    }
    if (ps.getDistinct() != null) {
      throw new QueryException("SELECT DISTINCT is not supported; GROUP BY the columns instead");
    }
    if (ps.getWindowDefinitions() != null && !ps.getWindowDefinitions().isEmpty()) {
      throw new QueryException("WINDOW clauses (window functions) are not supported");
    }
    if (ps.getQualify() != null) {
      throw new QueryException("QUALIFY is not supported");
    }
    if (ps.getLateralViews() != null && !ps.getLateralViews().isEmpty()) {
      throw new QueryException("LATERAL VIEW is not supported");
    }
    if (ps.getTop() != null) {
      throw new QueryException("TOP is not supported; use LIMIT");
    }
    if (ps.getIntoTables() != null) {
      throw new QueryException("SELECT ... INTO is not supported");
    }
    List<Query.Item> items = new ArrayList<>();
    for (SelectItem<?> it : ps.getSelectItems()) {
      Expression e = it.getExpression();
      if (e instanceof AllColumns || e instanceof AllTableColumns) {
        throw new QueryException("SELECT * is not supported in an aggregation; name the group "
            + "columns and aggregates");
      }
      Item item = item(it);
      String alias = item.alias() == null ? null : ExprCompiler.unquote(item.alias());
      items.add(new Query.Item(item.expression(), alias));
    }
    List<Expression> groupBy = new ArrayList<>();
    GroupByElement g = ps.getGroupBy();
    if (g != null) {
      if (g.getGroupingSets() != null && !g.getGroupingSets().isEmpty()) {
        throw new QueryException("GROUPING SETS / ROLLUP / CUBE are not supported");
      }
      if (g.isMysqlWithRollup()) {
        throw new QueryException("WITH ROLLUP is not supported");
      }
      for (Object o : g.getGroupByExpressionList()) {
        Expression e = (Expression) o;
        if (e.toString().toUpperCase(java.util.Locale.ROOT).startsWith("ROLLUP")
            || e.toString().toUpperCase(java.util.Locale.ROOT).startsWith("CUBE")) {
          throw new QueryException("ROLLUP / CUBE are not supported");
        }
        groupBy.add(e);
      }
    }
    Long limit = null;
    Limit l = ps.getLimit();
    if (l != null) {
      if (l.isLimitAll() || l.isLimitNull()) {
        limit = null;
      } else if (l.getRowCount() instanceof LongValue lv && lv.getValue() >= 0) {
        limit = lv.getValue();
      } else {
        throw new QueryException("LIMIT needs a whole number, got " + l.getRowCount());
      }
    }
    return new Query(text, table.getName(), List.copyOf(items), ps.getWhere(), groupBy,
        ps.getHaving(), ps.getOrderByElements() == null ? List.of() : ps.getOrderByElements(),
        limit);
  }

  /** A select item's expression and its alias as written (null when none). */
  public record Item(Expression expression, String alias) {}

  /**
   * {@code it}'s expression and alias, undoing JSqlParser's reading of {@code expr hour} (an
   * alias named like a time unit: hour, day, ...) as an interval: that is {@code expr} aliased
   * {@code hour}.
   */
  public static Item item(SelectItem<?> it) {
    Expression e = it.getExpression();
    if (it.getAlias() == null && e instanceof IntervalExpression iv
        && !iv.isUsingIntervalKeyword() && iv.getExpression() != null
        && iv.getIntervalType() != null) {
      return new Item(iv.getExpression(), iv.getIntervalType().toLowerCase(java.util.Locale.ROOT));
    }
    return new Item(e, it.getAlias() == null ? null : it.getAlias().getName());
  }
}
