package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Operators;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The aggregate registry: Spark SQL names; states in {@link Accumulator}s. */
public final class Aggregates {
  private Aggregates() {}

  private static final Set<String> NAMES = new TreeSet<>(List.of("count", "count_if", "sum",
      "min", "max", "avg", "mean", "var_samp", "var_pop", "variance", "stddev_samp",
      "stddev_pop", "stddev", "std", "min_by", "max_by", "approx_count_distinct",
      "percentile_approx", "approx_percentile", "median"));

  public static boolean isAggregate(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  public static Set<String> names() {
    return NAMES;
  }

  private static String text(String name, List<Expr> args) {
    return name + "(" + args.stream().map(Expr::sql).collect(Collectors.joining(", ")) + ")";
  }

  private static void arity(String name, List<Expr> args, int min, int max) throws QueryException {
    if (args.size() < min || args.size() > max) {
      throw new QueryException(name + "() takes " + (min == max ? "" + min : min + " to " + max)
          + " argument" + (max == 1 ? "" : "s") + ", got " + args.size());
    }
  }

  private static double constantDouble(String name, Expr e, String what) throws QueryException {
    if (e instanceof Expr.Literal l && l.value() != null) {
      Double d = Values.toDouble(l.value(), l.type());
      if (d != null) {
        return d;
      }
    }
    throw new QueryException(name + "(): the " + what + " must be a constant number, got "
        + e.sql());
  }

  /**
   * The aggregate {@code name(args)}; {@code star} for {@code count(*)}. Arguments are input
   * expressions (no aggregate inside an aggregate).
   */
  public static AggregateFunction create(String name, boolean distinct, boolean star,
      List<Expr> args, ZoneId zone) throws QueryException {
    String n = name.toLowerCase(Locale.ROOT);
    if (distinct) {
      if (!n.equals("count") || star || args.size() != 1) {
        throw new QueryException(name + "(DISTINCT ...) is not supported; count(DISTINCT x) is "
            + "(exact), and approx_count_distinct(x)");
      }
      return new DistinctCount("count(DISTINCT " + args.get(0).sql() + ")", args.get(0));
    }
    if (star) {
      if (!n.equals("count")) {
        throw new QueryException(name + "(*) is not allowed; only count(*) takes *");
      }
      return new Count("count(*)", null, false);
    }
    switch (n) {
      case "count":
        arity(n, args, 1, 1);
        Expr x = args.get(0);
        if (x instanceof Expr.Literal l && l.value() != null) {
          return new Count("count(" + x.sql() + ")", null, false); // count(1): every row
        }
        return new Count(text(n, args), x, false);
      case "count_if":
        arity(n, args, 1, 1);
        return new Count(text(n, args), Operators.bool(args.get(0), "count_if()", zone), true);
      case "sum":
        arity(n, args, 1, 1);
        return new Sum(text(n, args), numeric(n, args.get(0), zone));
      case "avg":
      case "mean":
        arity(n, args, 1, 1);
        return new Moments(text(n, args), numeric(n, args.get(0), zone), Moments.Kind.AVG);
      case "var_samp":
      case "variance":
        arity(n, args, 1, 1);
        return new Moments(text(n, args), numeric(n, args.get(0), zone), Moments.Kind.VAR_SAMP);
      case "var_pop":
        arity(n, args, 1, 1);
        return new Moments(text(n, args), numeric(n, args.get(0), zone), Moments.Kind.VAR_POP);
      case "stddev_samp":
      case "stddev":
      case "std":
        arity(n, args, 1, 1);
        return new Moments(text(n, args), numeric(n, args.get(0), zone),
            Moments.Kind.STDDEV_SAMP);
      case "stddev_pop":
        arity(n, args, 1, 1);
        return new Moments(text(n, args), numeric(n, args.get(0), zone),
            Moments.Kind.STDDEV_POP);
      case "min":
      case "max":
        arity(n, args, 1, 1);
        // min(x) is min_by(x, x): NULLs skipped, NULL when none
        return new ByValue(text(n, args), args.get(0), args.get(0), n.equals("max"));
      case "min_by":
      case "max_by":
        arity(n, args, 2, 2);
        return new ByValue(text(n, args), args.get(0), args.get(1), n.equals("max_by"));
      case "approx_count_distinct":
        arity(n, args, 1, 2);
        double rsd = args.size() == 2 ? constantDouble(n, args.get(1), "relative error") : 0.05;
        if (!(rsd > 0 && rsd < 1)) {
          throw new QueryException(n + "(): the relative error must be between 0 and 1, got "
              + rsd);
        }
        return new DistinctSketch(text(n, args), args.get(0), rsd);
      case "percentile_approx":
      case "approx_percentile":
        arity(n, args, 2, 3);
        double p = constantDouble(n, args.get(1), "percentage");
        if (!(p >= 0 && p <= 1)) {
          throw new QueryException(n + "(): the percentage must be between 0.0 and 1.0, got "
              + p);
        }
        int k = QuantileSketch.DEFAULT_K;
        if (args.size() == 3) {
          double acc = constantDouble(n, args.get(2), "accuracy");
          if (!(acc >= 1)) {
            throw new QueryException(n + "(): the accuracy must be a positive number, got " + acc);
          }
          k = QuantileSketch.kForAccuracy(acc);
        }
        Expr v = numeric(n, args.get(0), zone);
        return new QuantileSketch(text(n, args), v, p, k, v.type());
      case "median":
        arity(n, args, 1, 1);
        return new QuantileSketch(text(n, args), numeric(n, args.get(0), zone), 0.5,
            QuantileSketch.DEFAULT_K, Type.DOUBLE);
      default:
        throw new QueryException("unknown aggregate " + name);
    }
  }

  private static Expr numeric(String name, Expr e, ZoneId zone) throws QueryException {
    if (e.type().numeric()) {
      return e;
    }
    if (e.type() == Type.STRING || e.type() == Type.BOOLEAN) {
      return Operators.cast(e, Type.DOUBLE, zone);
    }
    throw new QueryException(name + "() needs a number, got " + e.type().sqlName() + " "
        + e.sql());
  }

  /**
   * count(*), count(1) (arg null: every row), count(x) (rows where x is not NULL), count_if(p)
   * (rows where p is true).
   */
  static final class Count extends Call {
    private final Expr arg;
    private final boolean ifTrue;

    Count(String sql, Expr arg, boolean ifTrue) {
      super(sql, Type.LONG, arg);
      this.arg = arg;
      this.ifTrue = ifTrue;
    }

    @Override
    public Accumulator newAccumulator() {
      return new LongState() {
        @Override
        public void update(Object[] row) {
          Object v = arg == null ? Boolean.TRUE : arg.eval(row);
          if (ifTrue ? Boolean.TRUE.equals(v) : v != null) {
            n++;
          }
        }
      };
    }
  }

  /** A count: 0 for no rows, never NULL. */
  abstract static class LongState implements Accumulator {
    long n;

    @Override
    public void merge(Accumulator other) {
      n += ((LongState) other).n;
    }

    @Override
    public Object result() {
      return n;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      StateIO.writeVLong(out, n);
    }

    @Override
    public void read(DataInput in) throws IOException {
      n = StateIO.readVLong(in);
    }

    @Override
    public int heapBytes() {
      return 24;
    }
  }

  /**
   * sum: exact for bigint (wrapping on overflow, as Spark without ANSI mode); for double a
   * compensated (Neumaier) sum, so the order Hadoop feeds the rows in barely matters. NULL when no
   * row had a value.
   */
  static final class Sum extends Call {
    private final Expr arg;

    Sum(String sql, Expr arg) {
      super(sql, arg.type(), arg);
      this.arg = arg;
    }

    @Override
    public Accumulator newAccumulator() {
      return arg.type() == Type.LONG ? new LongSum(arg) : new DoubleSum(arg);
    }
  }

  /** A sum's state: NULL until a row has a value; rows whose value is NULL are skipped. */
  abstract static class SumState implements Accumulator {
    private final Expr arg;
    boolean seen;

    SumState(Expr arg) {
      this.arg = arg;
    }

    /** Adds one non-NULL value. */
    abstract void add(Object v);

    @Override
    public final void update(Object[] row) {
      Object v = arg.eval(row);
      if (v != null) {
        seen = true;
        add(v);
      }
    }
  }

  static final class LongSum extends SumState {
    private long sum;

    LongSum(Expr arg) {
      super(arg);
    }

    @Override
    void add(Object v) {
      sum += (Long) v;
    }

    @Override
    public void merge(Accumulator other) {
      LongSum o = (LongSum) other;
      if (o.seen) {
        seen = true;
        sum += o.sum;
      }
    }

    @Override
    public Object result() {
      return seen ? sum : null;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeBoolean(seen);
      if (seen) {
        StateIO.writeVLong(out, sum);
      }
    }

    @Override
    public void read(DataInput in) throws IOException {
      seen = in.readBoolean();
      sum = seen ? StateIO.readVLong(in) : 0;
    }

    @Override
    public int heapBytes() {
      return 32;
    }
  }

  /** Neumaier's compensated sum; exposed for the moments too. */
  static final class CompensatedSum {
    double sum;
    double c;

    void add(double x) {
      double t = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) {
        c += (sum - t) + x;
      } else {
        c += (x - t) + sum;
      }
      sum = t;
    }

    void add(CompensatedSum o) {
      add(o.sum);
      add(o.c);
    }

    double value() {
      double v = sum + c;
      return Double.isNaN(v) && !Double.isNaN(sum) ? sum : v;
    }
  }

  static final class DoubleSum extends SumState {
    private final CompensatedSum sum = new CompensatedSum();

    DoubleSum(Expr arg) {
      super(arg);
    }

    @Override
    void add(Object v) {
      sum.add((Double) v);
    }

    @Override
    public void merge(Accumulator other) {
      DoubleSum o = (DoubleSum) other;
      if (o.seen) {
        seen = true;
        sum.add(o.sum);
      }
    }

    @Override
    public Object result() {
      return seen ? sum.value() : null;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeBoolean(seen);
      if (seen) {
        out.writeDouble(sum.sum);
        out.writeDouble(sum.c);
      }
    }

    @Override
    public void read(DataInput in) throws IOException {
      seen = in.readBoolean();
      sum.sum = seen ? in.readDouble() : 0;
      sum.c = seen ? in.readDouble() : 0;
    }

    @Override
    public int heapBytes() {
      return 48;
    }
  }

}
