package io.drover.jobs.sql.runtime;

import io.drover.jobs.aggregate.agg.AggregateFunction;
import io.drover.jobs.aggregate.agg.Aggregates;
import io.drover.jobs.aggregate.expr.Functions;
import io.drover.jobs.aggregate.expr.Operators;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.InputFormats;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aggregate}'s functions that {@code sql} has none of its own for, run by {@code
 * aggregate}'s own code: the scalar functions of {@code aggregate/expr/Functions} (hour,
 * dayofweek, dayofyear, date_trunc, date_format, time_bucket, from_unixtime, unix_timestamp, ...),
 * its {@code div} operator, and the aggregates of {@code aggregate/agg/Aggregates} (count_if,
 * min_by, max_by, approx_count_distinct, percentile_approx, approx_percentile, median), with
 * {@code aggregate}'s semantics, checks, messages and result types (bigint, double, boolean,
 * string, timestamp).
 *
 * <p>The call is built by {@code aggregate}'s registry over its arguments: a literal as {@code
 * aggregate}'s literal (so the constants it checks, a unit, a format, an rsd, a percentage, are
 * seen as such), any other argument as a column of a row of argument values. Values cross in
 * {@code aggregate}'s representation, in UTC (the short form's zone): int and bigint as bigint,
 * double and decimal as double, text as string, a timestamp (or a date, at midnight) as its
 * microseconds; a result back as {@code sql}'s value of its type. An aggregate's state is {@code
 * aggregate}'s own (the HyperLogLog and KLL sketches too), written as its bytes between map,
 * combine and reduce, merged by its merge.
 */
public final class AggregateLibrary {
  private AggregateLibrary() {}

  /** aggregate's integer division, Spark's {@code a div b}: bigint, NULL for a zero divisor. */
  public static final String DIV = "div";

  /** Whether {@code name} is one of aggregate's scalar functions that sql runs through here. */
  public static boolean isScalar(String name) {
    return name.equals(DIV) || Functions.known(name);
  }

  /** Whether {@code name} is one of aggregate's aggregates that sql has none of its own for. */
  public static boolean isAggregate(String name) {
    return Aggregates.isAggregate(name) && !Types.AGGREGATES.contains(name);
  }

  /** The names of {@link #isAggregate} (for "did you mean" and the README). */
  public static List<String> aggregateNames() {
    return Aggregates.names().stream().filter(AggregateLibrary::isAggregate).toList();
  }

  /**
   * The result type of scalar {@code name(args)}.
   *
   * @throws IllegalArgumentException with aggregate's message when the call is refused
   */
  public static DataType scalarType(String name, List<Expr> args) {
    return InputFormats.sqlType(scalar(name, args).type());
  }

  /**
   * The result type of aggregate {@code name(args)} ({@code DISTINCT} as {@code distinct}).
   *
   * @throws IllegalArgumentException with aggregate's message when the call is refused
   */
  public static DataType aggregateType(String name, boolean distinct, boolean star,
      List<Expr> args) {
    return InputFormats.sqlType(aggregate(name, distinct, star, args).resultType());
  }

  private static io.drover.jobs.aggregate.expr.Expr scalar(String name, List<Expr> args) {
    return scalar(name, args, ZoneOffset.UTC);
  }

