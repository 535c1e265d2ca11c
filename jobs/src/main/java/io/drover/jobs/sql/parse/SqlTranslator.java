package io.drover.jobs.sql.parse;

import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.catalog.CatalogException;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Expr.AggCall;
import io.drover.jobs.sql.logical.Expr.Binary;
import io.drover.jobs.sql.logical.Expr.ColumnRef;
import io.drover.jobs.sql.logical.Expr.Literal;
import io.drover.jobs.sql.logical.Expr.Op;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.logical.Types;
import io.drover.jobs.sql.runtime.AggregateLibrary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * A query (JSqlParser's AST) to Drover's {@link Plan}, its names resolved against a {@link
 * Catalog}: tables and their aliases, qualified and unqualified columns (an unqualified name two
 * tables have is an error naming both), columns of enclosing queries (correlation, kept as {@code
 * outer} references), CTEs ({@code WITH}, with column lists), subqueries in FROM (with column
 * lists), and subquery expressions (scalar, IN, EXISTS), kept as subquery nodes for a later
 * decorrelation rule. Comma-separated tables become CROSS joins under the WHERE filter; explicit
 * {@code JOIN ... ON} conditions are split into equi-keys and a residual. ORDER BY names a selected
 * column (by name, alias, position or the same expression). JSqlParser's types go no further
 * than this package; JSqlParser 5.3's misreading of {@code x IN (list) AND y} is undone here.
 */
public final class SqlTranslator {
  private static final Set<String> AGGREGATES = Types.AGGREGATES;

  private final Catalog catalog;
  /** current_date: the client's date (JVM time zone, as Hive and Spark default), per query. */
  private final LocalDate today = LocalDate.now();
  /**
   * current_timestamp and now(): the wall time in the session time zone (UTC unless {@code
   * --time-zone}), as sql's timestamps are, fixed when the query is planned.
   */
  private final java.time.LocalDateTime now;

  public SqlTranslator(Catalog catalog) {
    this(catalog, java.time.ZoneOffset.UTC);
  }

  /** {@code zone}: the session time zone (that of current_timestamp). */
  public SqlTranslator(Catalog catalog, java.time.ZoneId zone) {
    this.catalog = catalog;
    this.now = java.time.LocalDateTime.now(zone).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  /**
   * The logical plan of a {@code SELECT} query.
   *
   * @throws SqlException one line naming the bad part
   */
  public Plan translate(String sql) {
    Statement st;
    try {
      st = CCJSqlParserUtil.parse(sql, p -> p.withBackslashEscapeCharacter(true));
    } catch (JSQLParserException e) {
      String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      int nl = m.indexOf('\n');
      throw new SqlException("cannot parse the query: "
          + (nl < 0 ? m : m.substring(0, nl)).replaceFirst("^[\\w.$]+Exception: ", "").strip());
    }
    if (!(st instanceof Select select)) {
      throw new SqlException("only SELECT queries run here; found '" + abbreviate(st) + "'");
    }
    try {
      return select(select, null, Map.of());
    } catch (CatalogException e) {
      throw new SqlException(e.getMessage());
    }
  }

  /** A CTE: its query and its column names (empty: the query's own). */
  private record Cte(Select select, List<String> names) {}

  /**
   * The columns a name can resolve to, the enclosing query's scope, and the select list's aliases
   * a name falls back to (in HAVING, as Spark resolves them) when no column has it.
   */
  private record Scope(List<Field> fields, Scope outer, Map<String, Expr> aliases) {
    Scope(List<Field> fields, Scope outer) {
      this(fields, outer, Map.of());
    }

    ColumnRef resolve(String qualifier, String name, boolean isOuter) {
      List<Field> hits = new ArrayList<>();
      for (Field f : fields) {
        if (f.name().equals(name) && (qualifier == null || qualifier.equals(f.qualifier()))) {
          hits.add(f);
        }
      }
      if (hits.size() > 1) {
        throw new SqlException("column " + name + " is ambiguous: " + hits.stream()
            .map(f -> (f.qualifier() == null ? "" : f.qualifier() + ".") + f.name())
            .collect(Collectors.joining(", ")) + " (qualify it with its table)");
      }
      if (hits.size() == 1) {
        Field f = hits.get(0);
        return new ColumnRef(f.qualifier(), f.name(), f.type(), isOuter);
      }
      return outer == null ? null : outer.resolve(qualifier, name, true);
    }

    /** The fields in scope, {@code name type} (qualified when several tables are). */
    String describe() {
      boolean qualify = fields.stream().map(Field::qualifier).distinct().count() > 1;
      String all = fields.stream().limit(40).map(f -> (qualify && f.qualifier() != null
          ? f.qualifier() + "." : "") + f.name() + " " + f.type()).collect(Collectors.joining(", "));
      return fields.isEmpty() ? "none" : fields.size() > 40 ? all + ", ..." : all;
    }
  }

  private Plan select(Select select, Scope outer, Map<String, Cte> ctes) {
    if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
      Map<String, Cte> inner = new HashMap<>(ctes);
      for (WithItem<?> w : select.getWithItemsList()) {
        List<String> names = new ArrayList<>();
        if (w.getWithItemList() != null) {
          for (SelectItem<?> item : w.getWithItemList()) {
            names.add(lower(item.toString()));
          }
        }
        inner.put(lower(w.getAlias().getName()), new Cte(w.getSelect(), names));
      }
      ctes = inner;
    }
    if (select instanceof PlainSelect ps) {
      return plain(ps, outer, ctes);
    }
    if (select instanceof ParenthesedSelect ps) {
      Plan p = select(ps.getSelect(), outer, ctes);
      return orderAndLimit(p, ps.getOrderByElements(), ps.getLimit(), null, null);
    }
    if (select instanceof SetOperationList set) {
      List<Plan> inputs = new ArrayList<>();
      Boolean all = null;
      for (SetOperation op : set.getOperations()) {
        if (!(op instanceof UnionOp union)) {
          throw new SqlException(op + " is not supported yet; use UNION or UNION ALL");
        }
        boolean a = union.isAll();
        if (all != null && all != a) {
          throw new SqlException("mix of UNION and UNION ALL: write one of them (or nest them)");
        }
        all = a;
      }
      for (Select s : set.getSelects()) {
        Plan p = select(s, outer, ctes);
        if (!inputs.isEmpty() && p.schema().size() != inputs.get(0).schema().size()) {
          throw new SqlException("UNION of " + inputs.get(0).schema().size() + " and "
              + p.schema().size() + " columns: each SELECT must give the same number");
        }
        inputs.add(p);
      }
      Plan union = new Plan.Union(inputs, all);
      return orderAndLimit(union, set.getOrderByElements(), set.getLimit(), null, null);
    }
    throw new SqlException("unsupported query form: " + abbreviate(select));
  }

  /** A select item: its expression and alias. */
  private record Item(Expression expression, String alias) {}

  /**
   * {@code it}'s expression and alias, undoing JSqlParser's reading of {@code expr hour} (an
   * alias named like a time unit: hour, day, ...) as an interval: that is {@code expr} aliased
   * {@code hour}.
   */
  private static Item item(SelectItem<?> it) {
    Expression e = it.getExpression();
    if (it.getAlias() == null && e instanceof net.sf.jsqlparser.expression.IntervalExpression iv
        && !iv.isUsingIntervalKeyword() && iv.getExpression() != null
        && iv.getIntervalType() != null) {
      return new Item(iv.getExpression(), iv.getIntervalType().toLowerCase(Locale.ROOT));
    }
    return new Item(e, it.getAlias() == null ? null : it.getAlias().getName());
  }

  private Plan plain(PlainSelect ps, Scope outer, Map<String, Cte> ctes) {
    if (ps.getFromItem() == null) {
      throw new SqlException("SELECT without FROM is not supported yet");
    }
    Plan from = fromItem(ps.getFromItem(), ctes);
    if (ps.getJoins() != null) {
      for (Join j : ps.getJoins()) {
        from = join(from, j, outer, ctes);
      }
    }
    Scope scope = new Scope(from.schema(), outer);
    if (ps.getWhere() != null) {
      from = new Plan.Filter(from, condition(ps.getWhere(), scope, "WHERE", ctes));
    }
    // select items, translated over the FROM scope (aggregates allowed)
    List<Expr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    // the select list's aliases: HAVING may name them, and GROUP BY (as Spark's groupByAliases)
    // when no column of FROM has the name; GROUP BY also takes positions (groupByOrdinal)
    Map<String, Expr> aliases = new HashMap<>();
    for (SelectItem<?> item : ps.getSelectItems()) {
      Item it = item(item);
      Expression e = it.expression();
      if (e instanceof AllTableColumns atc) {
        String q = lower(atc.getTable().getName());
        boolean any = false;
        for (Field f : scope.fields()) {
          if (q.equals(f.qualifier())) {
            exprs.add(new ColumnRef(f.qualifier(), f.name(), f.type(), false));
            fields.add(f);
            any = true;
          }
        }
        if (!any) {
          throw new SqlException("unknown table " + q + " in " + q + ".*");
        }
      } else if (e instanceof AllColumns) {
        for (Field f : scope.fields()) {
          exprs.add(new ColumnRef(f.qualifier(), f.name(), f.type(), false));
          fields.add(f);
        }
      } else {
        Expr x = expr(e, scope, true, ctes);
        exprs.add(x);
        String name = it.alias() != null ? lower(it.alias())
            : x instanceof ColumnRef c ? c.name() : e.toString();
        String qualifier = it.alias() == null && x instanceof ColumnRef c
            ? c.qualifier() : null;
        fields.add(new Field(qualifier, name, x.type()));
        if (it.alias() != null) {
          aliases.putIfAbsent(name, x);
        }
      }
    }
    Expr having = ps.getHaving() == null ? null
        : expr(ps.getHaving(), new Scope(scope.fields(), scope.outer(), aliases), true, ctes);
    List<Expr> groupBy = new ArrayList<>();
    if (ps.getGroupBy() != null) {
      for (Object g : ps.getGroupBy().getGroupByExpressionList()) {
        groupBy.add(groupKey((Expression) g, scope, exprs, aliases, ctes));
      }
    }
    List<AggCall> calls = new ArrayList<>();
    for (Expr x : exprs) {
      collectAggs(x, calls);
    }
    if (having != null) {
      collectAggs(having, calls);
    }
    Plan input = from;
    Map<Expr, ColumnRef> replace = null;
    List<Field> aggFields = null;
    if (!groupBy.isEmpty() || !calls.isEmpty()) {
      aggFields = new ArrayList<>();
      replace = new HashMap<>();
      for (int i = 0; i < groupBy.size(); i++) {
        Expr k = groupBy.get(i);
        Field f = k instanceof ColumnRef c ? new Field(c.qualifier(), c.name(), c.type())
            : new Field(null, "_key" + i, k.type());
        aggFields.add(f);
        replace.putIfAbsent(k, new ColumnRef(f.qualifier(), f.name(), f.type(), false));
      }
      for (int i = 0; i < calls.size(); i++) {
        Field f = new Field(null, "_agg" + i, calls.get(i).type());
        aggFields.add(f);
        replace.put(calls.get(i), new ColumnRef(null, f.name(), f.type(), false));
      }
      input = new Plan.Aggregate(from, groupBy, calls, aggFields);
      for (int i = 0; i < exprs.size(); i++) {
        exprs.set(i, afterAggregate(exprs.get(i), replace, aggFields, "SELECT"));
      }
      if (having != null) {
        input = new Plan.Filter(input, afterAggregate(having, replace, aggFields, "HAVING"));
      }
    } else if (having != null) {
      throw new SqlException("HAVING without GROUP BY or an aggregate: use WHERE");
    }
    Plan out = new Plan.Project(input, exprs, fields);
    if (ps.getDistinct() != null) {
      List<Expr> keys = new ArrayList<>();
      for (Field f : fields) {
        keys.add(new ColumnRef(f.qualifier(), f.name(), f.type(), false));
      }
      out = new Plan.Aggregate(out, keys, List.of(), fields);
    }
    final Map<Expr, ColumnRef> rep = replace;
    final List<Field> af = aggFields;
    return orderAndLimit(out, ps.getOrderByElements(), ps.getLimit(),
        e -> {
          Expr x = expr(e, scope, true, ctes);
          return rep == null ? x : afterAggregate(x, rep, af, "ORDER BY");
        }, exprs);
  }

  /** Sort (over the output, by name, alias, position or a selected expression) and limit. */
  private Plan orderAndLimit(Plan p, List<OrderByElement> order,
      net.sf.jsqlparser.statement.select.Limit limit,
      java.util.function.Function<Expression, Expr> preProjection, List<Expr> projected) {
    if (order != null && !order.isEmpty()) {
      List<Field> out = p.schema();
      List<Plan.SortKey> keys = new ArrayList<>();
      for (OrderByElement o : order) {
        Field target = null;
        Expression e = o.getExpression();
        if (e instanceof LongValue pos) {
          long n = pos.getValue();
          if (n < 1 || n > out.size()) {
            throw new SqlException("ORDER BY " + n + ": the query has " + out.size()
                + " columns");
          }
          target = out.get((int) n - 1);
        } else if (e instanceof Column c && c.getTable() == null) {
          String name = lower(c.getColumnName());
          List<Field> hits = out.stream().filter(f -> f.name().equals(name)).toList();
          if (hits.size() > 1) {
            throw new SqlException("ORDER BY " + name + " is ambiguous: the query selects "
                + hits.size() + " columns of that name");
          }
          target = hits.isEmpty() ? null : hits.get(0);
        }
        if (target == null && preProjection != null) {
          Expr x = preProjection.apply(e);
          int i = projected.indexOf(x);
          target = i < 0 ? null : out.get(i);
        }
        if (target == null) {
          throw new SqlException("ORDER BY " + e + ": sort by a selected column (its name, alias"
              + " or position); sorting by other expressions is not supported yet");
        }
        boolean asc = o.isAsc();
        boolean nullsFirst = o.getNullOrdering() == null ? asc
            : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        keys.add(new Plan.SortKey(
            new ColumnRef(target.qualifier(), target.name(), target.type(), false), asc,
            nullsFirst));
      }
      p = new Plan.Sort(p, keys);
    }
    if (limit != null) {
      if (!(limit.getRowCount() instanceof LongValue n) || limit.getOffset() != null) {
        throw new SqlException("LIMIT " + limit.getRowCount() + ": give a row count (no OFFSET)");
      }
      p = new Plan.Limit(p, n.getValue());
    }
    return p;
  }

  /**
   * A GROUP BY item: a position in the select list (1-based, as Spark's
   * {@code spark.sql.groupByOrdinal}), a select alias no column of FROM has (Spark's
   * {@code spark.sql.groupByAliases}), or an expression over FROM.
   */
  private Expr groupKey(Expression g, Scope scope, List<Expr> exprs, Map<String, Expr> aliases,
      Map<String, Cte> ctes) {
    Expr selected = null;
    String what = null;
    if (g instanceof LongValue v) {
      long k = v.getValue();
      if (k < 1 || k > exprs.size()) {
        throw new SqlException("GROUP BY position " + k + " is not in the select list (1.."
            + exprs.size() + ")");
      }
      selected = exprs.get((int) k - 1);
      what = "position " + k;
    } else if (g instanceof Column c && c.getTable() == null) {
      String name = lower(c.getColumnName());
      if (aliases.containsKey(name) && scope.resolve(null, name, false) == null) {
        selected = aliases.get(name);
        what = name;
      }
    }
    if (selected == null) {
      return expr(g, scope, false, ctes);
    }
    List<AggCall> inside = new ArrayList<>();
    collectAggs(selected, inside);
    if (!inside.isEmpty()) {
      throw new SqlException("GROUP BY " + what + " is an aggregate, which cannot be grouped by");
    }
    return selected;
  }

  private static void collectAggs(Expr e, List<AggCall> out) {
    if (e instanceof AggCall a) {
      if (!out.contains(a)) {
        out.add(a);
      }
      return;
    }
    for (Expr c : e.children()) {
      collectAggs(c, out);
    }
  }

  /** Top-down: a group key or an aggregate call becomes a reference to the aggregate's output. */
  private static Expr afterAggregate(Expr e, Map<Expr, ColumnRef> replace, List<Field> out,
      String clause) {
    ColumnRef r = replace.get(e);
    if (r != null) {
      return r;
    }
    if (e instanceof ColumnRef c && !c.outer()) {
      throw new SqlException(clause + " uses column " + c + ", which is neither in GROUP BY nor"
          + " inside an aggregate");
    }
    List<Expr> kids = e.children();
    if (kids.isEmpty()) {
      return e;
    }
    List<Expr> mapped = new ArrayList<>();
    for (Expr k : kids) {
      mapped.add(afterAggregate(k, replace, out, clause));
    }
    return e.withChildren(mapped);
  }

  private Plan fromItem(FromItem item, Map<String, Cte> ctes) {
    String alias = item.getAlias() == null ? null : lower(item.getAlias().getName());
    List<String> columnAliases = new ArrayList<>();
    if (item.getAlias() != null && item.getAlias().getAliasColumns() != null) {
      for (var ac : item.getAlias().getAliasColumns()) {
        columnAliases.add(lower(ac.name));
      }
    }
    if (item instanceof net.sf.jsqlparser.schema.Table t) {
      String name = lower(t.getName());
      Cte cte = t.getSchemaName() == null ? ctes.get(name) : null;
      if (cte != null) {
        Plan p = select(cte.select(), null, ctes);
        p = requalify(p, name, cte.names(), "WITH " + name);
        return alias == null && columnAliases.isEmpty() ? p
            : requalify(p, alias == null ? name : alias, columnAliases, name);
      }
      Table table = catalog.table(t.getSchemaName() == null ? name
          : lower(t.getSchemaName()) + "." + name);
      if (!columnAliases.isEmpty()) {
        throw new SqlException("column aliases for table " + name + " are not supported");
      }
      return new Plan.Scan(table, alias == null ? table.name() : alias, table.columns());
    }
    if (item instanceof ParenthesedSelect ps) {
      Plan p = select(ps.getSelect(), null, ctes);
      p = orderAndLimit(p, ps.getOrderByElements(), ps.getLimit(), null, null);
      return requalify(p, alias, columnAliases, "subquery " + (alias == null ? "" : alias));
    }
    throw new SqlException("unsupported FROM item: " + abbreviate(item));
  }

  /** The plan's columns under one qualifier (and new names, if given). */
  private static Plan requalify(Plan p, String qualifier, List<String> names, String what) {
    List<Field> in = p.schema();
    if (!names.isEmpty() && names.size() != in.size()) {
      throw new SqlException(what + " names " + names.size() + " columns but its query gives "
          + in.size());
    }
    List<Expr> exprs = new ArrayList<>();
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      Field f = in.get(i);
      exprs.add(new ColumnRef(f.qualifier(), f.name(), f.type(), false));
      out.add(new Field(qualifier, names.isEmpty() ? f.name() : names.get(i), f.type()));
    }
    return new Plan.Project(p, exprs, out);
  }

  private Plan join(Plan left, Join j, Scope outer, Map<String, Cte> ctes) {
    Plan right = fromItem(j.getFromItem(), ctes);
    boolean hasOn = j.getOnExpressions() != null && !j.getOnExpressions().isEmpty();
    if (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) {
      throw new SqlException("JOIN ... USING is not supported yet; write JOIN ... ON");
    }
    Plan.JoinKind kind;
    if (j.isSimple() || j.isCross() || !hasOn && !j.isOuter() && !j.isLeft() && !j.isRight()
        && !j.isFull()) {
      kind = Plan.JoinKind.CROSS;
    } else if (j.isFull()) {
      kind = Plan.JoinKind.FULL;
    } else if (j.isLeft()) {
      kind = Plan.JoinKind.LEFT;
    } else if (j.isRight()) {
      kind = Plan.JoinKind.RIGHT;
    } else {
      kind = Plan.JoinKind.INNER;
    }
    if (kind == Plan.JoinKind.CROSS) {
      if (hasOn) {
        throw new SqlException("a comma join has no ON: write JOIN ... ON");
      }
      return new Plan.Join(kind, left, right, List.of(), null);
    }
    if (!hasOn) {
      throw new SqlException(kind + " JOIN " + j.getFromItem() + " needs an ON condition");
    }
    List<Field> both = new ArrayList<>(left.schema());
    both.addAll(right.schema());
    Scope scope = new Scope(both, outer);
    List<Expr> conjuncts = new ArrayList<>();
    for (Expression on : j.getOnExpressions()) {
      splitAnd(condition(on, scope, "ON", ctes), conjuncts);
    }
    List<Plan.EquiKey> keys = new ArrayList<>();
    Expr residual = null;
    for (Expr c : conjuncts) {
      if (c instanceof Binary b && b.op() == Op.EQ) {
        int l = side(b.left(), left.schema(), right.schema());
        int r = side(b.right(), left.schema(), right.schema());
        if (l == 1 && r == 2) {
          keys.add(new Plan.EquiKey(b.left(), b.right()));
          continue;
        }
        if (l == 2 && r == 1) {
          keys.add(new Plan.EquiKey(b.right(), b.left()));
          continue;
        }
      }
      residual = residual == null ? c : new Binary(Op.AND, residual, c, DataType.BOOLEAN);
    }
    return new Plan.Join(kind, left, right, keys, residual);
  }

  /** 1: the expression reads only the left input; 2: only the right; 0: both, none or outer. */
  private static int side(Expr e, List<Field> left, List<Field> right) {
    List<ColumnRef> refs = new ArrayList<>();
    refs(e, refs);
    if (refs.isEmpty() || !e.children().isEmpty() && hasSubquery(e)) {
      return 0;
    }
    boolean l = true;
    boolean r = true;
    for (ColumnRef c : refs) {
      if (c.outer()) {
        return 0;
      }
      l &= left.stream().anyMatch(f -> matches(f, c));
      r &= right.stream().anyMatch(f -> matches(f, c));
    }
    return l && !r ? 1 : r && !l ? 2 : 0;
  }

  private static boolean matches(Field f, ColumnRef c) {
    return f.name().equals(c.name()) && java.util.Objects.equals(f.qualifier(), c.qualifier());
  }

  private static boolean hasSubquery(Expr e) {
    if (e instanceof Expr.ScalarSubquery || e instanceof Expr.InSubquery
        || e instanceof Expr.Exists) {
      return true;
    }
    return e.children().stream().anyMatch(SqlTranslator::hasSubquery);
  }

  private static void refs(Expr e, List<ColumnRef> out) {
    if (e instanceof ColumnRef c) {
      out.add(c);
    }
    for (Expr k : e.children()) {
      refs(k, out);
    }
  }

  private static void splitAnd(Expr e, List<Expr> out) {
    if (e instanceof Binary b && b.op() == Op.AND) {
      splitAnd(b.left(), out);
      splitAnd(b.right(), out);
    } else {
      out.add(e);
    }
  }

  private Expr condition(Expression e, Scope scope, String clause, Map<String, Cte> ctes) {
    Expr x = expr(e, scope, false, ctes);
    if (x.type().kind() != DataType.Kind.BOOLEAN) {
      throw new SqlException(clause + " " + abbreviate(e) + " is " + x.type()
          + ", not a condition");
    }
    return x;
  }

  private Expr expr(Expression e, Scope s, boolean aggAllowed, Map<String, Cte> ctes) {
    try {
      return translateExpr(e, s, aggAllowed, ctes);
    } catch (IllegalArgumentException ex) {
      throw new SqlException(abbreviate(e) + ": " + ex.getMessage());
    }
  }

  private Expr translateExpr(Expression e, Scope s, boolean agg, Map<String, Cte> ctes) {
    if (e instanceof Column c) {
      String name = lower(c.getColumnName());
      String q = c.getTable() == null || c.getTable().getName() == null ? null
          : lower(c.getTable().getName());
      if (q == null && (name.equals("true") || name.equals("false"))) {
        return new Literal(name.equals("true"), DataType.BOOLEAN);
      }
      ColumnRef r = s.resolve(q, name, false);
      if (r == null && q == null && s.aliases().containsKey(name)) {
        return s.aliases().get(name);
      }
      if (r == null) {
        throw new SqlException("unknown column " + (q == null ? "" : q + ".") + name
            + "; the columns here: " + s.describe());
      }
      return r;
    }
    if (e instanceof net.sf.jsqlparser.expression.BooleanValue b) {
      return new Literal(b.getValue(), DataType.BOOLEAN);
    }
    if (e instanceof LongValue v) {
      long n = v.getValue();
      return new Literal(n, n == (int) n ? DataType.INT : DataType.BIGINT);
    }
    if (e instanceof DoubleValue d) {
      String text = d.toString();
      if (text.contains("e") || text.contains("E")) {
        return new Literal(d.getValue(), DataType.DOUBLE);
      }
      BigDecimal b = new BigDecimal(text);
      return new Literal(b, DataType.decimal(Math.max(b.precision(), b.scale()), b.scale()));
    }
    if (e instanceof StringValue v) {
      return new Literal(StringLiterals.unescape(v.getValue()),
          DataType.STRING);
    }
    if (e instanceof NullValue) {
      return new Literal(null, DataType.NULL);
    }
    if (e instanceof SignedExpression se) {
      Expr x = translateExpr(se.getExpression(), s, agg, ctes);
      if (se.getSign() == '+') {
        return x;
      }
      if (x instanceof Literal l && l.value() instanceof Long n) {
        return new Literal(-n, l.type());
      }
      if (x instanceof Literal l && l.value() instanceof BigDecimal b) {
        return new Literal(b.negate(), l.type());
      }
      return new Expr.Negate(x);
    }
    if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
      return translateExpr(list.get(0), s, agg, ctes);
    }
    if (e instanceof CastExpression c) {
      String name = c.getColDataType().getDataType();
      List<String> params = c.getColDataType().getArgumentsStringList();
      // CAST(x AS varchar) without a length: a string, as Spark reads it
      DataType t = (params == null || params.isEmpty()) && name != null
          && (name.equalsIgnoreCase("varchar") || name.equalsIgnoreCase("char"))
          ? DataType.STRING : HiveDdl.type("CAST", abbreviate(e), c.getColDataType());
      if (c.getLeftExpression() instanceof StringValue v && t.kind() == DataType.Kind.DATE) {
        try {
          return new Literal(LocalDate.parse(v.getValue()), DataType.DATE);
        } catch (DateTimeParseException ex) {
          if (c.isImplicitCast()) { // DATE 'x': a literal must be a date
            throw new SqlException("DATE '" + v.getValue() + "' is not a date (yyyy-mm-dd)");
          }
          // CAST('2024-02-03 10:11:12' AS DATE) is that day, CAST('x' AS DATE) NULL (Hive's)
        }
      }
      return new Expr.Cast(translateExpr(c.getLeftExpression(), s, agg, ctes), t);
    }
    if (e instanceof IntervalExpression i) {
      String p = i.getParameter();
      if (p == null || i.getIntervalType() == null) {
        throw new SqlException(e + ": write INTERVAL 'n' DAY|MONTH|YEAR");
      }
      long n;
      try {
        n = Long.parseLong(p.replace("'", "").strip());
      } catch (NumberFormatException ex) {
        throw new SqlException(e + ": the interval's amount must be a whole number");
      }
      Expr.Interval v = switch (i.getIntervalType().toUpperCase(Locale.ROOT)) {
        case "DAY", "DAYS" -> new Expr.Interval(0, n);
        case "MONTH", "MONTHS" -> new Expr.Interval(n, 0);
        case "YEAR", "YEARS" -> new Expr.Interval(12 * n, 0);
        default -> throw new SqlException(e + ": use DAY, MONTH or YEAR");
      };
      return new Literal(v, DataType.INTERVAL);
    }
    if (e instanceof Addition a) {
      return arithmetic(Op.ADD, a.getLeftExpression(), a.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof Subtraction a) {
      return arithmetic(Op.SUB, a.getLeftExpression(), a.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof Multiplication a) {
      return arithmetic(Op.MUL, a.getLeftExpression(), a.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof Division a) {
      return arithmetic(Op.DIV, a.getLeftExpression(), a.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof IntegerDivision a) { // Hive's and Spark's a div b, as aggregate has it
      return borrowed(AggregateLibrary.DIV, List.of(translateExpr(a.getLeftExpression(), s,
          agg, ctes), translateExpr(a.getRightExpression(), s, agg, ctes)), abbreviate(e));
    }
    if (e instanceof EqualsTo b) {
      return compare(Op.EQ, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof NotEqualsTo b) {
      return compare(Op.NE, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof GreaterThan b) {
      return compare(Op.GT, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof GreaterThanEquals b) {
      return compare(Op.GE, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof MinorThan b) {
      return compare(Op.LT, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof MinorThanEquals b) {
      return compare(Op.LE, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof AndExpression b) {
      return logic(Op.AND, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof OrExpression b) {
      return logic(Op.OR, b.getLeftExpression(), b.getRightExpression(), s, agg, ctes);
    }
    if (e instanceof NotExpression n) {
      Expr x = translateExpr(n.getExpression(), s, agg, ctes);
      if (x instanceof Expr.Exists ex) {
        return new Expr.Exists(ex.plan(), !ex.negated());
      }
      return new Expr.Not(bool(x, e));
    }
    if (e instanceof IsNullExpression n) {
      return new Expr.IsNull(translateExpr(n.getLeftExpression(), s, agg, ctes), n.isNot());
    }
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.CosineSimilarity c) {
      // JSqlParser reads Spark's and Hive's null-safe a <=> b as this operator
      return nullSafeEquals(c.getLeftExpression(), c.getRightExpression(), false, s, agg, ctes);
    }
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression d) {
      return nullSafeEquals(d.getLeftExpression(), d.getRightExpression(), !d.isNot(), s, agg,
          ctes);
    }
    if (e instanceof LikeExpression l) {
      String keyword = l.getLikeKeyWord().toString();
      Expr in = translateExpr(l.getLeftExpression(), s, agg, ctes);
      Expr pattern = translateExpr(l.getRightExpression(), s, agg, ctes);
      if ((keyword.equalsIgnoreCase("RLIKE") || keyword.equalsIgnoreCase("REGEXP"))
          && l.getEscape() == null) { // Spark's and Hive's s RLIKE 'regex': a match anywhere
        Expr m = borrowed("rlike", List.of(in, pattern), abbreviate(e));
        return l.isNot() ? new Expr.Not(m) : m;
      }
      if (!keyword.equalsIgnoreCase("LIKE") || l.getEscape() != null) {
        throw new SqlException(abbreviate(e) + ": only LIKE (no ESCAPE) and RLIKE are "
            + "supported");
      }
      if (!in.type().isText() || !pattern.type().isText()) {
        throw new SqlException(abbreviate(e) + ": LIKE needs text on both sides");
      }
      return new Expr.Like(in, pattern, l.isNot());
    }
    if (e instanceof InExpression in && (in.getRightExpression() instanceof AndExpression
        || in.getRightExpression() instanceof OrExpression)) {
      return translateExpr(rotateIn(in, in.getRightExpression()), s, agg, ctes);
    }
    if (e instanceof InExpression in) {
      Expr left = translateExpr(in.getLeftExpression(), s, agg, ctes);
      if (in.getRightExpression() instanceof ParenthesedSelect sub) {
        Plan p = select(sub, s, ctes);
        if (p.schema().size() != 1) {
          throw new SqlException(abbreviate(e) + ": the IN subquery must select one column");
        }
        Types.common(left.type(), p.schema().get(0).type());
        return new Expr.InSubquery(left, p, in.isNot());
      }
      if (in.getRightExpression() instanceof ExpressionList<?> list) {
        List<Expr> values = new ArrayList<>();
        for (Expression v : list) {
          Expr x = translateExpr(v, s, agg, ctes);
          Types.common(left.type(), x.type());
          values.add(x);
        }
        return new Expr.InList(left, values, in.isNot());
      }
      throw new SqlException(abbreviate(e) + ": IN needs a list or a subquery");
    }
    if (e instanceof Between b) {
      Expr x = translateExpr(b.getLeftExpression(), s, agg, ctes);
      Expr lo = translateExpr(b.getBetweenExpressionStart(), s, agg, ctes);
      Expr hi = translateExpr(b.getBetweenExpressionEnd(), s, agg, ctes);
      Types.common(x.type(), lo.type());
      Types.common(x.type(), hi.type());
      return new Expr.Between(x, lo, hi, b.isNot());
    }
    if (e instanceof ExistsExpression ex) {
      if (!(ex.getRightExpression() instanceof ParenthesedSelect sub)) {
        throw new SqlException(abbreviate(e) + ": EXISTS needs a subquery");
      }
      return new Expr.Exists(select(sub, s, ctes), ex.isNot());
    }
    if (e instanceof ParenthesedSelect sub) {
      Plan p = select(sub, s, ctes);
      if (p.schema().size() != 1) {
        throw new SqlException(abbreviate(e) + ": a scalar subquery must select one column");
      }
      return new Expr.ScalarSubquery(p);
    }
    if (e instanceof CaseExpression c) {
      List<Expr> whenThen = new ArrayList<>();
      Expr subject = c.getSwitchExpression() == null ? null
          : translateExpr(c.getSwitchExpression(), s, agg, ctes);
      DataType type = DataType.NULL;
      for (WhenClause w : c.getWhenClauses()) {
        Expr when = translateExpr(w.getWhenExpression(), s, agg, ctes);
        if (subject != null) {
          Types.common(subject.type(), when.type());
          when = new Binary(Op.EQ, subject, when, DataType.BOOLEAN);
        }
        Expr then = translateExpr(w.getThenExpression(), s, agg, ctes);
        whenThen.add(bool(when, w.getWhenExpression()));
        whenThen.add(then);
        type = Types.common(type, then.type());
      }
      Expr otherwise = c.getElseExpression() == null ? new Literal(null, DataType.NULL)
          : translateExpr(c.getElseExpression(), s, agg, ctes);
      type = Types.common(type, otherwise.type());
      return new Expr.Case(whenThen, otherwise, type);
    }
    if (e instanceof ExtractExpression x) {
      String field = lower(x.getName());
      Expr in = translateExpr(x.getExpression(), s, agg, ctes);
      if (!Set.of("year", "month", "day").contains(field)) {
        throw new SqlException(abbreviate(e) + ": EXTRACT takes YEAR, MONTH or DAY");
      }
      if (in.type().kind() != DataType.Kind.DATE
          && in.type().kind() != DataType.Kind.TIMESTAMP) {
        throw new SqlException(abbreviate(e) + ": EXTRACT needs a date or timestamp");
      }
      return new Expr.Call(field, List.of(in), DataType.INT);
    }
    if (e instanceof Function f) {
      return function(f, s, agg, ctes);
    }
    if (e instanceof TrimFunction t) {
      // TRIM(x), TRIM(BOTH | LEADING | TRAILING FROM x): spaces, as Spark and Hive trim
      if (t.getFromExpression() != null && t.getExpression() != null
          || t.getExpression() == null && t.getFromExpression() == null) {
        throw new SqlException(abbreviate(e) + ": only spaces are trimmed here; write TRIM(x),"
            + " LTRIM(x) or RTRIM(x)");
      }
      Expr in = translateExpr(t.getExpression() != null ? t.getExpression()
          : t.getFromExpression(), s, agg, ctes);
      if (!in.type().isText()) {
        throw new SqlException(abbreviate(e) + ": TRIM takes one text argument");
      }
      String fn = t.getTrimSpecification() == null ? "trim"
          : switch (t.getTrimSpecification()) {
            case LEADING -> "ltrim";
            case TRAILING -> "rtrim";
            default -> "trim";
          };
      return new Expr.Call(fn, List.of(in), DataType.STRING);
    }
    if (e instanceof Modulo m) {
      return ScalarFunctions.mod(translateExpr(m.getLeftExpression(), s, agg, ctes),
          translateExpr(m.getRightExpression(), s, agg, ctes), abbreviate(e));
    }
    if (e instanceof TimeKeyExpression k
        && k.getStringValue().replace("()", "").equalsIgnoreCase("current_date")) {
      return new Literal(today, DataType.DATE); // one value per query, fixed when it is planned
    }
    if (e instanceof TimeKeyExpression k
        && k.getStringValue().replace("()", "").equalsIgnoreCase("current_timestamp")) {
      return new Literal(now, DataType.TIMESTAMP);
    }
    if (e instanceof Concat c) {
      return new Expr.Call("concat", List.of(translateExpr(c.getLeftExpression(), s, agg, ctes),
          translateExpr(c.getRightExpression(), s, agg, ctes)), DataType.STRING);
    }
    throw new SqlException("unsupported expression: " + abbreviate(e));
  }

  /**
   * JSqlParser 5.3 reads {@code x IN (a, b) AND y} as {@code x IN ((a, b) AND y)}: put the IN
   * back on the leftmost operand ({@code (x IN (a, b)) AND y}; IN binds tighter than AND and OR).
   */
  private static Expression rotateIn(InExpression in, Expression right) {
    if (right instanceof AndExpression a) {
      return new AndExpression(rotateIn(in, a.getLeftExpression()), a.getRightExpression());
    }
    if (right instanceof OrExpression o) {
      return new OrExpression(rotateIn(in, o.getLeftExpression()), o.getRightExpression());
    }
    InExpression fixed = new InExpression(in.getLeftExpression(), right);
    fixed.setNot(in.isNot());
    return fixed;
  }

  private Expr function(Function f, Scope s, boolean agg, Map<String, Cte> ctes) {
    String name = lower(f.getName());
    if (name.equals("mean")) {
      name = "avg"; // Spark's alias
    }
    boolean aggregate = AGGREGATES.contains(name) || AggregateLibrary.isAggregate(name);
    List<Expr> args = new ArrayList<>();
    boolean star = f.isAllColumns();
    if (f.getNamedParameters() != null) {
      NamedExpressionList<?> named = f.getNamedParameters();
      List<String> names = named.getNames();
      if (!name.equals("substring") || names.size() < 2
          || !names.get(1).equalsIgnoreCase("from")
          || names.size() == 3 && !names.get(2).equalsIgnoreCase("for") || names.size() > 3) {
        throw new SqlException(abbreviate(f) + ": unsupported form of " + name);
      }
      for (Object p : named) {
        args.add(translateExpr((Expression) p, s, false, ctes));
      }
    } else if (f.getParameters() != null) {
      // a scalar function may take aggregates where the query may (coalesce(sum(x), 0)); an
      // aggregate's own argument may not (nested aggregates are refused below)
      boolean argsAgg = agg && !aggregate;
      for (Expression p : f.getParameters()) {
        if (p instanceof AllColumns) {
          star = true;
        } else {
          args.add(translateExpr(p, s, argsAgg, ctes));
        }
      }
    }
    if (aggregate) {
      if (!agg) {
        throw new SqlException("aggregate " + abbreviate(f)
            + " is not allowed here (only in SELECT, HAVING and ORDER BY, not nested)");
      }
      if (AggregateLibrary.isAggregate(name)) {
        if (hasAgg(args)) {
          throw new SqlException(abbreviate(f) + ": aggregates cannot be nested");
        }
        try {
          return new AggCall(name, f.isDistinct(), args,
              AggregateLibrary.aggregateType(name, f.isDistinct(), star, args));
        } catch (IllegalArgumentException e) {
          throw new SqlException(abbreviate(f) + ": " + e.getMessage());
        }
      }
      if (star && !name.equals("count") || !star && args.size() != 1) {
        throw new SqlException(abbreviate(f) + ": " + name + " takes one argument"
            + (name.equals("count") ? " or *" : ""));
      }
      if (hasAgg(args)) {
        throw new SqlException(abbreviate(f) + ": aggregates cannot be nested");
      }
      if (!star && args.get(0).type().isText() && !name.equals("count")
          && !name.equals("min") && !name.equals("max")) {
        // Spark's and Hive's implicit cast: sum, avg and the moments of text are of its doubles
        // (a value that is not a number is NULL)
        args = List.of(new Expr.Cast(args.get(0), DataType.DOUBLE));
      }
      DataType t;
      try {
        t = Types.aggregate(name, star ? null : args.get(0).type());
      } catch (IllegalArgumentException e) {
        throw new SqlException(abbreviate(f) + ": " + name + " takes a number, not "
            + args.get(0).type());
      }
      return new AggCall(name, f.isDistinct(), args, t);
    }
    if (star || f.isDistinct()) {
      throw new SqlException(abbreviate(f) + ": " + name + " is not an aggregate");
    }
    if (name.equals("current_date") && args.isEmpty()) {
      return new Literal(today, DataType.DATE);
    }
    if ((name.equals("current_timestamp") || name.equals("now")) && args.isEmpty()) {
      return new Literal(now, DataType.TIMESTAMP);
    }
    Expr scalar = ScalarFunctions.resolve(name, args, abbreviate(f));
    if (scalar != null) {
      return scalar;
    }
    switch (name) {
      case "substring", "substr" -> {
        if (args.size() < 2 || args.size() > 3 || !args.get(0).type().isText()) {
          throw new SqlException(abbreviate(f) + ": write substring(text FROM start [FOR length])");
        }
        return new Expr.Call("substring", args, DataType.STRING);
      }
      case "concat" -> {
        if (args.isEmpty()) {
          throw new SqlException(abbreviate(f) + ": concat takes one or more arguments");
        }
        return new Expr.Call(name, args, DataType.STRING);
      }
      case "round" -> {
        return round(f, args);
      }
      case "upper", "lower", "trim", "ltrim", "rtrim" -> {
        oneText(f, name, args);
        return new Expr.Call(name, args, DataType.STRING);
      }
      case "length" -> {
        oneText(f, name, args);
        return new Expr.Call(name, args, DataType.INT);
      }
      case "abs" -> {
        if (args.size() != 1 || !args.get(0).type().isNumeric()) {
          throw new SqlException(abbreviate(f) + ": abs takes one number");
        }
        return new Expr.Call(name, args, args.get(0).type());
      }
      case "coalesce" -> {
        DataType t = DataType.NULL;
        for (Expr a : args) {
          t = Types.common(t, a.type());
        }
        return new Expr.Call(name, args, t);
      }
      default -> {
        if (AggregateLibrary.isScalar(name)) {
          return borrowed(name, args, abbreviate(f));
        }
        throw unknownFunction(name, abbreviate(f));
      }
    }
  }

  /** One of aggregate's scalar functions (or its div), typed by aggregate's registry. */
  private static Expr borrowed(String name, List<Expr> args, String where) {
    try {
      return new Expr.Call(name, args, AggregateLibrary.scalarType(name, args));
    } catch (IllegalArgumentException e) {
      throw new SqlException(where + ": " + e.getMessage());
    }
  }

  /** "unknown function NAME in CALL", with the known names nearest to it. */
  static SqlException unknownFunction(String name, String where) {
    Set<String> all = new java.util.TreeSet<>(ScalarFunctions.NAMES);
    all.addAll(AGGREGATES);
    all.addAll(io.drover.jobs.aggregate.expr.Functions.names());
    all.addAll(AggregateLibrary.aggregateNames());
    List<String> near = io.drover.jobs.aggregate.expr.Functions.nearest(name, all, 3);
    return new SqlException("unknown function " + name + " in " + where + (near.isEmpty()
        ? "; known functions: " + String.join(", ", all)
        : "; did you mean " + String.join(", ", near) + "?"));
  }

  /**
   * {@code round(x[, d])}, Spark's: HALF_UP at d decimal places (d an integer literal, negative
   * for tens, hundreds...); a decimal keeps min(its scale, d) places and gains one integer digit
   * (decimal(p, s) to decimal(p - s + 1 + min(s, d), min(s, d)), at most 38 digits); a double
   * stays a double, rounded on its shortest decimal form; an integer stays an integer.
   */
  private static Expr round(Function f, List<Expr> args) {
    if (args.isEmpty() || args.size() > 2 || !args.get(0).type().isNumeric()) {
      throw new SqlException(abbreviate(f) + ": write round(number[, places])");
    }
    int d = 0;
    if (args.size() == 2) {
      if (!(args.get(1) instanceof Expr.Literal lit) || !(lit.value() instanceof Long l)
          || Math.abs(l) > 38) {
        throw new SqlException(abbreviate(f) + ": round's places must be a whole number"
            + " literal between -38 and 38");
      }
      d = l.intValue();
    }
    DataType t = args.get(0).type();
    DataType out = t;
    if (t.kind() == DataType.Kind.DECIMAL) {
      int integral = t.precision() - t.scale() + 1;
      out = d < 0 ? DataType.decimal(Math.min(Math.max(integral, -d + 1), 38), 0)
          : DataType.decimal(Math.min(integral + Math.min(t.scale(), d), 38),
              Math.min(t.scale(), d));
    }
    return new Expr.Call("round", List.of(args.get(0), new Expr.Literal(Long.valueOf(d),
        DataType.INT)), out);
  }

  private static void oneText(Function f, String name, List<Expr> args) {
    if (args.size() != 1 || !args.get(0).type().isText()) {
      throw new SqlException(abbreviate(f) + ": " + name + " takes one text argument");
    }
  }

  private static boolean hasAgg(List<Expr> args) {
    List<AggCall> found = new ArrayList<>();
    for (Expr a : args) {
      collectAggs(a, found);
    }
    return !found.isEmpty();
  }

  private Expr arithmetic(Op op, Expression l, Expression r, Scope s, boolean agg,
      Map<String, Cte> ctes) {
    Expr a = translateExpr(l, s, agg, ctes);
    Expr b = translateExpr(r, s, agg, ctes);
    return new Binary(op, a, b, Types.arithmetic(op, a.type(), b.type()));
  }

  private Expr compare(Op op, Expression l, Expression r, Scope s, boolean agg,
      Map<String, Cte> ctes) {
    Expr left = translateExpr(l, s, agg, ctes);
    Expr right = translateExpr(r, s, agg, ctes);
    Expr a = comparand(left, right);
    Expr b = comparand(right, left);
    Types.common(a.type(), b.type());
    return new Binary(op, a, b, DataType.BOOLEAN);
  }

  /**
   * {@code x} as compared with {@code other}, Spark's implicit casts for comparisons: text
   * beside a timestamp is read as a timestamp, text beside a number as a double (a value that
   * does not convert is NULL).
   */
  private static Expr comparand(Expr x, Expr other) {
    if (!x.type().isText()) {
      return x;
    }
    if (other.type().kind() == DataType.Kind.TIMESTAMP) {
      return new Expr.Cast(x, DataType.TIMESTAMP);
    }
    if (other.type().isNumeric()) {
      return new Expr.Cast(x, DataType.DOUBLE);
    }
    return x;
  }

  /**
   * {@code l <=> r} (true when both are NULL, false when one is), or with {@code distinct} its
   * negation, {@code l IS DISTINCT FROM r}.
   */
  private Expr nullSafeEquals(Expression l, Expression r, boolean distinct, Scope s,
      boolean agg, Map<String, Cte> ctes) {
    Expr a = translateExpr(l, s, agg, ctes);
    Expr b = translateExpr(r, s, agg, ctes);
    Types.common(a.type(), b.type());
    Expr eq = new Expr.Case(List.of(new Expr.IsNull(a, false), new Expr.IsNull(b, false),
        new Expr.IsNull(b, false), new Literal(false, DataType.BOOLEAN)),
        new Binary(Op.EQ, a, b, DataType.BOOLEAN), DataType.BOOLEAN);
    return distinct ? new Expr.Not(eq) : eq;
  }

  private Expr logic(Op op, Expression l, Expression r, Scope s, boolean agg,
      Map<String, Cte> ctes) {
    Expr a = bool(translateExpr(l, s, agg, ctes), l);
    Expr b = bool(translateExpr(r, s, agg, ctes), r);
    return new Binary(op, a, b, DataType.BOOLEAN);
  }

  private static Expr bool(Expr x, Object source) {
    if (x.type().kind() != DataType.Kind.BOOLEAN && x.type().kind() != DataType.Kind.NULL) {
      throw new SqlException(abbreviate(source) + " is " + x.type() + ", not a condition");
    }
    return x;
  }

  private static String lower(String name) {
    String n = name;
    if (n.length() >= 2 && (n.charAt(0) == '"' || n.charAt(0) == '`')) {
      n = n.substring(1, n.length() - 1);
    }
    return n.toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(Object o) {
    String one = String.valueOf(o).replaceAll("\\s+", " ").strip();
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
