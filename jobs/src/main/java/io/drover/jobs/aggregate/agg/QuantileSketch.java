package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * percentile_approx(x, p[, accuracy]) / approx_percentile / median with a DataSketches KLL
 * sketch. The answer is a value of the input (the smallest whose rank is at least p, as
 * percentile_approx), whose true rank is within the sketch's normalized rank error of p. The
 * default k = 200 gives a rank error of about 1.3% (99% confidence); an accuracy A asks for a
 * rank error of at most 1/A, and k grows to match (up to 65535). Spark's default accuracy 10000
 * would need k near 27,000 per group, which is why it is not the default here.
 */
final class QuantileSketch extends Call {
  static final int DEFAULT_K = 200;
  private static final int MAX_K = 65535;

  private final Expr arg;
  private final double p;
  private final int k;

  QuantileSketch(String sql, Expr arg, double p, int k, Type resultType) {
    super(sql, resultType, arg);
    this.arg = arg;
    this.p = p;
    this.k = k;
  }

  static int kForAccuracy(double accuracy) {
    double want = 1.0 / accuracy;
    int k = 8;
    while (k < MAX_K && KllSketch.getNormalizedRankError(k, false) > want) {
      k = Math.min(MAX_K, k + Math.max(1, k / 8));
    }
    return k;
  }

  /** The normalized rank error of this sketch (99% confidence, single quantile). */
  double rankError() {
    return KllSketch.getNormalizedRankError(k, false);
  }

  @Override
  public String errorBound() {
    return String.format(Locale.ROOT,
        "KLL k=%d: the value's rank is within %.2f%% of %s (99%% confidence)", k,
        100 * rankError(), p);
  }

  @Override
  public Accumulator newAccumulator() {
    return new KllState();
  }

  private final class KllState implements Accumulator {
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(k);

    @Override
    public void update(Object[] row) {
      Object v = arg.eval(row);
      if (v == null) {
        return;
      }
      double d = arg.type() == Type.LONG ? (double) (Long) v : (Double) v;
      if (!Double.isNaN(d)) {
        sketch.update(d);
      }
    }

    @Override
    public void merge(Accumulator other) {
      KllDoublesSketch o = ((KllState) other).sketch;
      if (!o.isEmpty()) {
        sketch.merge(o);
      }
    }

    @Override
    public Object result() {
      if (sketch.isEmpty()) {
        return null;
      }
      double q = sketch.getQuantile(p, QuantileSearchCriteria.INCLUSIVE);
      return resultType() == Type.LONG ? (Object) (long) q : (Object) q;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      StateIO.writeBytes(out, sketch.toByteArray());
    }

    @Override
    public void read(DataInput in) throws IOException {
      sketch = KllDoublesSketch.heapify(Memory.wrap(StateIO.readBytes(in)));
    }

    @Override
    public int heapBytes() {
      return 128 + 8 * (int) Math.min(sketch.getNumRetained() + k, 4L * k);
    }
  }
}
