package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Expr.ColumnRef;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns subquery expressions in WHERE/HAVING conjuncts (a Filter's) into joins, as Spark's
 * RewritePredicateSubquery and RewriteCorrelatedScalarSubquery and Hive do. Subqueries nested
 * in subqueries are rewritten first. The subquery's side of each join is a Project naming its
 * columns {@code sqN.cI} / {@code sqN.kI} (N counts per rule instance), so the two sides never
 * share a column name (TPC-H Q17 and Q18 use {@code lineitem} on both).
 *
 * <ul>
 *   <li>{@code EXISTS (q)} → LEFT SEMI join with q, on q's correlated conjuncts (those of the
 *       Filter at q's top that read outer columns; the outer references become the left side's
 *       columns). {@code NOT EXISTS} → LEFT ANTI on the same condition.
 *   <li>{@code x IN (q)} → SEMI on {@code x = q's column} and the correlated conjuncts. A NULL
 *       {@code x} or a NULL in q never makes {@code =} true, so the row is not kept: exactly
 *       WHERE's treatment of IN's NULL (unknown is not true).
 *   <li>{@code x NOT IN (q)} → the NULL-aware anti join (Spark's form): ANTI on {@code (x = c)
 *       OR ((x = c) IS NULL)} and the correlated conjuncts, so a left row is dropped when some q
 *       row equals it or the comparison is unknown: a NULL in q's result drops every row (NOT IN
 *       is then never true), a NULL {@code x} is dropped as soon as q has any row and kept when q
 *       is empty (NOT IN of the empty set is true). The physical planner must run this as a
 *       null-aware anti join (residual, no equi-key), not as a plain hash anti join on x.
 *   <li>A correlated scalar subquery {@code (SELECT f(agg) FROM ... WHERE inner = outer AND ...)}
 *       → an Aggregate grouped by the inner sides of its correlated equalities, LEFT-joined on
 *       them; the subquery's value is the joined column (NULL for a row with no group, as the
 *       subquery's aggregate of no rows would be). Only when every correlated conjunct is such
 *       an equality, the aggregate has no count (whose value on no rows is 0, not NULL: Spark's
 *       "count bug") and f propagates NULL (arithmetic, casts): otherwise left as is.
 *   <li>An uncorrelated scalar subquery whose top is a global aggregate (exactly one row) → a
 *       CROSS join with that one row; its value is the joined column.
 * </ul>
 * A subquery of another shape, or one in a non-Filter expression (a SELECT item, an ON), is left
 * as a subquery expression for the physical planner.
 */
public final class Decorrelation implements Rule {
  private int next;

  @Override
  public Plan apply(Plan plan) {
    Plan p = PlanUtil.mapSubqueryPlans(plan, this::apply);
    List<Plan> in = new ArrayList<>();
    for (Plan i : p.inputs()) {
      in.add(apply(i));
    }
    p = PlanUtil.withInputs(p, in);
    if (p instanceof Plan.Filter f) {
      return rewriteFilter(f);
    }
    if (p instanceof Plan.Project pr) {
      return rewriteProject(pr);
    }
    return p;
  }

  /**
   * A SELECT item's uncorrelated scalar subquery over a global aggregate (exactly one row):
   * joined as one column, as the Filter's is; any other subquery in a SELECT item stays.
   */
  private Plan rewriteProject(Plan.Project pr) {
    for (Expr e : pr.exprs()) {
      Expr.ScalarSubquery sq = firstScalar(e);
      if (sq == null) {
        continue;
      }
      Plan sub = sq.plan();
      Set<String> outer = new LinkedHashSet<>();
      PlanUtil.outerRefs(sub, outer);
      Plan aggNode = sub instanceof Plan.Project top ? top.input() : sub;
      if (!outer.isEmpty() || !(aggNode instanceof Plan.Aggregate agg)
          || !agg.keys().isEmpty()) {
        continue;
      }
      String q = "sq" + next++;
      Plan right = new Plan.Project(sub, List.of(ref(sub.schema().get(0))),
          List.of(new Field(q, "c0", sq.type())));
      Plan join = new Plan.Join(JoinKind.CROSS, pr.input(), right, List.of(), null);
      Expr value = new ColumnRef(q, "c0", sq.type(), false);
      return rewriteProject(new Plan.Project(join,
          pr.exprs().stream().map(x -> x.map(y -> y.equals(sq) ? value : y)).toList(),
          pr.fields()));
    }
    return pr;
  }

