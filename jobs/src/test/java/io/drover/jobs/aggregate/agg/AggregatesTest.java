package io.drover.jobs.aggregate.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.expr.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every aggregate's state: the answer equals an independent computation (BigDecimal two-pass
 * moments, sorting, a HashSet), and does not depend on how rows are split into partial states,
 * in what order and grouping they are merged, or whether they crossed a write/read; empty,
 * NULL-only and single-row groups follow SQL.
 */
class AggregatesTest {
  static final Expr X = new Expr.Column(0, Type.LONG, "x");
  static final Expr D = new Expr.Column(1, Type.DOUBLE, "d");
  static final Expr S = new Expr.Column(2, Type.STRING, "s");

  static AggregateFunction agg(String name, Expr... args) throws QueryException {
    return Aggregates.create(name, false, false, List.of(args), ZoneOffset.UTC);
  }

  static List<Object[]> rows(int n, long seed, boolean nulls) {
    Random r = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {
          nulls && r.nextInt(10) == 0 ? null : (long) r.nextInt(1000) - 200,
          nulls && r.nextInt(10) == 0 ? null : 1e6 + r.nextGaussian() * 3,
          nulls && r.nextInt(10) == 0 ? null : "k" + r.nextInt(300)});
    }
    return rows;
  }

  static Accumulator roundTrip(AggregateFunction f, Accumulator a) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    a.write(new DataOutputStream(b));
    Accumulator c = f.newAccumulator();
    c.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    return c;
  }

  static Object single(AggregateFunction f, List<Object[]> rows) {
    Accumulator a = f.newAccumulator();
    rows.forEach(a::update);
    return a.result();
  }

  /** Random split into parts, each written and read back, merged in a shuffled tree order. */
  static Object split(AggregateFunction f, List<Object[]> rows, long seed) throws Exception {
    Random r = new Random(seed);
    int parts = 1 + r.nextInt(7);
    List<Accumulator> states = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      states.add(f.newAccumulator());
    }
    for (Object[] row : rows) {
      states.get(r.nextInt(parts)).update(row);
    }
    List<Accumulator> pool = new ArrayList<>();
    for (Accumulator a : states) {
      pool.add(roundTrip(f, a));
    }
    pool.add(f.newAccumulator()); // an empty state is the identity
    while (pool.size() > 1) {
      Collections.shuffle(pool, r);
      Accumulator a = pool.remove(pool.size() - 1);
      Accumulator b = pool.remove(pool.size() - 1);
      a.merge(b);
      pool.add(r.nextBoolean() ? roundTrip(f, a) : a);
    }
    return pool.get(0).result();
  }

  static void assertClose(double expected, Object actual, double rel, String what) {
    double a = ((Number) actual).doubleValue();
    assertTrue(Math.abs(a - expected) <= rel * Math.abs(expected) + 1e-300,
        what + ": expected " + expected + " got " + a);
  }

  @Test
  void exactAggregatesDoNotDependOnSplittingOrMergeOrder() throws Exception {
    List<Object[]> rows = rows(5000, 1, true);
    for (String name : List.of("count", "sum", "min", "max")) {
      for (Expr e : List.of(X, S)) {
        if (name.equals("sum") && e == S) {
          continue;
        }
        AggregateFunction f = agg(name, e);
        Object one = single(f, rows);
        for (long seed = 0; seed < 20; seed++) {
          assertEquals(one, split(f, rows, seed), f.sql() + " seed " + seed);
        }
      }
    }
    AggregateFunction star = Aggregates.create("count", false, true, List.of(), ZoneOffset.UTC);
    AggregateFunction countIf = Aggregates.create("count_if", false, false,
        List.of(new Expr.Call("x>500", Type.BOOLEAN, true, v -> (Long) v[0] > 500, List.of(X))),
        ZoneOffset.UTC);
    AggregateFunction maxBy = agg("max_by", S, X);
    AggregateFunction minBy = agg("min_by", S, X);
    for (AggregateFunction f : List.of(star, countIf, maxBy, minBy)) {
      Object one = single(f, rows);
      for (long seed = 0; seed < 20; seed++) {
        assertEquals(one, split(f, rows, seed), f.sql() + " seed " + seed);
      }
    }
    // the oracle: plain loops
    long n = 0;
    long nonNull = 0;
    long sum = 0;
    long over = 0;
    long best = Long.MIN_VALUE;
    String bestS = null;
    for (Object[] r : rows) {
      n++;
      if (r[0] != null) {
        nonNull++;
        sum += (Long) r[0];
        over += (Long) r[0] > 500 ? 1 : 0;
        long v = (Long) r[0];
        String s = (String) r[2];
        if (v > best || (v == best && bestS != null && (s == null || s.compareTo(bestS) < 0))) {
          best = v;
          bestS = s;
        }
      }
    }
    assertEquals(n, single(star, rows));
    assertEquals(nonNull, single(agg("count", X), rows));
    assertEquals(sum, single(agg("sum", X), rows));
    assertEquals(over, single(countIf, rows));
    assertEquals(bestS, single(maxBy, rows));
  }

  @Test
  void momentsMatchATwoPassBigDecimalOracleWhateverTheSplit() throws Exception {
    List<Object[]> rows = rows(4000, 2, true);
    List<BigDecimal> xs = new ArrayList<>();
    for (Object[] r : rows) {
      if (r[1] != null) {
        xs.add(new BigDecimal((Double) r[1]));
      }
    }
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal total = xs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal mean = total.divide(BigDecimal.valueOf(xs.size()), mc);
    BigDecimal ss = BigDecimal.ZERO;
    for (BigDecimal x : xs) {
      ss = ss.add(x.subtract(mean).pow(2), mc);
    }
    double varPop = ss.divide(BigDecimal.valueOf(xs.size()), mc).doubleValue();
    double varSamp = ss.divide(BigDecimal.valueOf(xs.size() - 1), mc).doubleValue();
    for (long seed = 0; seed < 20; seed++) {
      assertClose(mean.doubleValue(), split(agg("avg", D), rows, seed), 1e-14, "avg");
      assertClose(total.doubleValue(), split(agg("sum", D), rows, seed), 1e-14, "sum");
      // values near 1e6 with spread 3: a naive sum of squares would lose ~all digits here
      assertClose(varPop, split(agg("var_pop", D), rows, seed), 1e-9, "var_pop");
      assertClose(varSamp, split(agg("var_samp", D), rows, seed), 1e-9, "var_samp");
      assertClose(Math.sqrt(varSamp), split(agg("stddev_samp", D), rows, seed), 1e-9, "stddev");
      assertClose(Math.sqrt(varPop), split(agg("stddev_pop", D), rows, seed), 1e-9, "stddev_pop");
    }
  }

  @Test
  void emptyNullOnlySingleRowAndConstantGroups() throws Exception {
    List<Object[]> none = List.of();
    List<Object[]> nulls = List.of(new Object[3], new Object[3]);
    List<Object[]> one = List.<Object[]>of(new Object[] {5L, 2.5, "a"});
    List<Object[]> constant = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      constant.add(new Object[] {3L, 0.1, "c"});
    }
    AggregateFunction star = Aggregates.create("count", false, true, List.of(), ZoneOffset.UTC);
    assertEquals(0L, single(star, none));
    assertEquals(2L, single(star, nulls));
    assertEquals(0L, single(agg("count", X), nulls));
    for (String name : List.of("sum", "min", "max", "avg", "var_pop", "var_samp", "stddev_pop",
        "stddev_samp", "median")) {
      assertNull(single(agg(name, D), none), name + " of no rows");
      assertNull(single(agg(name, D), nulls), name + " of NULLs");
    }
    assertEquals(0L, single(agg("approx_count_distinct", D), none)); // a count, as count(x)
    assertEquals(0L, single(agg("approx_count_distinct", D), nulls));
    assertEquals(2.5, single(agg("avg", D), one));
    assertEquals(0.0, single(agg("var_pop", D), one));
    assertNull(single(agg("var_samp", D), one)); // Spark: NULL for one row
    assertNull(single(agg("stddev_samp", D), one));
    assertEquals(2.5, single(agg("median", D), one));
    assertEquals(5L, single(agg("percentile_approx", X, new Expr.Literal(0.9, Type.DOUBLE)), one));
    assertEquals(0.0, single(agg("var_pop", D), constant));
    assertEquals(0.0, single(agg("var_samp", D), constant));
    assertEquals(0.0, split(agg("stddev_samp", D), constant, 3));
    assertEquals(0.0, split(agg("var_samp", X), constant, 4));
    assertNull(single(agg("max_by", S, X), nulls));
  }

  @Test
  void approximateDistinctIsWithinItsBoundAndMergesLikeOneSketch() throws Exception {
    Random r = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    HashSet<Long> exact = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long v = r.nextInt(50_000);
      exact.add(v);
      rows.add(new Object[] {v, null, null});
    }
    AggregateFunction f = agg("approx_count_distinct", X);
    long est = (Long) single(f, rows);
    double rse = 1.04 / Math.sqrt(512);
    assertTrue(Math.abs(est - exact.size()) <= 3 * rse * exact.size(), est + " vs " + exact.size());
    for (long seed = 0; seed < 5; seed++) {
      long merged = (Long) split(f, rows, seed);
      assertTrue(Math.abs(merged - exact.size()) <= 3 * rse * exact.size(), "seed " + seed);
    }
    assertTrue(f.errorBound().contains("lgK=9"), f.errorBound());
    // small sets are counted (almost) exactly
    assertEquals(3L, single(agg("approx_count_distinct", S), List.of(new Object[] {0L, 0.0, "a"},
        new Object[] {0L, 0.0, "b"}, new Object[] {0L, 0.0, ""}, new Object[] {0L, 0.0, "a"})));
  }

  @Test
  void approximatePercentileIsWithinItsRankBound() throws Exception {
    Random r = new Random(6);
    List<Object[]> rows = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      double d = r.nextGaussian();
      all.add(d);
      rows.add(new Object[] {null, d, null});
    }
    Collections.sort(all);
    double eps = org.apache.datasketches.kll.KllSketch.getNormalizedRankError(200, false);
    for (double p : new double[] {0.01, 0.5, 0.95}) {
      AggregateFunction f = agg("percentile_approx", D, new Expr.Literal(p, Type.DOUBLE));
      double v = (Double) split(f, rows, 11);
      double lo = all.get((int) Math.max(0, Math.floor((p - eps) * all.size())));
      double hi = all.get((int) Math.min(all.size() - 1, Math.ceil((p + eps) * all.size())));
      assertTrue(v >= lo && v <= hi, p + ": " + v + " not in [" + lo + ", " + hi + "]");
    }
  }

  @Test
  void refusalsNameTheAggregate() {
    QueryException e = assertThrows(QueryException.class,
        () -> Aggregates.create("sum", false, true, List.of(), ZoneOffset.UTC));
    assertEquals("sum(*) is not allowed; only count(*) takes *", e.getMessage());
    e = assertThrows(QueryException.class, () -> agg("percentile_approx", D,
        new Expr.Literal(1.5, Type.DOUBLE)));
    assertTrue(e.getMessage().contains("between 0.0 and 1.0"), e.getMessage());
    e = assertThrows(QueryException.class, () -> agg("sum",
        new Expr.Column(0, Type.TIMESTAMP, "t")));
    assertEquals("sum() needs a number, got timestamp `t`", e.getMessage());
  }
}
