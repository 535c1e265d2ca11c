package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A row-at-a-time operator, run in a map task (on a branch's rows) or in a reduce task (on the
 * shuffle's output rows). Each one's expressions are over the rows it receives.
 */
public sealed interface Operator extends Serializable {
  /** The columns of the rows this operator emits, given those it receives. */
  List<Field> schema(List<Field> in);

  /** The schema after a chain of operators. */
  static List<Field> schemaAfter(List<Field> in, List<Operator> ops) {
    List<Field> s = in;
    for (Operator op : ops) {
      s = op.schema(s);
    }
    return s;
  }

  /** Keeps the rows where {@code condition} is true. */
  record Filter(Expr condition) implements Operator {
    public List<Field> schema(List<Field> in) {
      return in;
    }

    @Override
    public String toString() {
      return "filter " + condition;
    }
  }

  /** One output column per expression. */
  record Project(List<Expr> exprs, List<Field> fields) implements Operator {
    public Project {
      exprs = List.copyOf(exprs);
      fields = List.copyOf(fields);
    }

    public List<Field> schema(List<Field> in) {
      return fields;
    }

    @Override
    public String toString() {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < exprs.size(); i++) {
        Field f = fields.get(i);
        String name = (f.qualifier() == null ? "" : f.qualifier() + ".") + f.name();
        String e = exprs.get(i).toString();
        items.add(e.equals(name) ? e : e + " AS " + name);
      }
      return "project " + items;
    }
  }

  /**
   * A broadcast hash join: the task reads all of {@code build}'s rows into a hash table on
   * {@code buildKeys} before its first row, then each received (probe) row looks up its
   * {@code probeKeys}; {@code residual} (null when none) is evaluated on each matched pair.
   * {@code buildIsLeft} says which side of the logical join the build side is (the output is
   * always the logical left's columns, then the right's; SEMI and ANTI output the left only).
   * Without keys every build row matches (a nested-loop join). {@code nullAware}: an ANTI join
   * from NOT IN, where a NULL on either side makes the comparison unknown.
   */
  record HashJoin(JoinKind kind, Branch build, boolean buildIsLeft, List<Expr> probeKeys,
      List<Expr> buildKeys, Expr residual, boolean nullAware) implements Operator {
    public HashJoin {
      probeKeys = List.copyOf(probeKeys);
      buildKeys = List.copyOf(buildKeys);
    }

    public List<Field> schema(List<Field> in) {
      if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
        return in;
      }
      List<Field> out = new ArrayList<>(buildIsLeft ? build.schema() : in);
      out.addAll(buildIsLeft ? in : build.schema());
      return out;
    }

    @Override
    public String toString() {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < probeKeys.size(); i++) {
        keys.add(probeKeys.get(i) + " = " + buildKeys.get(i));
      }
      return "broadcast " + (nullAware ? "null-aware " : "") + kind + " join " + keys
          + (residual == null ? "" : " residual " + residual) + " with "
          + (buildIsLeft ? "left" : "right") + " side " + build.source()
          + (build.ops().isEmpty() ? "" : " " + build.ops());
    }
  }

  /**
   * The first {@code count} rows in {@code keys}' order, emitted in that order once every row is
   * in (a bounded heap of {@code count} rows per task): the map-side half of {@code ORDER BY ...
   * LIMIT n}, and each reducer's share of it when the rows come out of a group-by or a join.
   */
  record TopN(List<io.drover.jobs.sql.logical.Plan.SortKey> keys, long count)
      implements Operator {
    public TopN {
      keys = List.copyOf(keys);
    }

    public List<Field> schema(List<Field> in) {
      return in;
    }

    @Override
    public String toString() {
      return "top " + count + " by " + keys + " (bounded heap per task)";
    }
  }

  /** The first {@code count} rows. */
  record Limit(long count) implements Operator {
    public List<Field> schema(List<Field> in) {
      return in;
    }

    @Override
    public String toString() {
      return "limit " + count;
    }
  }
}
