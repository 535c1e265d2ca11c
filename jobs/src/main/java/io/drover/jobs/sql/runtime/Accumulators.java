package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The aggregate functions of {@link Expr.AggCall}: count(*), count(x), sum, avg, min, max, each
 * also DISTINCT. {@link #compile} gives an {@link Accumulator}, a factory of per-group {@link
 * State}s: the map side {@code add}s evaluated arguments, partial states travel as bytes ({@code
 * write}/{@link Accumulator#read}) through combiners to the reducer, which {@code merge}s them and
 * asks for the {@code result}, typed as {@code Types.aggregate} says.
 *
 * <p>NULL arguments are ignored; sum, avg, min and max of no value are NULL, count is 0. Sums of
 * integers and decimals are exact whatever the order of adds and merges (an overflowing long sum
 * goes on as a BigInteger); a result that does not fit its type (bigint, or the decimal's
 * precision) throws an ArithmeticException naming the function. avg of a decimal is the exact sum
 * divided by the count, rounded HALF_UP to the result's scale; avg of int and bigint is the exact
 * sum over the count as a double. Non-DISTINCT states are small and fixed-size ({@link
 * Accumulator#fixedSize}); DISTINCT ones hold the set of values (as {@link SortKeyCodec} keys, so
 * -0.0 and 0.0 are one value), and merging unions the sets.
 */
public final class Accumulators {
  private Accumulators() {}

  /** A compiled aggregate: makes and reads the states of its groups. */
  public interface Accumulator {
    /** An empty state (no rows yet). */
    State newState();

    /** A state written by {@link State#write}. */
    default State read(byte[] b, int off, int len) {
      Source in = new Source(b, off, len);
      State s = read(in);
      if (in.hasMore()) {
        throw new IllegalArgumentException("aggregate state has bytes past its end");
      }
      return s;
    }

    /** Reads one state from {@code in}. */
    State read(Source in);

    /** Whether states stay a few bytes whatever the input (not DISTINCT): combiner-friendly. */
    boolean fixedSize();

    DataType resultType();
  }

  /** One group's partial aggregate. */
  public interface State {
    /** Adds one row's evaluated arguments (empty for count(*)). */
    void add(Object[] args);

    /** Folds in another partial state of the same accumulator. */
    void merge(State other);

    void write(Sink out);

    /** The aggregate's value, a runtime value of the result type (or null). */
    Object result();

    /**
     * An estimate of the bytes the state holds on the heap now: what a map task's partial
     * aggregation counts against its memory bound ({@code SqlConf.MAP_AGG_BYTES}). Cheap: a
     * growing state keeps a running count.
     */
    int heapBytes();
  }

  /** The accumulator of a translated call. */
  public static Accumulator compile(Expr.AggCall call) {
    if (AggregateLibrary.isAggregate(call.name())) {
      return AggregateLibrary.accumulator(call);
    }
    List<DataType> args = new ArrayList<>();
    for (Expr e : call.args()) {
      args.add(e.type());
    }
    return compile(call.name(), call.distinct(), args, call.type());
  }

  /**
   * The accumulator of aggregate {@code name} ({@code count, sum, avg, min, max}) over arguments
   * of {@code argTypes} (none for count(*)) with result type {@code result}.
   */
  public static Accumulator compile(String name, boolean distinct, List<DataType> argTypes,
      DataType result) {
    if (argTypes.isEmpty()) {
      if (!name.equals("count") || distinct) {
        throw new IllegalArgumentException(name + (distinct ? " DISTINCT" : "")
            + " needs an argument");
      }
      return new Simple(name, result, null);
    }
    if (argTypes.size() != 1) {
      throw new IllegalArgumentException(name + " takes one argument, not " + argTypes.size());
    }
    DataType arg = argTypes.get(0);
    switch (name) {
      case "count", "sum", "avg" -> {
        if (!name.equals("count")) {
          checkResult(name, arg, result);
        }
        Simple inner = new Simple(name, result, arg);
        return distinct ? new Distinct(inner, arg) : inner;
      }
      case "min", "max" -> {
        if (!arg.equals(result)) {
          throw new IllegalArgumentException(name + "(" + arg + ") cannot be " + result);
        }
        return new Simple(name, result, arg);
      }
      default -> {
        if (!io.drover.jobs.sql.logical.Types.STATISTICAL.contains(name)) {
          throw new IllegalArgumentException("unknown aggregate " + name);
        }
        if (!arg.isNumeric() || result.kind() != DataType.Kind.DOUBLE) {
          throw new IllegalArgumentException(name + (distinct ? "(DISTINCT " : "(") + arg
              + ") cannot be " + result);
        }
        Moments moments = new Moments(name, arg);
        return distinct ? new Distinct(moments, arg) : moments;
      }
    }
  }

  /**
   * stddev and variance, sample or population: the count, mean and sum of squared deviations
   * in doubles (Welford's update, Chan's merge of two partial states, so the order of adds and
   * merges moves only the last bits). Of no value NULL; the sample ones of one value NULL (Spark
   * 3's and DuckDB's answer), the population ones 0.
   */
  private static final class Moments implements Accumulator {
    final boolean sample;
    final boolean root;
    final String label;

    Moments(String name, DataType arg) {
      this.sample = !name.endsWith("_pop");
      this.root = name.startsWith("std");
      this.label = name + "(" + arg + ")";
    }

    @Override
    public State newState() {
      return new MomentsState(this);
    }

    @Override
    public State read(Source in) {
      MomentsState s = new MomentsState(this);
      s.n = in.readUVarint();
      if (s.n > 0) {
        s.mean = Double.longBitsToDouble(in.readLong());
        s.m2 = Double.longBitsToDouble(in.readLong());
      }
      return s;
    }

    @Override
    public boolean fixedSize() {
      return true;
    }

    @Override
    public DataType resultType() {
      return DataType.DOUBLE;
    }
  }

  private static final class MomentsState extends io.drover.jobs.aggregate.agg.Welford
      implements State {
    final Moments acc;

    MomentsState(Moments acc) {
      this.acc = acc;
    }

    @Override
    public void add(Object[] args) {
      Object v = args[0];
      if (v == null) {
        return;
      }
      double x = v instanceof Double d ? d : v instanceof Long l ? (double) l
          : ((BigDecimal) v).doubleValue();
      add(x);
    }

    @Override
    public void merge(State other) {
      if (!(other instanceof MomentsState o) || o.acc.sample != acc.sample
          || o.acc.root != acc.root) {
        throw new IllegalArgumentException("cannot merge into " + acc.label);
      }
      merge((io.drover.jobs.aggregate.agg.Welford) o);
    }

    @Override
    public void write(Sink out) {
      out.writeUVarint(n);
      if (n > 0) {
        out.writeLong(Double.doubleToRawLongBits(mean));
        out.writeLong(Double.doubleToRawLongBits(m2));
      }
    }

    @Override
    public Object result() {
      long d = acc.sample ? n - 1 : n;
      if (n == 0 || d == 0) {
        return null;
      }
      double var = Math.max(0, m2) / d;
      return acc.root ? Math.sqrt(var) : var;
    }

    @Override
    public int heapBytes() {
      return 64;
    }
  }

  private static void checkResult(String name, DataType arg, DataType result) {
    boolean ok = switch (arg.kind()) {
      case INT, BIGINT -> name.equals("sum") ? result.kind() == DataType.Kind.BIGINT
          : result.kind() == DataType.Kind.DOUBLE;
      case DOUBLE -> result.kind() == DataType.Kind.DOUBLE;
      case DECIMAL -> result.kind() == DataType.Kind.DECIMAL;
      default -> false;
    };
    if (!ok) {
      throw new IllegalArgumentException(name + "(" + arg + ") cannot be " + result);
    }
  }

  /** Enough digits that rounding the quotient to a double once more cannot move it. */
  private static final java.math.MathContext AVG_CONTEXT =
      new java.math.MathContext(40, RoundingMode.HALF_EVEN);

  private enum Op { COUNT_STAR, COUNT, SUM_LONG, SUM_DOUBLE, SUM_DECIMAL, AVG_LONG, AVG_DOUBLE,
    AVG_DECIMAL, MIN, MAX }

  /** The non-DISTINCT functions: states of a count, an exact sum, a double sum or one value. */
  private static final class Simple implements Accumulator {
    final String name;
    final DataType result;
    final DataType arg;
    final Op op;
    final byte valueKind;

    Simple(String name, DataType result, DataType arg) {
      this.name = name;
      this.result = result;
      this.arg = arg;
      if (arg == null) {
        op = Op.COUNT_STAR;
      } else {
        boolean isLong = arg.kind() == DataType.Kind.INT || arg.kind() == DataType.Kind.BIGINT;
        boolean isDouble = arg.kind() == DataType.Kind.DOUBLE;
        op = switch (name) {
          case "count" -> Op.COUNT;
          case "sum" -> isLong ? Op.SUM_LONG : isDouble ? Op.SUM_DOUBLE : Op.SUM_DECIMAL;
          case "avg" -> isLong ? Op.AVG_LONG : isDouble ? Op.AVG_DOUBLE : Op.AVG_DECIMAL;
          case "min" -> Op.MIN;
          default -> Op.MAX;
        };
      }
      valueKind = arg == null ? -1 : RowCodec.kindOf(arg);
    }

    @Override
    public State newState() {
      return new SimpleState(this);
    }

    @Override
    public State read(Source in) {
      SimpleState s = new SimpleState(this);
      s.read(in);
      return s;
    }

    @Override
    public boolean fixedSize() {
      return true;
    }

    @Override
    public DataType resultType() {
      return result;
    }

    String label() {
      return name + "(" + (arg == null ? "*" : arg.toString()) + ")";
    }
  }

  /**
   * One state class for all simple functions: {@code count} of values seen, a long sum that
   * overflows into {@code big}, a double sum, or the min/max value so far.
   */
  private static final class SimpleState implements State {
    final Simple acc;
    long count;
    long sum;
    BigInteger big;
    double dsum;
    Object value;

    @Override
    public int heapBytes() { // a min/max string: its chars; a BigInteger sum: a few words
      return 72 + (value instanceof String v ? 48 + 2 * v.length() : value == null ? 0 : 32)
          + (big == null ? 0 : 48);
    }

    SimpleState(Simple acc) {
      this.acc = acc;
    }

    @Override
    public void add(Object[] args) {
      Op op = acc.op;
      if (op == Op.COUNT_STAR) {
        count++;
        return;
      }
      Object v = args[0];
      if (v == null) {
        return;
      }
      count++;
      switch (op) {
        case SUM_LONG, AVG_LONG -> addLong((Long) v);
        case SUM_DECIMAL, AVG_DECIMAL -> {
          BigDecimal d = (BigDecimal) v;
          if (d.scale() == acc.arg.scale() && d.precision() <= 18) {
            addLong(RowCodec.unscaledLong(d, acc.arg)); // no BigInteger per row
          } else {
            BigInteger u = RowCodec.unscaled(d, acc.arg);
            if (u.bitLength() < 64) {
              addLong(u.longValue());
            } else {
              big = big().add(u);
            }
          }
        }
        case SUM_DOUBLE, AVG_DOUBLE -> dsum += (Double) v;
        case MIN -> {
          if (value == null || Ordering.compare(acc.arg, v, value) < 0) {
            value = v;
          }
        }
        case MAX -> {
          if (value == null || Ordering.compare(acc.arg, v, value) > 0) {
            value = v;
          }
        }
        default -> { }
      }
    }

    private void addLong(long x) {
      long r = sum + x;
      if (((sum ^ r) & (x ^ r)) < 0) {
        big = big().add(BigInteger.valueOf(sum)).add(BigInteger.valueOf(x));
        sum = 0;
      } else {
        sum = r;
      }
    }

    private BigInteger big() {
      return big == null ? BigInteger.ZERO : big;
    }

    private BigInteger total() {
      return big == null ? BigInteger.valueOf(sum) : big.add(BigInteger.valueOf(sum));
    }

    @Override
    public void merge(State other) {
      SimpleState o = (SimpleState) other;
      if (o.acc.op != acc.op) {
        throw new IllegalArgumentException("cannot merge " + o.acc.label() + " into "
            + acc.label());
      }
      switch (acc.op) {
        case COUNT_STAR, COUNT -> count += o.count;
        case SUM_LONG, AVG_LONG, SUM_DECIMAL, AVG_DECIMAL -> {
          count += o.count;
          addLong(o.sum);
          if (o.big != null) {
            big = big().add(o.big);
          }
        }
        case SUM_DOUBLE, AVG_DOUBLE -> {
          count += o.count;
          dsum += o.dsum;
        }
        case MIN, MAX -> {
          count += o.count;
          if (o.value != null && (value == null
              || Ordering.compare(acc.arg, o.value, value) * (acc.op == Op.MIN ? 1 : -1) < 0)) {
            value = o.value;
          }
        }
        default -> throw new IllegalStateException();
      }
    }

    @Override
    public void write(Sink out) {
      out.writeUVarint(count);
      switch (acc.op) {
        case SUM_LONG, AVG_LONG, SUM_DECIMAL, AVG_DECIMAL -> {
          if (count == 0) {
            return;
          }
          if (big == null) {
            out.writeByte(0);
            out.writeVarint(sum);
          } else {
            out.writeByte(1);
            byte[] u = total().toByteArray();
            out.writeUVarint(u.length);
            out.write(u, 0, u.length);
          }
        }
        case SUM_DOUBLE, AVG_DOUBLE -> {
          if (count > 0) {
            out.writeLong(Double.doubleToRawLongBits(dsum));
          }
        }
        case MIN, MAX -> {
          if (count > 0) {
            RowCodec.writeValue(acc.valueKind, acc.arg, value, out);
          }
        }
        default -> { }
      }
    }

    void read(Source in) {
      count = in.readUVarint();
      if (count < 0) {
        throw new IllegalArgumentException("negative count in aggregate state");
      }
      if (count == 0) {
        return;
      }
      switch (acc.op) {
        case SUM_LONG, AVG_LONG, SUM_DECIMAL, AVG_DECIMAL -> {
          if (in.readByte() == 0) {
            sum = in.readVarint();
          } else {
            big = new BigInteger(in.readBytes(in.readLength()));
          }
        }
        case SUM_DOUBLE, AVG_DOUBLE -> dsum = Double.longBitsToDouble(in.readLong());
        case MIN, MAX -> value = RowCodec.readValue(acc.valueKind, acc.arg, in);
        default -> { }
      }
    }

    @Override
    public Object result() {
      switch (acc.op) {
        case COUNT_STAR, COUNT:
          return count;
        default:
          break;
      }
      if (count == 0) {
        return null;
      }
      DataType r = acc.result;
      switch (acc.op) {
        case SUM_LONG: {
          BigInteger t = total();
          if (t.bitLength() >= 64) {
            throw new ArithmeticException(acc.label() + " overflowed bigint: " + t);
          }
          return t.longValue();
        }
        case SUM_DECIMAL: {
          BigDecimal d = new BigDecimal(total(), acc.arg.scale());
          return fit(d.setScale(r.scale(), RoundingMode.HALF_UP), r);
        }
        case AVG_DECIMAL: {
          BigDecimal d = new BigDecimal(total(), acc.arg.scale())
              .divide(BigDecimal.valueOf(count), r.scale(), RoundingMode.HALF_UP);
          return fit(d, r);
        }
        case AVG_LONG:
          if (big == null && Math.abs(sum) <= 1L << 53) {
            return (double) sum / count; // both exact as doubles: one rounding
          }
          // 40 digits then one rounding to a double: the nearest double to the exact quotient
          return new BigDecimal(total()).divide(BigDecimal.valueOf(count), AVG_CONTEXT)
              .doubleValue();
        case SUM_DOUBLE:
          return dsum;
        case AVG_DOUBLE:
          return dsum / count;
        default:
          return value;
      }
    }

    private BigDecimal fit(BigDecimal d, DataType r) {
      if (d.precision() - d.scale() > r.precision() - r.scale()) {
        throw new ArithmeticException(acc.label() + " overflowed " + r + ": " + d);
      }
      return d;
    }
  }

  /** A byte string with value equality, for sets of keys. */
  private record Key(byte[] b) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(b, k.b);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(b);
    }
  }

  /** A DISTINCT function: the set of distinct non-null values, fed to the inner one at the end. */
  /**
   * An aggregate of the distinct values: the set of their encoded keys (merged as sets), and at
   * the end the inner aggregate over them in key order, so that a double's sum or moments do not
   * depend on how the set was built.
   */
  private static final class Distinct implements Accumulator {
    final Accumulator inner;
    final SortKeyCodec codec;

    Distinct(Accumulator inner, DataType arg) {
      this.inner = inner;
      this.codec = SortKeyCodec.grouping(List.of(arg));
    }

    @Override
    public State newState() {
      return new DistinctState(this);
    }

    @Override
    public State read(Source in) {
      DistinctState s = new DistinctState(this);
      long n = in.readUVarint();
      for (long i = 0; i < n; i++) {
        s.set.add(new Key(in.readBytes(in.readLength())));
      }
      return s;
    }

    @Override
    public boolean fixedSize() {
      return false;
    }

    @Override
    public DataType resultType() {
      return inner.resultType();
    }

    boolean counts() {
      return inner instanceof Simple simple && simple.op == Op.COUNT;
    }

    String label() {
      return inner instanceof Simple simple ? simple.label() : ((Moments) inner).label;
    }
  }

  private static final class DistinctState implements State {
    final Distinct acc;
    final Set<Key> set = new HashSet<>();
    /** The set's entries' bytes, counted as they come. */
    private int bytes;
    private final Sink scratch = new Sink(32);
    private final Object[] one = new Object[1];

    DistinctState(Distinct acc) {
      this.acc = acc;
    }

    @Override
    public void add(Object[] args) {
      if (args[0] == null) {
        return;
      }
      scratch.reset();
      acc.codec.encodeField(0, args[0], scratch);
      byte[] k = scratch.toByteArray();
      if (set.add(new Key(k))) {
        bytes += ENTRY_BYTES + k.length;
      }
    }

    /** A HashSet entry, its Key and the key's byte array header. */
    private static final int ENTRY_BYTES = 88;

    @Override
    public int heapBytes() {
      return 96 + bytes;
    }

    @Override
    public void merge(State other) {
      DistinctState o = (DistinctState) other;
      if (!o.acc.label().equals(acc.label())) {
        throw new IllegalArgumentException("cannot merge " + o.acc.label() + " DISTINCT into "
            + acc.label() + " DISTINCT");
      }
      for (Key k : o.set) {
        if (set.add(k)) {
          bytes += ENTRY_BYTES + k.b.length;
        }
      }
    }

    @Override
    public void write(Sink out) {
      out.writeUVarint(set.size());
      for (Key k : set) {
        out.writeUVarint(k.b.length);
        out.write(k.b, 0, k.b.length);
      }
    }

    @Override
    public Object result() {
      if (acc.counts()) {
        return (long) set.size();
      }
      Key[] keys = set.toArray(new Key[0]);
      Arrays.sort(keys, (a, b) -> Arrays.compareUnsigned(a.b, b.b));
      State s = acc.inner.newState();
      for (Key k : keys) {
        acc.codec.decode(k.b, 0, k.b.length, one);
        s.add(one);
      }
      return s.result();
    }
  }
}
