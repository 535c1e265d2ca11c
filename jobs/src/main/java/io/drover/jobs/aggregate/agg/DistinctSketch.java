package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * approx_count_distinct(x[, rsd]) with a DataSketches HyperLogLog sketch (HLL_8). The sketch size
 * 2^lgK is the smallest whose relative standard error 1.04 / sqrt(2^lgK) is at most {@code rsd}
 * (Spark's default 0.05 gives lgK 9, RSE 4.6%). Small cardinalities are counted nearly exactly
 * (the sketch keeps a list of hashes until it fills). NULLs are not counted.
 */
final class DistinctSketch extends Call {
  private final Expr arg;
  private final int lgK;

  DistinctSketch(String sql, Expr arg, double rsd) {
    super(sql, Type.LONG, arg);
    this.arg = arg;
    this.lgK = lgK(rsd);
  }

  static int lgK(double rsd) {
    int lg = 4;
    while (lg < 21 && 1.04 / Math.sqrt(1L << lg) > rsd) {
      lg++;
    }
    return lg;
  }

  /** The relative standard error of the sketch used. */
  double rse() {
    return 1.04 / Math.sqrt(1L << lgK);
  }

  @Override
  public String errorBound() {
    return String.format(Locale.ROOT,
        "HyperLogLog lgK=%d: relative standard error %.2f%% (within %.2f%% with 99.7%% "
            + "confidence)", lgK, 100 * rse(), 300 * rse());
  }

  private static final byte[] EMPTY_STRING = {(byte) 0xFF}; // no UTF-8 string has these bytes

  @Override
  public Accumulator newAccumulator() {
    return new HllState();
  }

  private final class HllState implements Accumulator {
      private final Type t = arg.type();
      Union union = new Union(lgK);

      @Override
      public void update(Object[] row) {
        Object v = arg.eval(row);
        if (v == null) {
          return;
        }
        switch (t) {
          case LONG:
          case TIMESTAMP:
            union.update((Long) v);
            break;
          case DOUBLE:
            union.update((Double) v);
            break;
          case BOOLEAN:
            union.update((Boolean) v ? 1L : 0L);
            break;
          default:
            String s = (String) v;
            if (s.isEmpty()) {
              union.update(EMPTY_STRING);
            } else {
              union.update(s.getBytes(StandardCharsets.UTF_8));
            }
        }
      }

      @Override
      public void merge(Accumulator other) {
        union.update(((HllState) other).union.getResult(TgtHllType.HLL_8));
      }

      @Override
      public Object result() {
        return Math.round(union.getEstimate());
      }

      @Override
      public void write(DataOutput out) throws IOException {
        StateIO.writeBytes(out, union.toCompactByteArray());
      }

      @Override
      public void read(DataInput in) throws IOException {
        union = Union.heapify(Memory.wrap(StateIO.readBytes(in)));
      }

      @Override
      public int heapBytes() {
        return 256 + (1 << lgK);
      }
  }
}
