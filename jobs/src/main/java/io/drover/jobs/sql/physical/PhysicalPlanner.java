package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.logical.Types;
import io.drover.jobs.sql.parse.SqlException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Cuts an optimized logical plan into MapReduce stages, the way Hive's compiler does: scans,
 * filters, projections and broadcast joins run in map tasks; a GROUP BY, a repartition join or an
 * ORDER BY is a shuffle, so it ends the map side of a stage and its result is the start of that
 * stage's reduce side; whatever follows runs in the same reducer until the next shuffle, which
 * reads the stage's output (binary rows) in a new stage.
 *
 * <p>Join strategy, as Spark's {@code autoBroadcastJoinThreshold} and Hive's map-join
 * conversion: a side estimated at most {@link Options#broadcastBytes} (10 MB by default) is
 * broadcast to the other side's map tasks (the right side for INNER, LEFT, SEMI and ANTI joins,
 * the left for INNER and RIGHT joins; several small sides of a join chain land in the same map
 * task, Hive's {@code noconditionaltask}); otherwise both sides are shuffled on the keys and the
 * smaller side is buffered in the reducer. A join without an equality (a cross join, or the
 * one-row side of a scalar subquery) and NOT IN's null-aware anti join are always broadcast.
 *
 * <p>Sizes are estimates: a table's bytes times the share of its columns read, halved per filter
 * conjunct (at least a twentieth kept), a join's inputs added, a grouped aggregate a fifth of its
 * input (a global one a row). They only choose strategies; a wrong guess costs time, never
 * correctness.
 */
public final class PhysicalPlanner {
  /**
   * How the planner chooses.
   *
   * @param topNRows the largest LIMIT whose rows a task may hold in a bounded heap (map-side
   *     top-N); a larger ORDER BY ... LIMIT sends every row to one sorting reducer
   */
  public record Options(long broadcastBytes, Set<String> broadcastHints, long topNRows) {
    /** Spark's default threshold. */
    public static final long DEFAULT_BROADCAST_BYTES = 10L * 1024 * 1024;
    /** Rows a task may hold for an ORDER BY ... LIMIT (a few MB of rows in a 256 MB task). */
    public static final long DEFAULT_TOP_N_ROWS = 10_000;

    public static Options defaults() {
      return new Options(DEFAULT_BROADCAST_BYTES, Set.of());
    }

    public Options(long broadcastBytes, Set<String> broadcastHints) {
      this(broadcastBytes, broadcastHints, DEFAULT_TOP_N_ROWS);
    }

    public Options {
      broadcastHints = Set.copyOf(broadcastHints);
    }
  }

  private final ToLongFunction<Table> tableBytes;
  private final Options options;
  private final List<Stage> stages = new ArrayList<>();

  private PhysicalPlanner(ToLongFunction<Table> tableBytes, Options options) {
    this.tableBytes = tableBytes;
    this.options = options;
  }

  /** The stages of {@code optimized} (the output of {@code Rules.optimize}). */
  public static PhysicalPlan plan(Plan optimized, ToLongFunction<Table> tableBytes,
      Options options) {
    PhysicalPlanner p = new PhysicalPlanner(tableBytes, options);
    Flow root = p.compile(optimized);
    p.close(root);
    return new PhysicalPlan(optimized, p.stages);
  }

  // --- flows: rows not yet written anywhere ---

  /** Rows produced by map tasks: the union of branches (each a source and its operators). */
  private record Mapped(List<Branch> branches, long bytes) implements Flow {}

  /** Rows produced by an open stage's reducers, with operators still to be appended. */
  private record Reduced(Open stage, long bytes) implements Flow {}

  private sealed interface Flow permits Mapped, Reduced {
    long bytes();
  }

  /** A stage whose reduce side is still growing. */
  private static final class Open {
    final List<Branch> inputs;
    final List<Integer> sides;
    final Shuffle shuffle;
    final List<Operator> reduceOps = new ArrayList<>();
    final int reducers;

    Open(List<Branch> inputs, List<Integer> sides, Shuffle shuffle, int reducers) {
      this.inputs = inputs;
      this.sides = sides;
      this.shuffle = shuffle;
      this.reducers = reducers;
    }
  }

  private Flow compile(Plan p) {
    if (p instanceof Plan.Scan s) {
      Branch b = new Branch(new Source.TableScan(s.table(), s.alias(), s.columns()), List.of());
      long all = Math.max(1, s.table().columns().size());
      long bytes = tableBytes.applyAsLong(s.table()) * Math.max(1, s.columns().size()) / all;
      return new Mapped(List.of(b), bytes);
    }
    if (p instanceof Plan.Filter f) {
      Flow in = compile(f.input());
      int conjuncts = countConjuncts(f.condition());
      long bytes = Math.max(in.bytes() / 20, in.bytes() >> Math.min(conjuncts, 20));
      return append(in, new Operator.Filter(f.condition()), bytes);
    }
    if (p instanceof Plan.Project pr) {
      Flow in = compile(pr.input());
      return append(in, new Operator.Project(pr.exprs(), pr.fields()), in.bytes());
    }
    if (p instanceof Plan.Aggregate a) {
      Mapped in = mapped(compile(a.input()));
      Shuffle sh = new Shuffle.GroupBy(a.keys(), a.calls(), a.fields());
      int reducers = a.keys().isEmpty() ? 1 : 0;
      long bytes = a.keys().isEmpty() ? 64 : Math.max(64, in.bytes() / 5);
      return new Reduced(new Open(in.branches(), zeros(in.branches()), sh, reducers), bytes);
    }
    if (p instanceof Plan.Sort s) {
      Mapped in = mapped(compile(s.input()));
      return new Reduced(new Open(in.branches(), zeros(in.branches()),
          new Shuffle.Sort(s.keys()), 0), in.bytes());
    }
    if (p instanceof Plan.Limit l && l.input() instanceof Plan.Sort s
        && l.count() <= options.topNRows()) {
      return topN(s, l.count());
    }
    if (p instanceof Plan.Limit l) {
      Flow in = compile(l.input());
      long bytes = Math.min(in.bytes(), Math.max(64, l.count() * 64));
      if (in instanceof Reduced r && r.stage().shuffle instanceof Shuffle.Sort
          && r.stage().reduceOps.isEmpty()) {
        // ORDER BY ... LIMIT n: one reducer sees every row in order and keeps the first n.
        Open one = new Open(r.stage().inputs, r.stage().sides, r.stage().shuffle, 1);
        one.reduceOps.add(new Operator.Limit(l.count()));
        return new Reduced(one, bytes);
      }
      Mapped m = mapped(in);
      List<Branch> limited = new ArrayList<>();
      for (Branch b : m.branches()) {
        limited.add(b.then(new Operator.Limit(l.count())));
      }
      Open gather = new Open(limited, zeros(limited), new Shuffle.Sort(List.of()), 1);
      gather.reduceOps.add(new Operator.Limit(l.count()));
      return new Reduced(gather, bytes);
    }
    if (p instanceof Plan.Union u) {
      List<Branch> all = new ArrayList<>();
      List<Field> schema = u.schema();
      long bytes = 0;
      for (Plan in : u.inputs()) {
        Mapped m = mapped(compile(in));
        bytes += m.bytes();
        for (Branch b : m.branches()) {
          all.add(renamed(b, schema));
        }
      }
      if (u.all()) {
        return new Mapped(all, bytes);
      }
      List<Expr> keys = refs(schema);
      Shuffle sh = new Shuffle.GroupBy(keys, List.of(), schema);
      return new Reduced(new Open(all, zeros(all), sh, 0), bytes);
    }
    if (p instanceof Plan.Join j) {
      return join(j);
    }
    throw new SqlException("cannot plan " + p.describe());
  }

  /**
   * {@code ORDER BY ... LIMIT n} as Hive's limit pushdown and Spark's TakeOrderedAndProject: every
   * map task keeps its n first rows by the sort key (a bounded heap), and so does each reducer of
   * the stage the rows come out of (a group-by's or a join's), so one reducer receives at most n
   * rows per task, sorts them and keeps the first n.
   */
  private Flow topN(Plan.Sort s, long n) {
    Operator.TopN top = new Operator.TopN(s.keys(), n);
    Flow in = compile(s.input());
    long bytes = Math.min(in.bytes(), Math.max(64, n * 64));
    if (in instanceof Reduced) {
      in = append(in, top, bytes);
    }
    Mapped m = mapped(in);
    List<Branch> kept = new ArrayList<>();
    for (Branch b : m.branches()) {
      kept.add(b.then(top));
    }
    Open one = new Open(kept, zeros(kept), new Shuffle.Sort(s.keys()), 1);
    one.reduceOps.add(new Operator.Limit(n));
    return new Reduced(one, bytes);
  }

  private Flow join(Plan.Join j) {
    JoinKind kind = j.kind() == JoinKind.CROSS ? JoinKind.INNER : j.kind();
    Flow left = compile(j.left());
    Flow right = compile(j.right());
    List<Expr> lk = new ArrayList<>();
    List<Expr> rk = new ArrayList<>();
    for (Plan.EquiKey k : j.keys()) {
      DataType common = Types.common(k.left().type(), k.right().type());
      lk.add(cast(k.left(), common));
      rk.add(cast(k.right(), common));
    }
    Expr residual = isTrue(j.residual()) ? null : j.residual();
    long bytes = kind == JoinKind.SEMI || kind == JoinKind.ANTI ? left.bytes()
        : left.bytes() + right.bytes();
    // NOT IN: ANTI with residual (x = c) OR ((x = c) IS NULL), run null-aware on x = c.
    if (kind == JoinKind.ANTI && lk.isEmpty() && residual != null) {
      Expr.Binary eq = notInEquality(residual);
      if (eq != null) {
        boolean leftFirst = refsWithin(eq.left(), j.left().schema());
        Expr x = leftFirst ? eq.left() : eq.right();
        Expr c = leftFirst ? eq.right() : eq.left();
        DataType common = Types.common(x.type(), c.type());
        return append(left, new Operator.HashJoin(kind, branch(right), false,
            List.of(cast(x, common)), List.of(cast(c, common)), null, true), bytes);
      }
    }
    boolean hintLeft = hinted(j.left());
    boolean hintRight = hinted(j.right());
    boolean canBuildRight = kind != JoinKind.RIGHT && kind != JoinKind.FULL;
    boolean canBuildLeft = kind == JoinKind.INNER || kind == JoinKind.RIGHT;
    boolean smallRight = right.bytes() <= options.broadcastBytes();
    boolean smallLeft = left.bytes() <= options.broadcastBytes();
    boolean buildRight;
    if (canBuildRight && hintRight) {
      buildRight = true;
    } else if (canBuildLeft && hintLeft) {
      buildRight = false;
    } else if (canBuildRight && canBuildLeft && (smallLeft || smallRight || lk.isEmpty())) {
      buildRight = right.bytes() <= left.bytes();
    } else if (canBuildRight && (smallRight || lk.isEmpty())) {
      buildRight = true;
    } else if (canBuildLeft && (smallLeft || lk.isEmpty())) {
      buildRight = false;
    } else if (lk.isEmpty()) {
      throw new SqlException(kind + " JOIN needs an equality between its sides ("
          + j.describe() + ")");
    } else {
      Mapped lm = mapped(left);
      Mapped rm = mapped(right);
      List<Branch> inputs = new ArrayList<>(lm.branches());
      inputs.addAll(rm.branches());
      List<Integer> sides = new ArrayList<>(zeros(lm.branches()));
      for (int i = 0; i < rm.branches().size(); i++) {
        sides.add(1);
      }
      int buffered = rm.bytes() <= lm.bytes() ? 1 : 0;
      Shuffle sh = new Shuffle.Join(kind, lk, rk, residual, buffered);
      return new Reduced(new Open(inputs, sides, sh, 0), bytes);
    }
    if (buildRight) {
      return append(left,
          new Operator.HashJoin(kind, branch(right), false, lk, rk, residual, false), bytes);
    }
    return append(right,
        new Operator.HashJoin(kind, branch(left), true, rk, lk, residual, false), bytes);
  }

  // --- helpers ---

  private Flow append(Flow in, Operator op, long bytes) {
    if (in instanceof Mapped m) {
      List<Branch> out = new ArrayList<>();
      for (Branch b : m.branches()) {
        out.add(b.then(op));
      }
      return new Mapped(out, bytes);
    }
    Reduced r = (Reduced) in;
    r.stage().reduceOps.add(op);
    return new Reduced(r.stage(), bytes);
  }

  /** The flow as map-side rows: an open stage is closed and read back. */
  private Mapped mapped(Flow f) {
    if (f instanceof Mapped m) {
      return m;
    }
    Stage s = close(f);
    return new Mapped(List.of(new Branch(new Source.StageOutput(s.id(), s.schema()), List.of())),
        f.bytes());
  }

  /** The flow as one branch (a broadcast side). */
  private Branch branch(Flow f) {
    if (f instanceof Mapped m && m.branches().size() == 1) {
      return m.branches().get(0);
    }
    Stage s = close(f);
    return new Branch(new Source.StageOutput(s.id(), s.schema()), List.of());
  }

  /** Writes the flow out as a stage (map-only for map-side rows). */
  private Stage close(Flow f) {
    Stage s;
    if (f instanceof Mapped m) {
      s = new Stage(stages.size(), m.branches(), zeros(m.branches()), null, List.of(), 0);
    } else {
      Open o = ((Reduced) f).stage();
      s = new Stage(stages.size(), o.inputs, o.sides, o.shuffle, o.reduceOps, o.reducers);
    }
    stages.add(s);
    return s;
  }

  private static List<Integer> zeros(List<Branch> branches) {
    List<Integer> z = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      z.add(0);
    }
    return z;
  }

  /** The branch with its columns renamed to {@code schema} (a UNION's later inputs). */
  private static Branch renamed(Branch b, List<Field> schema) {
    List<Field> have = b.schema();
    if (have.equals(schema)) {
      return b;
    }
    return b.then(new Operator.Project(refs(have), schema));
  }

  private static List<Expr> refs(List<Field> schema) {
    List<Expr> out = new ArrayList<>();
    for (Field f : schema) {
      out.add(new Expr.ColumnRef(f.qualifier(), f.name(), f.type(), false));
    }
    return out;
  }

  private static Expr cast(Expr e, DataType to) {
    return e.type().equals(to) ? e : new Expr.Cast(e, to);
  }

  private static boolean isTrue(Expr e) {
    return e == null || e instanceof Expr.Literal l && Boolean.TRUE.equals(l.value());
  }

  private static int countConjuncts(Expr e) {
    if (e instanceof Expr.Binary b && b.op() == Expr.Op.AND) {
      return countConjuncts(b.left()) + countConjuncts(b.right());
    }
    return 1;
  }

  /** {@code x = c} when {@code e} is {@code (x = c) OR ((x = c) IS NULL)}, else null. */
  static Expr.Binary notInEquality(Expr e) {
    if (e instanceof Expr.Binary or && or.op() == Expr.Op.OR
        && or.left() instanceof Expr.Binary eq && eq.op() == Expr.Op.EQ
        && or.right() instanceof Expr.IsNull n && !n.negated() && n.input().equals(eq)) {
      return eq;
    }
    return null;
  }

  private static boolean refsWithin(Expr e, List<Field> schema) {
    Set<String> names = new HashSet<>();
    for (Field f : schema) {
      names.add(f.qualifier() + "." + f.name());
    }
    boolean[] all = {true};
    e.map(x -> {
      if (x instanceof Expr.ColumnRef c && !names.contains(c.qualifier() + "." + c.name())) {
        all[0] = false;
      }
      return x;
    });
    return all[0];
  }

  /** Whether a hint names a table (or alias) that this side scans. */
  private boolean hinted(Plan side) {
    if (options.broadcastHints().isEmpty()) {
      return false;
    }
    boolean[] found = {false};
    scanNames(side, found);
    return found[0];
  }

  private void scanNames(Plan p, boolean[] found) {
    if (p instanceof Plan.Scan s && (options.broadcastHints().contains(s.alias())
        || options.broadcastHints().contains(s.table().name()))) {
      found[0] = true;
    }
    if (p instanceof Plan.Aggregate || p instanceof Plan.Join) {
      return; // a hint names a table joined directly, not one inside a subquery's aggregate
    }
    for (Plan in : p.inputs()) {
      scanNames(in, found);
    }
  }
}
