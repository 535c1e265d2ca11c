package io.drover.jobs.aggregate.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A typed expression over a row ({@code Object[]}, see {@link Type} for the value classes). Built
 * by the function library (Functions, Operators); {@link #sql()} is a canonical text, so that two expressions that mean
 * the same (a SELECT item and its GROUP BY twin) compare equal by text.
 */
public abstract class Expr {
  public abstract Type type();

  public abstract Object eval(Object[] row);

  public abstract String sql();

  public List<Expr> children() {
    return List.of();
  }

  /** True when the value does not depend on the row. */
  public boolean constant() {
    for (Expr c : children()) {
      if (!c.constant()) {
        return false;
      }
    }
    return !(this instanceof Column);
  }

  @Override
  public String toString() {
    return sql();
  }

  /** A column of the row. */
  public static final class Column extends Expr {
    private final int index;
    private final Type type;
    private final String name;

    public Column(int index, Type type, String name) {
      this.index = index;
      this.type = type;
      this.name = name;
    }

    public int index() {
      return index;
    }

    public String name() {
      return name;
    }

    @Override
    public Type type() {
      return type;
    }

    @Override
    public Object eval(Object[] row) {
      return row[index];
    }

    @Override
    public String sql() {
      return "`" + name + "`";
    }
  }

  /** A constant. */
  public static final class Literal extends Expr {
    private final Object value;
    private final Type type;

    public Literal(Object value, Type type) {
      this.value = value;
      this.type = type;
    }

    public Object value() {
      return value;
    }

    @Override
    public Type type() {
      return type;
    }

    @Override
    public Object eval(Object[] row) {
      return value;
    }

    @Override
    public String sql() {
      if (value == null) {
        return "NULL";
      }
      return type == Type.STRING ? "'" + ((String) value).replace("'", "''") + "'"
          : type == Type.TIMESTAMP ? "TIMESTAMP_MICROS " + value : value.toString();
    }
  }

  /** What a function does with its argument values. */
  @FunctionalInterface
  public interface Impl {
    Object apply(Object[] args);
  }

  /**
   * A function call. A strict call is NULL when any argument is NULL (most SQL functions); a
   * non-strict one sees the NULLs.
   */
  public static class Call extends Expr {
    private final String name;
    private final Expr[] args;
    private final Type type;
    private final boolean strict;
    private final Impl impl;

    public Call(String name, Type type, boolean strict, Impl impl, List<Expr> args) {
      this.name = name;
      this.type = type;
      this.strict = strict;
      this.impl = impl;
      this.args = args.toArray(new Expr[0]);
    }

    @Override
    public Type type() {
      return type;
    }

    @Override
    public Object eval(Object[] row) {
      Object[] v = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        v[i] = args[i].eval(row);
        if (v[i] == null && strict) {
          return null;
        }
      }
      return impl.apply(v);
    }

    @Override
    public List<Expr> children() {
      return List.of(args);
    }

    @Override
    public String sql() {
      return name
          + "("
          + children().stream().map(Expr::sql).collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** AND / OR with SQL's three-valued logic, evaluated left to right with short cut. */
  public static final class Logic extends Expr {
    private final boolean and;
    private final Expr left;
    private final Expr right;

    public Logic(boolean and, Expr left, Expr right) {
      this.and = and;
      this.left = left;
      this.right = right;
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      Boolean a = (Boolean) left.eval(row);
      if (a != null && a != and) {
        return a; // false AND x = false; true OR x = true
      }
      Boolean b = (Boolean) right.eval(row);
      if (b != null && b != and) {
        return b;
      }
      if (a == null || b == null) {
        return null;
      }
      return and;
    }

    @Override
    public List<Expr> children() {
      return List.of(left, right);
    }

    @Override
    public String sql() {
      return "(" + left.sql() + (and ? " AND " : " OR ") + right.sql() + ")";
    }
  }

  /** CASE WHEN c1 THEN v1 ... ELSE e END (the simple CASE x WHEN form is compiled into this). */
  public static final class Case extends Expr {
    private final Expr[] whens;
    private final Expr[] thens;
    private final Expr otherwise;
    private final Type type;

    public Case(List<Expr> whens, List<Expr> thens, Expr otherwise, Type type) {
      this.whens = whens.toArray(new Expr[0]);
      this.thens = thens.toArray(new Expr[0]);
      this.otherwise = otherwise;
      this.type = type;
    }

    @Override
    public Type type() {
      return type;
    }

    @Override
    public Object eval(Object[] row) {
      for (int i = 0; i < whens.length; i++) {
        if (Boolean.TRUE.equals(whens[i].eval(row))) {
          return thens[i].eval(row);
        }
      }
      return otherwise == null ? null : otherwise.eval(row);
    }

    @Override
    public List<Expr> children() {
      List<Expr> all = new java.util.ArrayList<>();
      for (int i = 0; i < whens.length; i++) {
        all.add(whens[i]);
        all.add(thens[i]);
      }
      if (otherwise != null) {
        all.add(otherwise);
      }
      return all;
    }

    @Override
    public String sql() {
      StringBuilder b = new StringBuilder("CASE");
      for (int i = 0; i < whens.length; i++) {
        b.append(" WHEN ").append(whens[i].sql()).append(" THEN ").append(thens[i].sql());
      }
      if (otherwise != null) {
        b.append(" ELSE ").append(otherwise.sql());
      }
      return b.append(" END").toString();
    }
  }
}