  private Plan rewriteFilter(Plan.Filter f) {
    List<Expr> conj = PlanUtil.conjuncts(f.condition());
    for (int i = 0; i < conj.size(); i++) {
      Expr c = conj.get(i);
      List<Expr> rest = new ArrayList<>(conj);
      rest.remove(i);
      Plan joined = null;
      if (c instanceof Expr.Exists e) {
        joined = semi(f.input(), e.plan(), null, e.negated() ? JoinKind.ANTI : JoinKind.SEMI,
            false);
      } else if (c instanceof Expr.Not n && n.input() instanceof Expr.Exists e) {
        joined = semi(f.input(), e.plan(), null, e.negated() ? JoinKind.SEMI : JoinKind.ANTI,
            false);
      } else if (c instanceof Expr.InSubquery s) {
        joined = semi(f.input(), s.plan(), s.input(), s.negated() ? JoinKind.ANTI
            : JoinKind.SEMI, s.negated());
      }
      if (joined != null) {
        return rest.isEmpty() ? joined : rewriteFilter(new Plan.Filter(joined,
            PlanUtil.and(rest)));
      }
      Expr.ScalarSubquery sq = firstScalar(c);
      if (sq != null) {
        Plan r = scalar(f, sq);
        if (r != null) {
          return r;
        }
      }
    }
    return f;
  }

