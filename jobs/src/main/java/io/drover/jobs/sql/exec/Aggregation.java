package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.runtime.Accumulators;
import io.drover.jobs.sql.runtime.Evaluator;
import io.drover.jobs.sql.runtime.Sink;
import io.drover.jobs.sql.runtime.Source;
import java.util.List;

/**
 * The aggregate calls of one GROUP BY, together: a group's partial states as one array, added to
 * from input rows (map side), written as one byte string (each call's state in turn), merged from
 * such strings (combiner, reducer), and finally the calls' results.
 */
public final class Aggregation {
  private final Accumulators.Accumulator[] accs;
  /** Each call's argument expressions over the input rows (null where rows never come). */
  private final Evaluator.Fn[][] args;
  private final Sink sink = new Sink();
  private final Source source = new Source();

  /** Merges states only (rows never come). */
  public Aggregation(List<Expr.AggCall> calls) {
    this(calls, null, java.time.ZoneOffset.UTC);
  }

  /**
   * {@code schema}: the input rows' fields, or null when only states are merged; {@code zone}:
   * the session time zone of the arguments' expressions.
   */
  public Aggregation(List<Expr.AggCall> calls, List<Field> schema, java.time.ZoneId zone) {
    accs = new Accumulators.Accumulator[calls.size()];
    args = new Evaluator.Fn[calls.size()][];
    for (int i = 0; i < accs.length; i++) {
      accs[i] = Accumulators.compile(calls.get(i));
      args[i] = schema == null ? null : Chain.compile(calls.get(i).args(), schema, zone);
    }
  }

  /** Empty states, one per call. */
  public Object[] newStates() {
    Object[] s = new Object[accs.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = accs[i].newState();
    }
    return s;
  }

  /**
   * Adds one input row to a group's states; the bytes they grew by on the heap (estimated:
   * {@link Accumulators.State#heapBytes}: DISTINCT sets grow, a min or max string changes).
   */
  public long add(Object[] states, Object[] row) {
    long grew = 0;
    for (int i = 0; i < accs.length; i++) {
      Accumulators.State s = (Accumulators.State) states[i];
      int before = s.heapBytes();
      s.add(Chain.eval(args[i], row));
      grew += s.heapBytes() - before;
    }
    return grew;
  }

  /** The estimated heap bytes of a group's states ({@link Accumulators.State#heapBytes}). */
  public long heapBytes(Object[] states) {
    long n = 16 + 8L * states.length;
    for (Object s : states) {
      n += ((Accumulators.State) s).heapBytes();
    }
    return n;
  }

  /** Merges states written by {@link #write} into {@code states}. */
  public void merge(Object[] states, byte[] b, int off, int len) {
    source.set(b, off, len);
    for (int i = 0; i < accs.length; i++) {
      ((Accumulators.State) states[i]).merge(accs[i].read(source));
    }
    if (source.hasMore()) {
      throw new IllegalArgumentException("aggregate states have bytes past their end");
    }
  }

  /** A group's states as bytes. */
  public byte[] write(Object[] states) {
    sink.reset();
    for (Object s : states) {
      ((Accumulators.State) s).write(sink);
    }
    return sink.toByteArray();
  }

  /** The calls' results. */
  public Object[] results(Object[] states) {
    Object[] out = new Object[states.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Accumulators.State) states[i]).result();
    }
    return out;
  }
}
