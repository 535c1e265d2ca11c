package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.runtime.Evaluator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A repartition join's reduce side, one key at a time: the buffered side's rows (held) and the
 * streamed side's (each seen once). A key holding a NULL matches nothing: its rows come out only
 * where the join keeps unmatched rows (outer sides, ANTI). Output rows are the left's columns
 * then the right's (SEMI and ANTI: the left row alone).
 */
public final class GroupJoin {
  private final JoinKind kind;
  private final int buffered;
  private final int leftWidth;
  private final int rightWidth;
  private final Predicate<Object[]> residual;
  private final RowSink out;

  public GroupJoin(Shuffle.Join join, List<Field> left, List<Field> right, RowSink out,
      java.time.ZoneId zone) {
    this.kind = join.kind();
    this.buffered = join.buffered();
    this.leftWidth = left.size();
    this.rightWidth = right.size();
    List<Field> both = new ArrayList<>(left);
    both.addAll(right);
    this.residual = join.residual() == null ? null : Evaluator.condition(join.residual(), both, zone);
    this.out = out;
  }

  /** Joins one key's rows. */
  public void group(List<Object[]> held, Iterator<Object[]> streamed, boolean keyHasNull) {
    boolean heldIsLeft = buffered == 0;
    boolean[] heldMatched = new boolean[held.size()];
    boolean keepStreamed = heldIsLeft ? kind == JoinKind.RIGHT || kind == JoinKind.FULL
        : kind == JoinKind.LEFT || kind == JoinKind.FULL;
    while (streamed.hasNext()) {
      Object[] s = streamed.next();
      boolean matched = false;
      if (!keyHasNull) {
        for (int i = 0; i < held.size(); i++) {
          Object[] h = held.get(i);
          Object[] both = heldIsLeft ? Chain.concat(h, s) : Chain.concat(s, h);
          if (residual != null && !residual.test(both)) {
            continue;
          }
          matched = true;
          heldMatched[i] = true;
          if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            if (!heldIsLeft) {
              break; // the streamed left row's fate is decided
            }
            continue;
          }
          out.accept(both);
        }
      }
      if (!heldIsLeft && (kind == JoinKind.SEMI && matched || kind == JoinKind.ANTI && !matched)) {
        out.accept(s);
      } else if (!matched && keepStreamed) {
        out.accept(heldIsLeft ? Chain.concat(new Object[leftWidth], s)
            : Chain.concat(s, new Object[rightWidth]));
      }
    }
    boolean keepHeld = heldIsLeft ? kind == JoinKind.LEFT || kind == JoinKind.FULL
        : kind == JoinKind.RIGHT || kind == JoinKind.FULL;
    for (int i = 0; i < held.size(); i++) {
      Object[] h = held.get(i);
      if (heldIsLeft && (kind == JoinKind.SEMI && heldMatched[i]
          || kind == JoinKind.ANTI && !heldMatched[i])) {
        out.accept(h);
      } else if (!heldMatched[i] && keepHeld) {
        out.accept(heldIsLeft ? Chain.concat(h, new Object[rightWidth])
            : Chain.concat(new Object[leftWidth], h));
      }
    }
  }
}