  private static Expr.ScalarSubquery firstScalar(Expr e) {
    if (e instanceof Expr.ScalarSubquery s) {
      return s;
    }
    for (Expr c : e.children()) {
      Expr.ScalarSubquery s = firstScalar(c);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** The SEMI/ANTI join for EXISTS / IN, or null when the subquery's shape is not handled. */
  private Plan semi(Plan left, Plan sub, Expr value, JoinKind kind, boolean nullAware) {
    Plan body = sub;
    Expr inner = null;
    if (body instanceof Plan.Project pr) {
      inner = pr.exprs().get(0);
      body = pr.input();
    } else if (value != null) {
      Field f0 = body.schema().get(0);
      inner = new ColumnRef(f0.qualifier(), f0.name(), f0.type(), false);
    }
    if (inner != null && PlanUtil.hasOuter(inner)) {
      return null;
    }
    List<Expr> correlated = new ArrayList<>();
    body = splitCorrelated(body, correlated);
    if (body == null || !resolvesIn(correlated, left)) {
      return null;
    }
    String q = "sq" + next++;
    List<Expr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<Expr> cond = new ArrayList<>();
    Expr renamedValue = null;
    if (value != null) {
      renamedValue = add(inner, q, exprs, fields);
    }
    for (Expr c : correlated) {
      cond.add(rename(c, body, q, exprs, fields));
    }
    if (exprs.isEmpty()) {
      Field f0 = body.schema().get(0);
      add(new ColumnRef(f0.qualifier(), f0.name(), f0.type(), false), q, exprs, fields);
    }
    if (value != null) {
      Expr eq = new Expr.Binary(Expr.Op.EQ, value, renamedValue, DataType.BOOLEAN);
      cond.add(0, nullAware ? new Expr.Binary(Expr.Op.OR, eq, new Expr.IsNull(eq, false),
          DataType.BOOLEAN) : eq);
    }
    Plan right = new Plan.Project(body, exprs, fields);
    return new Plan.Join(kind, left, right, List.of(), PlanUtil.and(cond));
  }

  /**
   * {@code body} without the correlated conjuncts of the Filter at its top (added to {@code
   * out}), or null when outer references remain elsewhere in it.
   */
  private static Plan splitCorrelated(Plan body, List<Expr> out) {
    if (body instanceof Plan.Filter f) {
      List<Expr> keep = new ArrayList<>();
      for (Expr c : PlanUtil.conjuncts(f.condition())) {
        (PlanUtil.hasOuter(c) && !PlanUtil.hasSubquery(c) ? out : keep).add(c);
      }
      body = keep.isEmpty() ? f.input() : new Plan.Filter(f.input(), PlanUtil.and(keep));
    }
    Set<String> left = new LinkedHashSet<>();
    PlanUtil.outerRefs(body, left);
    return left.isEmpty() ? body : null;
  }

  /** Adds {@code e} as column {@code q.cI} of the subquery side; returns a reference to it. */
  private static Expr add(Expr e, String q, List<Expr> exprs, List<Field> fields) {
    int i = exprs.indexOf(e);
    if (i < 0) {
      i = exprs.size();
      exprs.add(e);
      fields.add(new Field(q, "c" + i, e.type()));
    }
    return new ColumnRef(q, "c" + i, e.type(), false);
  }

  /**
   * A correlated conjunct over the join: its outer references become plain references (the left
   * side's columns), its inner ones references to new columns of the subquery side.
   */
  private static Expr rename(Expr c, Plan body, String q, List<Expr> exprs, List<Field> fields) {
    Set<String> inner = PlanUtil.keys(body.schema());
    return c.map(x -> {
      if (x instanceof ColumnRef r) {
        if (r.outer()) {
          return new ColumnRef(r.qualifier(), r.name(), r.type(), false);
        }
        if (inner.contains(PlanUtil.key(r.qualifier(), r.name()))) {
          return add(r, q, exprs, fields);
        }
      }
      return x;
    });
  }

  /** The Filter with {@code sq} replaced by a joined column, or null when not handled. */
  private Plan scalar(Plan.Filter f, Expr.ScalarSubquery sq) {
    Plan sub = sq.plan();
    Plan.Project top = sub instanceof Plan.Project p ? p : null;
    Plan aggNode = top == null ? sub : top.input();
    if (!(aggNode instanceof Plan.Aggregate agg) || !agg.keys().isEmpty()) {
      return null;
    }
    Expr valueOverAgg = top == null
        ? ref(agg.fields().get(0)) : top.exprs().get(0);
    String q = "sq" + next++;
    Plan right;
    Plan.Join join;
    Set<String> outer = new LinkedHashSet<>();
    PlanUtil.outerRefs(sub, outer);
    if (outer.isEmpty()) {
      right = new Plan.Project(sub, List.of(ref(sub.schema().get(0))),
          List.of(new Field(q, "c0", sq.type())));
      join = new Plan.Join(JoinKind.CROSS, f.input(), right, List.of(), null);
    } else {
      if (agg.calls().stream().anyMatch(c -> c.name().equals("count"))
          || !nullPropagating(valueOverAgg)) {
        return null;
      }
      List<Expr> correlated = new ArrayList<>();
      Plan body = splitCorrelated(agg.input(), correlated);
      if (body == null || !resolvesIn(correlated, f.input())) {
        return null;
      }
      List<Expr> innerKeys = new ArrayList<>();
      List<Plan.EquiKey> keys = new ArrayList<>();
      for (Expr c : correlated) {
        if (!(c instanceof Expr.Binary b) || b.op() != Expr.Op.EQ) {
          return null;
        }
        Expr in;
        Expr out;
        if (!PlanUtil.hasOuter(b.left()) && onlyOuter(b.right())) {
          in = b.left();
          out = b.right();
        } else if (!PlanUtil.hasOuter(b.right()) && onlyOuter(b.left())) {
          in = b.right();
          out = b.left();
        } else {
          return null;
        }
        innerKeys.add(in);
        keys.add(new Plan.EquiKey(deOuter(out),
            new ColumnRef(q, "k" + (innerKeys.size() - 1), in.type(), false)));
      }
      List<Field> aggFields = new ArrayList<>();
      for (int i = 0; i < innerKeys.size(); i++) {
        aggFields.add(new Field(q, "k" + i, innerKeys.get(i).type()));
      }
      aggFields.addAll(agg.fields());
      Plan.Aggregate grouped = new Plan.Aggregate(body, innerKeys, agg.calls(), aggFields);
      List<Expr> exprs = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      exprs.add(valueOverAgg);
      fields.add(new Field(q, "c0", sq.type()));
      for (int i = 0; i < innerKeys.size(); i++) {
        exprs.add(ref(aggFields.get(i)));
        fields.add(aggFields.get(i));
      }
      right = new Plan.Project(grouped, exprs, fields);
      join = new Plan.Join(JoinKind.LEFT, f.input(), right, keys, null);
    }
    Expr value = new ColumnRef(q, "c0", sq.type(), false);
    Expr cond = f.condition().map(x -> x.equals(sq) ? value : x);
    List<Field> schema = f.input().schema();
    return new Plan.Project(rewriteFilter(new Plan.Filter(join, cond)),
        schema.stream().map(Decorrelation::ref).toList(), schema);
  }

  /**
   * Whether the outer references of {@code correlated} all name columns of {@code left} (not of
   * a query further out, which a rewrite at this level would leave dangling).
   */
  private static boolean resolvesIn(List<Expr> correlated, Plan left) {
    Set<String> cols = PlanUtil.keys(left.schema());
    for (Expr c : correlated) {
      Set<String> outer = new LinkedHashSet<>();
      c.map(x -> {
        if (x instanceof ColumnRef r && r.outer()) {
          outer.add(PlanUtil.key(r.qualifier(), r.name()));
        }
        return x;
      });
      if (!cols.containsAll(outer)) {
        return false;
      }
    }
    return true;
  }

  private static Expr ref(Field f) {
    return new ColumnRef(f.qualifier(), f.name(), f.type(), false);
  }

  private static boolean onlyOuter(Expr e) {
    return PlanUtil.hasOuter(e) && PlanUtil.refs(e).isEmpty() && !PlanUtil.hasSubquery(e);
  }

  private static Expr deOuter(Expr e) {
    return e.map(x -> x instanceof ColumnRef r && r.outer()
        ? new ColumnRef(r.qualifier(), r.name(), r.type(), false) : x);
  }

  private static boolean nullPropagating(Expr e) {
    if (e instanceof ColumnRef || e instanceof Expr.Literal) {
      return true;
    } else if (e instanceof Expr.Binary b) {
      return !b.op().isComparison() && b.op() != Expr.Op.AND && b.op() != Expr.Op.OR
          && nullPropagating(b.left()) && nullPropagating(b.right());
    } else if (e instanceof Expr.Cast c) {
      return nullPropagating(c.input());
    } else if (e instanceof Expr.Negate n) {
      return nullPropagating(n.input());
    }
    return false;
  }
}
