package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.physical.Operator;
import io.drover.jobs.sql.runtime.Evaluator;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A broadcast hash join in a task: the build side read whole into a hash table on its keys (rows
 * with a NULL key dropped: they never match), then each probe row looks its keys up. Output
 * rows are the logical left's columns then the right's (SEMI and ANTI: the probe row alone).
 */
final class HashJoin implements RowSink {
  /**
   * A key's values, compared and hashed element by element; a double -0.0 is made 0.0 first, so
   * that they match as SQL's = says (and as the repartition join's key bytes do).
   */
  private record Key(Object[] values) {
    Key {
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof Double d && d == 0.0) {
          values[i] = 0.0;
        }
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  private final Operator.HashJoin op;
  private final RowSink next;
  private final Evaluator.Fn[] probeKeys;
  private final Predicate<Object[]> residual;
  private final Map<Key, List<Object[]>> table = new HashMap<>();
  private final List<Object[]> all = new ArrayList<>();
  private final int buildWidth;
  private boolean buildHasNullKey;
  private boolean buildEmpty = true;

  private HashJoin(Operator.HashJoin op, List<Field> probe, RowSink next, ZoneId zone) {
    this.op = op;
    this.next = next;
    this.probeKeys = Chain.compile(op.probeKeys(), probe, zone);
    List<Field> build = op.build().schema();
    this.buildWidth = build.size();
    List<Field> both = new ArrayList<>(op.buildIsLeft() ? build : probe);
    both.addAll(op.buildIsLeft() ? probe : build);
    this.residual = op.residual() == null ? null : Evaluator.condition(op.residual(), both, zone);
  }

  static RowSink build(Operator.HashJoin op, List<Field> probe, RowSink next,
      SourceReader reader, JoinMemory memory, ZoneId zone) {
    HashJoin j = new HashJoin(op, probe, next, zone);
    Evaluator.Fn[] keys = Chain.compile(op.buildKeys(), op.build().schema(), zone);
    String what = JoinMemory.broadcastSide(op.build().source());
    Chain.read(op.build(), row -> {
      j.buildEmpty = false;
      if (keys.length == 0) {
        memory.hold(row, what);
        j.all.add(row);
        return;
      }
      Object[] k = Chain.eval(keys, row);
      if (Chain.hasNull(k)) {
        j.buildHasNullKey = true;
        return;
      }
      memory.hold(row, what);
      j.table.computeIfAbsent(new Key(k), x -> new ArrayList<>(1)).add(row);
    }, reader, memory, zone);
    return j;
  }

  @Override
  public void accept(Object[] row) {
    List<Object[]> candidates;
    boolean probeNull = false;
    if (probeKeys.length == 0) {
      candidates = all;
    } else {
      Object[] k = Chain.eval(probeKeys, row);
      probeNull = Chain.hasNull(k);
      candidates = probeNull ? List.of() : table.getOrDefault(new Key(k), List.of());
    }
    JoinKind kind = op.kind();
    if (op.nullAware()) {
      // x NOT IN (c...): true when the list is empty; unknown (rejected) when x or any c is NULL
      if (buildEmpty || !probeNull && !buildHasNullKey && candidates.isEmpty()) {
        next.accept(row);
      }
      return;
    }
    boolean matched = false;
    for (Object[] b : candidates) {
      Object[] both = op.buildIsLeft() ? Chain.concat(b, row) : Chain.concat(row, b);
      if (residual != null && !residual.test(both)) {
        continue;
      }
      matched = true;
      if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
        break;
      }
      next.accept(both);
    }
    if (kind == JoinKind.SEMI && matched || kind == JoinKind.ANTI && !matched) {
      next.accept(row);
    } else if (!matched && (kind == JoinKind.LEFT || kind == JoinKind.RIGHT)) {
      Object[] nulls = new Object[buildWidth];
      next.accept(op.buildIsLeft() ? Chain.concat(nulls, row) : Chain.concat(row, nulls));
    }
  }

  @Override
  public void finish() {
    next.finish();
  }
}
