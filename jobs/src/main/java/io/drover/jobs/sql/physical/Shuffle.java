package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.logical.Plan.SortKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stage's shuffle does: the map side's key and value, the partitioner, the combine, and
 * the reduce side's first operator. Expressions are over the stage's input rows (every input
 * branch ends with the same column names, or for a join, each side's).
 */
public sealed interface Shuffle extends Serializable {
  /** The columns of the rows the reduce side emits (before the stage's reduce operators). */
  List<Field> schema(List<List<Field>> sides);

  /**
   * GROUP BY: key = the key values, value = the calls' partial states (merged in the map task
   * and by the combiner); the reducer emits the keys then the calls' results, named {@code
   * fields}. Hash partitioned on the key.
   */
  record GroupBy(List<Expr> keys, List<Expr.AggCall> calls, List<Field> fields)
      implements Shuffle {
    public GroupBy {
      keys = List.copyOf(keys);
      calls = List.copyOf(calls);
      fields = List.copyOf(fields);
    }

    public List<Field> schema(List<List<Field>> sides) {
      return fields;
    }

    @Override
    public String toString() {
      return "group by " + keys + " computing " + calls + " (partial aggregation in the map task"
          + " and the combiner)";
    }
  }

  /**
   * A repartition join: each row keyed by its side's key values then its side's tag, hash
   * partitioned and grouped on the key values alone, sorted so that the {@code buffered} side
   * (0 left, 1 right: the smaller one) arrives first and is held, and the other side streams.
   * NULL keys never match.
   */
  record Join(JoinKind kind, List<Expr> leftKeys, List<Expr> rightKeys, Expr residual,
      int buffered) implements Shuffle {
    public Join {
      leftKeys = List.copyOf(leftKeys);
      rightKeys = List.copyOf(rightKeys);
    }

    public List<Field> schema(List<List<Field>> sides) {
      if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
        return sides.get(0);
      }
      List<Field> out = new ArrayList<>(sides.get(0));
      out.addAll(sides.get(1));
      return out;
    }

    @Override
    public String toString() {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < leftKeys.size(); i++) {
        keys.add(leftKeys.get(i) + " = " + rightKeys.get(i));
      }
      return "repartition " + kind + " join on " + keys
          + (residual == null ? "" : " residual " + residual) + ", "
          + (buffered == 0 ? "left" : "right") + " side buffered";
    }
  }

  /**
   * ORDER BY (or a gather for a LIMIT without one when {@code keys} is empty): key = the sort
   * keys' order-preserving encoding, value = the row; range partitioned on sampled keys over
   * the stage's reducers so that the part files in name order are in order.
   */
  record Sort(List<SortKey> keys) implements Shuffle {
    public Sort {
      keys = List.copyOf(keys);
    }

    public List<Field> schema(List<List<Field>> sides) {
      return sides.get(0);
    }

    @Override
    public String toString() {
      return keys.isEmpty() ? "gather to one reducer" : "total order sort by " + keys;
    }
  }
}
