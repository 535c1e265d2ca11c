package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * avg, var_samp, var_pop, stddev_samp, stddev_pop over one state (n, mean, M2): Welford's update
 * per row and Chan et al.'s pairwise merge, numerically stable (no sum of squares), so constant
 * data has variance exactly 0. avg of bigints is the exact sum divided by n. Results as Spark:
 * NULL for no rows; the sample variants NULL for one row.
 */
public final class Moments extends Call {
  /** Which figure the state finishes into. */
  public enum Kind {
    AVG,
    VAR_SAMP,
    VAR_POP,
    STDDEV_SAMP,
    STDDEV_POP
  }

  private final Expr arg;
  private final Kind kind;

  Moments(String sql, Expr arg, Kind kind) {
    super(sql, Type.DOUBLE, arg);
    this.arg = arg;
    this.kind = kind;
  }

  @Override
  public Accumulator newAccumulator() {
    return kind == Kind.AVG ? new Avg(arg) : new State(arg, kind);
  }

  /** avg: exact long sum for bigint input, compensated double sum otherwise. */
  static final class Avg implements Accumulator {
    private final Expr arg;
    private final boolean longs;
    long n;
    long longSum;
    final Aggregates.CompensatedSum sum = new Aggregates.CompensatedSum();

    Avg(Expr arg) {
      this.arg = arg;
      this.longs = arg.type() == Type.LONG;
    }

    @Override
    public void update(Object[] row) {
      Object v = arg.eval(row);
      if (v == null) {
        return;
      }
      n++;
      if (longs) {
        longSum += (Long) v;
      } else {
        sum.add((Double) v);
      }
    }

    @Override
    public void merge(Accumulator other) {
      Avg o = (Avg) other;
      n += o.n;
      longSum += o.longSum;
      sum.add(o.sum);
    }

    @Override
    public Object result() {
      if (n == 0) {
        return null;
      }
      return longs ? (double) longSum / n : sum.value() / n;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      StateIO.writeVLong(out, n);
      if (n > 0) {
        if (longs) {
          StateIO.writeVLong(out, longSum);
        } else {
          out.writeDouble(sum.sum);
          out.writeDouble(sum.c);
        }
      }
    }

    @Override
    public void read(DataInput in) throws IOException {
      n = StateIO.readVLong(in);
      longSum = 0;
      sum.sum = 0;
      sum.c = 0;
      if (n > 0) {
        if (longs) {
          longSum = StateIO.readVLong(in);
        } else {
          sum.sum = in.readDouble();
          sum.c = in.readDouble();
        }
      }
    }

    @Override
    public int heapBytes() {
      return 64;
    }
  }

  /** (n, mean, M2). */
  static final class State extends Welford implements Accumulator {
    private final Expr arg;
    private final Kind kind;

    State(Expr arg, Kind kind) {
      this.arg = arg;
      this.kind = kind;
    }

    @Override
    public void update(Object[] row) {
      Object v = arg.eval(row);
      if (v != null) {
        add(arg.type() == Type.LONG ? (double) (Long) v : (Double) v);
      }
    }

    @Override
    public void merge(Accumulator other) {
      merge((Welford) other);
    }

    @Override
    public Object result() {
      switch (kind) {
        case VAR_POP:
          return n == 0 ? null : m2 / n;
        case STDDEV_POP:
          return n == 0 ? null : Math.sqrt(m2 / n);
        case VAR_SAMP:
          return n < 2 ? null : m2 / (n - 1);
        case STDDEV_SAMP:
          return n < 2 ? null : Math.sqrt(m2 / (n - 1));
        default:
          throw new AssertionError(kind);
      }
    }

    @Override
    public void write(DataOutput out) throws IOException {
      StateIO.writeVLong(out, n);
      if (n > 0) {
        out.writeDouble(mean);
        out.writeDouble(m2);
      }
    }

    @Override
    public void read(DataInput in) throws IOException {
      n = StateIO.readVLong(in);
      mean = n > 0 ? in.readDouble() : 0;
      m2 = n > 0 ? in.readDouble() : 0;
    }

    @Override
    public int heapBytes() {
      return 48;
    }
  }
}
