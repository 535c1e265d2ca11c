package io.drover.jobs.sql.logical;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A typed, resolved expression. Immutable records with structural equality; {@link #toString}
 * gives SQL-like text for {@code explain}. {@link #map} rebuilds an expression bottom-up (the
 * rewrite rules' tool); subqueries are kept as nodes over their own plans.
 */
public sealed interface Expr extends java.io.Serializable {
  /** The value's type. */
  DataType type();

  /** The children, in order. */
  List<Expr> children();

  /** This node with new children (same count and order as {@link #children}). */
  Expr withChildren(List<Expr> children);

  /** Rebuilds bottom-up: {@code f} sees each node after its children were mapped. */
  default Expr map(Function<Expr, Expr> f) {
    List<Expr> kids = children();
    if (kids.isEmpty()) {
      return f.apply(this);
    }
    List<Expr> mapped = new ArrayList<>(kids.size());
    boolean changed = false;
    for (Expr k : kids) {
      Expr m = k.map(f);
      changed |= m != k;
      mapped.add(m);
    }
    return f.apply(changed ? withChildren(mapped) : this);
  }

  /** A column of the input (outer: of an enclosing query, a correlated reference). */
  record ColumnRef(String qualifier, String name, DataType type, boolean outer) implements Expr {
    public List<Expr> children() {
      return List.of();
    }

    public Expr withChildren(List<Expr> c) {
      return this;
    }

    @Override
    public String toString() {
      return (outer ? "outer " : "") + (qualifier == null ? "" : qualifier + ".") + name;
    }
  }

  /**
   * A constant: {@code Long} (int, bigint), {@code BigDecimal} (decimal), {@code Double}, {@code
   * String}, {@code LocalDate}, {@code Boolean}, {@link Interval}, or null.
   */
  record Literal(Object value, DataType type) implements Expr {
    public List<Expr> children() {
      return List.of();
    }

    public Expr withChildren(List<Expr> c) {
      return this;
    }

    @Override
    public String toString() {
      if (value == null) {
        return "NULL";
      }
      return switch (type.kind()) {
        case STRING, VARCHAR, CHAR -> "'" + value.toString().replace("'", "''") + "'";
        case DATE -> "DATE '" + value + "'";
        case DECIMAL -> ((BigDecimal) value).toPlainString();
        default -> value.toString();
      };
    }
  }

  /** An interval literal's value: months (from year/month units) or days. */
  record Interval(long months, long days) implements java.io.Serializable {
    @Override
    public String toString() {
      return months != 0 ? "INTERVAL '" + months + "' MONTH" : "INTERVAL '" + days + "' DAY";
    }
  }

  /** The binary operators. */
  enum Op {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"),
    GE(">="), AND("AND"), OR("OR");

    public final String sql;

    Op(String sql) {
      this.sql = sql;
    }

    public boolean isComparison() {
      return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }
  }

  /** {@code left op right}. */
  record Binary(Op op, Expr left, Expr right, DataType type) implements Expr {
    public List<Expr> children() {
      return List.of(left, right);
    }

    public Expr withChildren(List<Expr> c) {
      return new Binary(op, c.get(0), c.get(1), type);
    }

    @Override
    public String toString() {
      return "(" + left + " " + op.sql + " " + right + ")";
    }
  }

  /** {@code NOT e}. */
  record Not(Expr input) implements Expr {
    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      return List.of(input);
    }

    public Expr withChildren(List<Expr> c) {
      return new Not(c.get(0));
    }

    @Override
    public String toString() {
      return "NOT " + input;
    }
  }

  /** {@code e IS [NOT] NULL}. */
  record IsNull(Expr input, boolean negated) implements Expr {
    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      return List.of(input);
    }

    public Expr withChildren(List<Expr> c) {
      return new IsNull(c.get(0), negated);
    }

    @Override
    public String toString() {
      return input + (negated ? " IS NOT NULL" : " IS NULL");
    }
  }

  /** {@code -e}. */
  record Negate(Expr input) implements Expr {
    public DataType type() {
      return input.type();
    }

    public List<Expr> children() {
      return List.of(input);
    }

    public Expr withChildren(List<Expr> c) {
      return new Negate(c.get(0));
    }

    @Override
    public String toString() {
      return "-" + input;
    }
  }

  /** {@code CASE WHEN c1 THEN v1 ... ELSE e END}: children are c1, v1, ..., e. */
  record Case(List<Expr> whenThen, Expr otherwise, DataType type) implements Expr {
    public Case {
      whenThen = List.copyOf(whenThen);
    }

    public List<Expr> children() {
      List<Expr> c = new ArrayList<>(whenThen);
      c.add(otherwise);
      return c;
    }

    public Expr withChildren(List<Expr> c) {
      return new Case(c.subList(0, c.size() - 1), c.get(c.size() - 1), type);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("CASE");
      for (int i = 0; i < whenThen.size(); i += 2) {
        b.append(" WHEN ").append(whenThen.get(i)).append(" THEN ").append(whenThen.get(i + 1));
      }
      return b.append(" ELSE ").append(otherwise).append(" END").toString();
    }
  }

  /** {@code e [NOT] LIKE pattern}. */
  record Like(Expr input, Expr pattern, boolean negated) implements Expr {
    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      return List.of(input, pattern);
    }

    public Expr withChildren(List<Expr> c) {
      return new Like(c.get(0), c.get(1), negated);
    }

    @Override
    public String toString() {
      return input + (negated ? " NOT LIKE " : " LIKE ") + pattern;
    }
  }

  /** {@code e [NOT] IN (v1, v2, ...)}: children are e, v1, v2, .... */
  record InList(Expr input, List<Expr> values, boolean negated) implements Expr {
    public InList {
      values = List.copyOf(values);
    }

    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      List<Expr> c = new ArrayList<>();
      c.add(input);
      c.addAll(values);
      return c;
    }

    public Expr withChildren(List<Expr> c) {
      return new InList(c.get(0), c.subList(1, c.size()), negated);
    }

    @Override
    public String toString() {
      return input + (negated ? " NOT IN (" : " IN (")
          + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
  }

  /** {@code e [NOT] BETWEEN low AND high}. */
  record Between(Expr input, Expr low, Expr high, boolean negated) implements Expr {
    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      return List.of(input, low, high);
    }

    public Expr withChildren(List<Expr> c) {
      return new Between(c.get(0), c.get(1), c.get(2), negated);
    }

    @Override
    public String toString() {
      return input + (negated ? " NOT BETWEEN " : " BETWEEN ") + low + " AND " + high;
    }
  }

  /** {@code CAST(e AS type)}. */
  record Cast(Expr input, DataType type) implements Expr {
    public List<Expr> children() {
      return List.of(input);
    }

    public Expr withChildren(List<Expr> c) {
      return new Cast(c.get(0), type);
    }

    @Override
    public String toString() {
      return "CAST(" + input + " AS " + type + ")";
    }
  }

  /**
   * A scalar function ({@code extract_year}, {@code substring}, {@code upper}, ...), by lower-case
   * name.
   */
  record Call(String name, List<Expr> args, DataType type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    public List<Expr> children() {
      return args;
    }

    public Expr withChildren(List<Expr> c) {
      return new Call(name, c, type);
    }

    @Override
    public String toString() {
      return name + "(" + args.stream().map(String::valueOf).collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** An aggregate call ({@code count} with no argument is {@code count(*)}). */
  record AggCall(String name, boolean distinct, List<Expr> args, DataType type) implements Expr {
    public AggCall {
      name = name.toLowerCase(Locale.ROOT);
      args = List.copyOf(args);
    }

    public List<Expr> children() {
      return args;
    }

    public Expr withChildren(List<Expr> c) {
      return new AggCall(name, distinct, c, type);
    }

    @Override
    public String toString() {
      return name + "(" + (distinct ? "DISTINCT " : "") + (args.isEmpty() ? "*"
          : args.stream().map(String::valueOf).collect(Collectors.joining(", "))) + ")";
    }
  }

  /** A subquery giving one value (NULL when it has no row; more than one row is an error). */
  record ScalarSubquery(Plan plan) implements Expr {
    public DataType type() {
      return plan.schema().get(0).type();
    }

    public List<Expr> children() {
      return List.of();
    }

    public Expr withChildren(List<Expr> c) {
      return this;
    }

    @Override
    public String toString() {
      return "(subquery)";
    }
  }

  /** {@code e [NOT] IN (subquery)}. */
  record InSubquery(Expr input, Plan plan, boolean negated) implements Expr {
    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      return List.of(input);
    }

    public Expr withChildren(List<Expr> c) {
      return new InSubquery(c.get(0), plan, negated);
    }

    @Override
    public String toString() {
      return input + (negated ? " NOT IN " : " IN ") + "(subquery)";
    }
  }

  /** {@code [NOT] EXISTS (subquery)}. */
  record Exists(Plan plan, boolean negated) implements Expr {
    public DataType type() {
      return DataType.BOOLEAN;
    }

    public List<Expr> children() {
      return List.of();
    }

    public Expr withChildren(List<Expr> c) {
      return this;
    }

    @Override
    public String toString() {
      return (negated ? "NOT EXISTS" : "EXISTS") + " (subquery)";
    }
  }
}