  private static io.drover.jobs.aggregate.expr.Expr scalar(String name, List<Expr> args,
      ZoneId zone) {
    List<io.drover.jobs.aggregate.expr.Expr> in = arguments(args, zone);
    try {
      return name.equals(DIV) ? Operators.arithmetic(DIV, in.get(0), in.get(1), zone)
          : Functions.call(name, in, zone);
    } catch (QueryException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static AggregateFunction aggregate(String name, boolean distinct, boolean star,
      List<Expr> args) {
    try {
      return Aggregates.create(name, distinct, star, arguments(args, ZoneOffset.UTC),
          ZoneOffset.UTC);
    } catch (QueryException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** aggregate's expressions for sql's arguments: literals as literals, others as columns. */
  private static List<io.drover.jobs.aggregate.expr.Expr> arguments(List<Expr> args,
      ZoneId zone) {
    List<io.drover.jobs.aggregate.expr.Expr> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      Type t = type(a.type());
      if (a instanceof Expr.Literal l) {
        Object v = l.value() instanceof LocalDate d && t == Type.TIMESTAMP ? d.atStartOfDay()
            : l.value();
        out.add(new io.drover.jobs.aggregate.expr.Expr.Literal(toAggregate(v, t, zone), t));
      } else {
        out.add(new io.drover.jobs.aggregate.expr.Expr.Column(i, t, a.toString()));
      }
    }
    return out;
  }

  /**
   * The aggregate type a sql value of {@code t} is read as ({@link Type#fromSqlName}: int as
   * bigint, decimal as double, varchar and char as string, date as timestamp); NULL's as string.
   */
  static Type type(DataType t) {
    if (t.kind() == DataType.Kind.NULL) {
      return Type.STRING; // as aggregate types NULL
    }
    Type a = Type.fromSqlName(t.toString());
    if (a == null) {
      throw new IllegalArgumentException("aggregate's functions take no " + t);
    }
    return a;
  }

  /** A sql value (of a type {@link #type} reads as {@code t}) as aggregate's value. */
  static Object toAggregate(Object v, Type t) {
    return toAggregate(v, t, ZoneOffset.UTC);
  }

  /** {@link #toAggregate(Object, Type)}, a timestamp or date taken as a wall time in {@code zone}. */
  static Object toAggregate(Object v, Type t, ZoneId zone) {
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDateTime ts) {
      return io.drover.jobs.aggregate.expr.Values.micros(ts.atZone(zone).toInstant());
    }
    if (v instanceof LocalDate d) {
      return io.drover.jobs.aggregate.expr.Values.micros(d.atStartOfDay(zone).toInstant());
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return v; // Long, Double, Boolean, String
  }

  /** aggregate's value of type {@code t} as sql's value of {@link InputFormats#sqlType}. */
  public static Object toSql(Object v, Type t) {
    return toSql(v, t, ZoneOffset.UTC);
  }

  /** {@link #toSql(Object, Type)}, a timestamp as its wall time in {@code zone}. */
  public static Object toSql(Object v, Type t, ZoneId zone) {
    if (v == null || t != Type.TIMESTAMP) {
      return v;
    }
    long micros = (Long) v;
    java.time.Instant i = java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000);
    return LocalDateTime.ofInstant(i, zone);
  }

  /**
   * Scalar {@code c} (an {@link #isScalar} call) over its compiled arguments, in the session time
   * zone {@code zone}: a timestamp, a wall-clock time in it, crosses as its instant.
   */
  static Evaluator.Fn compile(Expr.Call c, List<Evaluator.Fn> args, ZoneId zone) {
    io.drover.jobs.aggregate.expr.Expr x = scalar(c.name(), c.args(), zone);
    Type[] types = new Type[args.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = type(c.args().get(i).type());
    }
    Evaluator.Fn[] fs = args.toArray(new Evaluator.Fn[0]);
    Type out = x.type();
    return row -> {
      Object[] v = new Object[fs.length];
      for (int i = 0; i < fs.length; i++) {
        v[i] = toAggregate(fs[i].eval(row), types[i], zone);
      }
      return toSql(x.eval(v), out, zone);
    };
  }

  /**
   * The error bound of {@code call} when it is an approximate aggregate (a sketch's: "relative
   * standard error ..."), else null; for {@code --explain}.
   */
  public static String errorBound(Expr.AggCall call) {
    return isAggregate(call.name())
        ? aggregate(call.name(), call.distinct(), false, call.args()).errorBound() : null;
  }

  /** The accumulator of aggregate {@code call} (an {@link #isAggregate} call). */
  static Accumulators.Accumulator accumulator(Expr.AggCall call) {
    AggregateFunction f = aggregate(call.name(), call.distinct(), false, call.args());
    Type[] types = new Type[call.args().size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = type(call.args().get(i).type());
    }
    DataType result = InputFormats.sqlType(f.resultType());
    return new Accumulators.Accumulator() {
      @Override
      public Accumulators.State newState() {
        return new State(f.newAccumulator(), types, f.resultType());
      }

      @Override
      public Accumulators.State read(Source in) {
        io.drover.jobs.aggregate.agg.Accumulator a = f.newAccumulator();
        try {
          a.read(new DataInputStream(new ByteArrayInputStream(in.readBytes(in.readLength()))));
        } catch (IOException e) {
          throw new IllegalArgumentException("bad " + call + " state: " + e.getMessage(), e);
        }
        return new State(a, types, f.resultType());
      }

      @Override
      public boolean fixedSize() {
        return false; // a sketch grows with the values; min_by holds a value of any length
      }

      @Override
      public DataType resultType() {
        return result;
      }
    };
  }

  /** One group's state: aggregate's accumulator, fed aggregate's values. */
  private static final class State implements Accumulators.State {
    final io.drover.jobs.aggregate.agg.Accumulator acc;
    final Type[] types;
    final Type result;

    State(io.drover.jobs.aggregate.agg.Accumulator acc, Type[] types, Type result) {
      this.acc = acc;
      this.types = types;
      this.result = result;
    }

    @Override
    public int heapBytes() { // aggregate's own bound (a sketch's at its largest)
      return 32 + acc.heapBytes();
    }

    @Override
    public void add(Object[] args) {
      Object[] v = new Object[args.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = toAggregate(args[i], types[i]);
      }
      acc.update(v);
    }

    @Override
    public void merge(Accumulators.State other) {
      acc.merge(((State) other).acc);
    }

    @Override
    public void write(Sink out) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream d = new DataOutputStream(b)) {
        acc.write(d);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a byte array does not fail
      }
      out.writeUVarint(b.size());
      out.write(b.toByteArray(), 0, b.size());
    }

    @Override
    public Object result() {
      return toSql(acc.result(), result);
    }
  }
}
