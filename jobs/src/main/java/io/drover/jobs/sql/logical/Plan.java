package io.drover.jobs.sql.logical;

import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A logical plan node: immutable records, each with its output {@link #schema} (resolved columns
 * with qualifiers and types). {@link #explain} prints the tree, two spaces per level, a
 * subquery's plan under the node whose expression holds it.
 */
public sealed interface Plan extends java.io.Serializable {
  /** The output columns, in order. */
  List<Field> schema();

  /** The inputs, in order. */
  List<Plan> inputs();

  /** This node's line in {@link #explain} (without its inputs). */
  String describe();

  /** The expressions this node evaluates (to find the subqueries in them). */
  List<Expr> expressions();

  /** The plan as an indented tree. */
  default String explain() {
    StringBuilder b = new StringBuilder();
    Explain.append(this, 0, b);
    return b.toString();
  }

  /** Reads {@code columns} of {@code table}, qualified by {@code alias}. */
  record Scan(Table table, String alias, List<Column> columns) implements Plan {
    public Scan {
      columns = List.copyOf(columns);
    }

    public List<Field> schema() {
      return columns.stream().map(c -> new Field(alias, c.name(), c.type())).toList();
    }

    public List<Plan> inputs() {
      return List.of();
    }

    public List<Expr> expressions() {
      return List.of();
    }

    public String describe() {
      return "Scan " + table.name() + (alias.equals(table.name()) ? "" : " AS " + alias) + " ["
          + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + "]";
    }
  }

  /** The input's rows where {@code condition} is true. */
  record Filter(Plan input, Expr condition) implements Plan {
    public List<Field> schema() {
      return input.schema();
    }

    public List<Plan> inputs() {
      return List.of(input);
    }

    public List<Expr> expressions() {
      return List.of(condition);
    }

    public String describe() {
      return "Filter " + condition;
    }
  }

  /** One output column per expression, named by {@code fields}. */
  record Project(Plan input, List<Expr> exprs, List<Field> fields) implements Plan {
    public Project {
      exprs = List.copyOf(exprs);
      fields = List.copyOf(fields);
      if (exprs.size() != fields.size()) {
        throw new IllegalArgumentException("a projection needs one field per expression");
      }
    }

    public List<Field> schema() {
      return fields;
    }

    public List<Plan> inputs() {
      return List.of(input);
    }

    public List<Expr> expressions() {
      return exprs;
    }

    public String describe() {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < exprs.size(); i++) {
        Field f = fields.get(i);
        String e = exprs.get(i).toString();
        String name = (f.qualifier() == null ? "" : f.qualifier() + ".") + f.name();
        items.add(e.equals(name) ? e : e + " AS " + name);
      }
      return "Project [" + String.join(", ", items) + "]";
    }
  }

  /** The join kinds; SEMI and ANTI output the left side only. */
  enum JoinKind {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, CROSS
  }

  /** An equi-join key pair: {@code left} over the left input, {@code right} over the right. */
  record EquiKey(Expr left, Expr right) implements java.io.Serializable {
    @Override
    public String toString() {
      return left + " = " + right;
    }
  }

  /**
   * A join on {@code keys} (all equal, NULL never matching) and {@code residual} (true when
   * none).
   */
  record Join(JoinKind kind, Plan left, Plan right, List<EquiKey> keys, Expr residual)
      implements Plan {
    public Join {
      keys = List.copyOf(keys);
    }

    public List<Field> schema() {
      if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
        return left.schema();
      }
      List<Field> s = new ArrayList<>(left.schema());
      s.addAll(right.schema());
      return s;
    }

    public List<Plan> inputs() {
      return List.of(left, right);
    }

    public List<Expr> expressions() {
      List<Expr> e = new ArrayList<>();
      for (EquiKey k : keys) {
        e.add(k.left());
        e.add(k.right());
      }
      if (residual != null) {
        e.add(residual);
      }
      return e;
    }

    public String describe() {
      return "Join " + kind + (keys.isEmpty() ? "" : " " + keys)
          + (residual == null ? "" : " residual " + residual);
    }
  }

  /** Groups by {@code keys}; the output is the keys, then the calls, named by {@code fields}. */
  record Aggregate(Plan input, List<Expr> keys, List<Expr.AggCall> calls, List<Field> fields)
      implements Plan {
    public Aggregate {
      keys = List.copyOf(keys);
      calls = List.copyOf(calls);
      fields = List.copyOf(fields);
      if (fields.size() != keys.size() + calls.size()) {
        throw new IllegalArgumentException("an aggregate needs one field per key and call");
      }
    }

    public List<Field> schema() {
      return fields;
    }

    public List<Plan> inputs() {
      return List.of(input);
    }

    public List<Expr> expressions() {
      List<Expr> e = new ArrayList<>(keys);
      e.addAll(calls);
      return e;
    }

    public String describe() {
      return "Aggregate keys " + keys + " calls " + calls;
    }
  }

  /** A sort key. */
  record SortKey(Expr expr, boolean ascending, boolean nullsFirst)
      implements java.io.Serializable {
    @Override
    public String toString() {
      return expr + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : "");
    }
  }

  /** The input ordered by {@code keys}. */
  record Sort(Plan input, List<SortKey> keys) implements Plan {
    public Sort {
      keys = List.copyOf(keys);
    }

    public List<Field> schema() {
      return input.schema();
    }

    public List<Plan> inputs() {
      return List.of(input);
    }

    public List<Expr> expressions() {
      return keys.stream().map(SortKey::expr).toList();
    }

    public String describe() {
      return "Sort " + keys;
    }
  }

  /** The first {@code count} rows. */
  record Limit(Plan input, long count) implements Plan {
    public List<Field> schema() {
      return input.schema();
    }

    public List<Plan> inputs() {
      return List.of(input);
    }

    public List<Expr> expressions() {
      return List.of();
    }

    public String describe() {
      return "Limit " + count;
    }
  }

  /** {@code UNION ALL} (all) or {@code UNION}; the first input names the columns. */
  record Union(List<Plan> inputs, boolean all) implements Plan {
    public Union {
      inputs = List.copyOf(inputs);
    }

    public List<Field> schema() {
      return inputs.get(0).schema();
    }

    public List<Expr> expressions() {
      return List.of();
    }

    public String describe() {
      return all ? "Union ALL" : "Union DISTINCT";
    }
  }
}
