package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Operator;
import io.drover.jobs.sql.runtime.Evaluator;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Compiles a list of physical operators into a chain of {@link RowSink}s, once per task: each
 * expression compiled against the rows its operator receives, each broadcast side read (through
 * {@link SourceReader}) into its hash table before the first row.
 */
public final class Chain {
  private Chain() {}

  /** The head of the chain: rows of {@code in} pushed into it come out of it into {@code out}. */
  public static RowSink build(List<Field> in, List<Operator> ops, RowSink out,
      SourceReader reader, JoinMemory memory, ZoneId zone) {
    List<List<Field>> schemas = new ArrayList<>();
    List<Field> s = in;
    for (Operator op : ops) {
      schemas.add(s);
      s = op.schema(s);
    }
    RowSink next = out;
    for (int i = ops.size() - 1; i >= 0; i--) {
      next = sink(ops.get(i), schemas.get(i), next, reader, memory, zone);
    }
    return next;
  }

  /** Reads a whole branch (a broadcast side): its source through its operators. */
  public static void read(Branch b, RowSink out, SourceReader reader, JoinMemory memory,
      ZoneId zone) {
    RowSink head = build(b.source().schema(), b.ops(), out, reader, memory, zone);
    reader.read(b, head);
    head.finish();
  }

  private static RowSink sink(Operator op, List<Field> in, RowSink next, SourceReader reader,
      JoinMemory memory, ZoneId zone) {
    if (op instanceof Operator.Filter f) {
      Predicate<Object[]> p = Evaluator.condition(f.condition(), in, zone);
      return new RowSink() {
        public void accept(Object[] row) {
          if (p.test(row)) {
            next.accept(row);
          }
        }

        public void finish() {
          next.finish();
        }
      };
    }
    if (op instanceof Operator.Project p) {
      Evaluator.Fn[] fns = compile(p.exprs(), in, zone);
      return new RowSink() {
        public void accept(Object[] row) {
          Object[] out = new Object[fns.length];
          for (int i = 0; i < fns.length; i++) {
            out[i] = fns[i].eval(row);
          }
          next.accept(out);
        }

        public void finish() {
          next.finish();
        }
      };
    }
    if (op instanceof Operator.Limit l) {
      return new RowSink() {
        long left = l.count();

        public void accept(Object[] row) {
          if (left > 0) {
            left--;
            next.accept(row);
          }
        }

        public void finish() {
          next.finish();
        }
      };
    }
    if (op instanceof Operator.TopN t) {
      Evaluator.Fn[] keys = compile(t.keys().stream().map(k -> k.expr()).toList(), in, zone);
      SortKeyCodec codec = SortKeyCodec.ordering(t.keys());
      TopRows top = new TopRows(t.count());
      return new RowSink() {
        public void accept(Object[] row) {
          top.offer(codec.encode(eval(keys, row)), row);
        }

        public void finish() {
          for (Object[] row : top.drain()) {
            next.accept(row);
          }
          next.finish();
        }
      };
    }
    if (op instanceof Operator.HashJoin j) {
      return HashJoin.build(j, in, next, reader, memory, zone);
    }
    throw new IllegalArgumentException("unknown operator " + op);
  }

  /** Each expression compiled over {@code schema}, in the session time zone {@code zone}. */
  public static Evaluator.Fn[] compile(List<Expr> exprs, List<Field> schema, ZoneId zone) {
    Evaluator.Fn[] fns = new Evaluator.Fn[exprs.size()];
    for (int i = 0; i < fns.length; i++) {
      fns[i] = Evaluator.compile(exprs.get(i), schema, zone);
    }
    return fns;
  }

  /** The values of {@code fns} on {@code row}; null when one of them is NULL and skipNull. */
  public static Object[] eval(Evaluator.Fn[] fns, Object[] row) {
    Object[] out = new Object[fns.length];
    for (int i = 0; i < fns.length; i++) {
      out[i] = fns[i].eval(row);
    }
    return out;
  }

  /** Whether any value is NULL. */
  public static boolean hasNull(Object[] values) {
    for (Object v : values) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  /** {@code a} then {@code b}. */
  public static Object[] concat(Object[] a, Object[] b) {
    Object[] out = new Object[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
