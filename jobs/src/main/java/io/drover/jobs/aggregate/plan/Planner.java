package io.drover.jobs.aggregate.plan;

import io.drover.jobs.aggregate.agg.AggregateFunction;
import io.drover.jobs.aggregate.agg.Aggregates;
import io.drover.jobs.aggregate.agg.DistinctCount;
import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.ExprCompiler;
import io.drover.jobs.aggregate.expr.Functions;
import io.drover.jobs.aggregate.expr.Operators;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.sql.Query;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * Query + input schema to {@link Plan}, resolving names as Spark SQL does: GROUP BY takes input
 * columns, SELECT aliases and ordinals; every SELECT / HAVING / ORDER BY column must be grouped
 * or inside an aggregate; aggregates are refused in WHERE, GROUP BY and inside aggregates.
 */
public final class Planner {
  private final Query q;
  private final Schema schema;
  private final ZoneId zone;
  private final List<Expr> keys = new ArrayList<>();
  private final List<AggregateFunction> aggs = new ArrayList<>();
  private int aliasDepth;

  private Planner(Query q, Schema schema, ZoneId zone) {
    this.q = q;
    this.schema = schema;
    this.zone = zone;
  }

  public static Plan plan(Query q, Schema schema, ZoneId zone) throws QueryException {
    return new Planner(q, schema, zone).build();
  }

  private Expr inputColumn(String name) throws QueryException {
    int i = schema.indexOf(name);
    if (i < 0) {
      throw new QueryException("unknown column `" + name + "`; the input has: "
          + schema.describeColumns());
    }
    return new Expr.Column(i, schema.get(i).type(), schema.get(i).name());
  }

  /** Input expressions: columns of the input, no aggregates. */
  private ExprCompiler input(String clause) {
    return new ExprCompiler(this::inputColumn, (e, c) -> {
      if (e instanceof Function f && Aggregates.isAggregate(f.getName())) {
        throw new QueryException("aggregate functions are not allowed in " + clause + ": " + e
            + (clause.equals("WHERE") ? " (filter groups with HAVING)" : ""));
      }
      return null;
    }, zone);
  }

  private Plan build() throws QueryException {
    Expr where = null;
    if (q.where() != null) {
      where = Operators.bool(input("WHERE").compile(q.where()), "WHERE", zone);
    }
    for (Expression g : q.groupBy()) {
      Expr k = groupKey(g);
      boolean dup = false;
      for (Expr e : keys) {
        dup |= e.sql().equals(k.sql());
      }
      if (!dup) {
        keys.add(k);
      }
    }
    if (keys.isEmpty() && q.having() == null
        && q.select().stream().noneMatch(it -> containsAggregate(it.expression()))) {
      throw new QueryException("the query has neither GROUP BY nor an aggregate: Drover runs "
          + "aggregations; add GROUP BY or an aggregate such as count(*)");
    }
    List<Expr> outputs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Query.Item it : q.select()) {
      outputs.add(post("SELECT").compile(it.expression()));
      names.add(it.alias() != null ? it.alias() : defaultName(it.expression()));
    }
    if (keys.isEmpty() && aggs.isEmpty()) {
      throw new QueryException("the query has neither GROUP BY nor an aggregate: Drover runs "
          + "aggregations; add GROUP BY or an aggregate such as count(*)");
    }
    Expr having = null;
    if (q.having() != null) {
      having = Operators.bool(post("HAVING").compile(q.having()), "HAVING", zone);
    }
    List<Plan.Order> order = new ArrayList<>();
    int base = keys.size(); // aggregates may still be added by ORDER BY: fixed up below
    List<Object[]> pending = new ArrayList<>();
    for (OrderByElement o : q.orderBy()) {
      boolean desc = !o.isAsc();
      boolean nullsFirst = o.getNullOrdering() == null ? !desc
          : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
      Integer outIndex = outputRef(o.getExpression(), names);
      if (outIndex != null) {
        pending.add(new Object[] {outIndex, desc, nullsFirst, o.getExpression().toString()});
      } else {
        pending.add(new Object[] {post("ORDER BY").compile(o.getExpression()), desc, nullsFirst,
            o.getExpression().toString()});
      }
    }
    base = keys.size() + aggs.size();
    for (Object[] p : pending) {
      Expr e = p[0] instanceof Integer i
          ? new Expr.Column(base + i, outputs.get(i).type(), names.get(i)) : (Expr) p[0];
      order.add(new Plan.Order(e, (Boolean) p[1], (Boolean) p[2], (String) p[3]));
    }
    Expr distinct = null;
    for (AggregateFunction a : aggs) {
      if (a instanceof DistinctCount d) {
        if (distinct != null && !distinct.sql().equals(d.arg().sql())) {
          throw new QueryException("count(DISTINCT ...) of two different expressions ("
              + distinct.sql() + ", " + d.arg().sql() + ") in one query is not supported; run "
              + "one query per expression, or use approx_count_distinct for the others");
        }
        distinct = d.arg();
      }
    }
    return new Plan(where, keys, aggs, outputs, names, having, order, q.limit(), zone, distinct);
  }

  /** Spark's column name for an unaliased item: the column name, else the SQL text. */
  private static String defaultName(Expression e) {
    if (e instanceof Column c) {
      String n = ExprCompiler.columnName(c);
      int dot = n.lastIndexOf('.');
      return dot >= 0 ? n.substring(dot + 1) : n;
    }
    return e.toString();
  }

  /** ORDER BY 2 or ORDER BY alias: the output column it names, else null. */
  private Integer outputRef(Expression e, List<String> names) throws QueryException {
    if (e instanceof LongValue v) {
      long i = v.getValue();
      if (i < 1 || i > names.size()) {
        throw new QueryException("ORDER BY position " + i + " is not in the select list (1 to "
            + names.size() + ")");
      }
      return (int) i - 1;
    }
    if (e instanceof Column c) {
      String n = ExprCompiler.columnName(c);
      for (int i = 0; i < q.select().size(); i++) {
        String alias = q.select().get(i).alias();
        if (alias != null && n.equalsIgnoreCase(alias)) {
          return i;
        }
      }
    }
    return null;
  }

  private Expr groupKey(Expression g) throws QueryException {
    Expression e = g;
    if (g instanceof LongValue v) {
      long i = v.getValue();
      if (i < 1 || i > q.select().size()) {
        throw new QueryException("GROUP BY position " + i + " is not in the select list (1 to "
            + q.select().size() + ")");
      }
      e = q.select().get((int) i - 1).expression();
      if (containsAggregate(e)) {
        throw new QueryException("GROUP BY " + i + " refers to an aggregate: " + e);
      }
    } else if (g instanceof Column c && schema.indexOf(ExprCompiler.columnName(c)) < 0) {
      Query.Item item = alias(ExprCompiler.columnName(c));
      if (item != null) {
        e = item.expression();
        if (containsAggregate(e)) {
          throw new QueryException("GROUP BY " + g + " refers to an aggregate: " + e);
        }
      }
    }
    return input("GROUP BY").compile(e);
  }

  private Query.Item alias(String name) {
    for (Query.Item it : q.select()) {
      if (it.alias() != null && it.alias().equalsIgnoreCase(name)) {
        return it;
      }
    }
    return null;
  }

  private boolean containsAggregate(Expression e) {
    try {
      input("").compile(e);
      return false;
    } catch (QueryException ex) {
      return ex.getMessage().startsWith("aggregate functions are not allowed");
    }
  }

  /** The key an input expression equals, as a reference into the aggregated row, or null. */
  private Expr keyRef(Expr e) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).sql().equals(e.sql())) {
        return new Expr.Column(i, e.type(), e.sql());
      }
    }
    return null;
  }

  /**
   * Expressions over the aggregated row: aggregates become their states' results, grouped
   * expressions their keys, a bare column must be grouped.
   */
  private ExprCompiler post(String clause) {
    return new ExprCompiler(name -> {
      throw new AssertionError("columns are resolved by the hook");
    }, (e, c) -> postNode(e, clause), zone);
  }

  private Expr postNode(Expression e, String clause) throws QueryException {
    if (e instanceof Function f && !Aggregates.isAggregate(f.getName())
        && !Functions.known(f.getName())) {
      throw Functions.unknown(f.getName()); // not "column not grouped" for its arguments
    }
    if (e instanceof Function f && Aggregates.isAggregate(f.getName())) {
      return aggregateRef(f);
    }
    if (!containsAggregate(e)) {
      Expr in;
      try {
        in = input(clause).compile(e);
      } catch (QueryException ex) {
        if (e instanceof Column col && !clause.equals("SELECT")) {
          Query.Item item = alias(ExprCompiler.columnName(col));
          if (item != null && aliasDepth < 8) {
            aliasDepth++;
            try {
              return post(clause).compile(item.expression());
            } finally {
              aliasDepth--;
            }
          }
          throw ex;
        }
        if (e instanceof Column) {
          throw ex;
        }
        return null; // compile the node: its columns come back here one by one
      }
      Expr k = keyRef(in);
      if (k != null) {
        return k;
      }
      if (in.constant()) {
        return in;
      }
      if (e instanceof Column col) {
        String n = ExprCompiler.columnName(col);
        throw new QueryException("column `" + n + "` in " + clause + " is neither grouped nor "
            + "inside an aggregate; add it to GROUP BY or use an aggregate such as min(" + n
            + ")");
      }
    }
    return null; // compile the node, its children come back here
  }

  private Expr aggregateRef(Function f) throws QueryException {
    boolean star = f.isAllColumns() || (f.getParameters() != null
        && f.getParameters().size() == 1 && f.getParameters().get(0) instanceof AllColumns);
    List<Expr> args = new ArrayList<>();
    if (!star && f.getParameters() != null) {
      ExprCompiler in = input("an aggregate's argument (aggregates do not nest)");
      for (Expression a : ExprCompiler.arguments(f)) {
        args.add(in.compile(a));
      }
    }
    AggregateFunction a = Aggregates.create(f.getName(), f.isDistinct(), star, args, zone);
    int i = 0;
    for (; i < aggs.size(); i++) {
      if (aggs.get(i).sql().equals(a.sql())) {
        break;
      }
    }
    if (i == aggs.size()) {
      aggs.add(a);
    }
    return new AggRef(i, a);
  }

  /** A reference to aggregate i; its row index is keys.size() + i, fixed once keys are known. */
  private final class AggRef extends Expr {
    private final int i;
    private final AggregateFunction a;

    AggRef(int i, AggregateFunction a) {
      this.i = i;
      this.a = a;
    }

    @Override
    public io.drover.jobs.aggregate.expr.Type type() {
      return a.resultType();
    }

    @Override
    public Object eval(Object[] row) {
      return row[keys.size() + i];
    }

    @Override
    public String sql() {
      return a.sql();
    }

    @Override
    public boolean constant() {
      return false;
    }
  }
}
