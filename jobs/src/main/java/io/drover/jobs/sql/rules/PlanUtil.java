package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The rules' shared tools: rebuilding nodes, conjuncts, column references. */
final class PlanUtil {
  private PlanUtil() {}

  static final Expr TRUE = new Expr.Literal(true, DataType.BOOLEAN);

  /** {@code p} with new inputs (same count and order). */
  static Plan withInputs(Plan p, List<Plan> in) {
    if (in.equals(p.inputs())) {
      return p;
    }
    if (p instanceof Plan.Filter f) {
      return new Plan.Filter(in.get(0), f.condition());
    } else if (p instanceof Plan.Project pr) {
      return new Plan.Project(in.get(0), pr.exprs(), pr.fields());
    } else if (p instanceof Plan.Join j) {
      return new Plan.Join(j.kind(), in.get(0), in.get(1), j.keys(), j.residual());
    } else if (p instanceof Plan.Aggregate a) {
      return new Plan.Aggregate(in.get(0), a.keys(), a.calls(), a.fields());
    } else if (p instanceof Plan.Sort s) {
      return new Plan.Sort(in.get(0), s.keys());
    } else if (p instanceof Plan.Limit l) {
      return new Plan.Limit(in.get(0), l.count());
    } else if (p instanceof Plan.Union u) {
      return new Plan.Union(in, u.all());
    }
    return p;
  }

  /** {@code p} with {@code f} applied to each of its own expressions. */
  static Plan mapExprs(Plan p, Function<Expr, Expr> f) {
    if (p instanceof Plan.Filter fl) {
      return new Plan.Filter(fl.input(), f.apply(fl.condition()));
    } else if (p instanceof Plan.Project pr) {
      return new Plan.Project(pr.input(), pr.exprs().stream().map(f).toList(), pr.fields());
    } else if (p instanceof Plan.Join j) {
      return new Plan.Join(j.kind(), j.left(), j.right(),
          j.keys().stream()
              .map(k -> new Plan.EquiKey(f.apply(k.left()), f.apply(k.right()))).toList(),
          j.residual() == null ? null : f.apply(j.residual()));
    } else if (p instanceof Plan.Aggregate a) {
      return new Plan.Aggregate(a.input(), a.keys().stream().map(f).toList(),
          a.calls().stream().map(c -> (Expr.AggCall) f.apply(c)).toList(), a.fields());
    } else if (p instanceof Plan.Sort s) {
      return new Plan.Sort(s.input(), s.keys().stream()
          .map(k -> new Plan.SortKey(f.apply(k.expr()), k.ascending(), k.nullsFirst()))
          .toList());
    }
    return p;
  }

  /** Rewrites bottom-up: inputs first, then {@code f} on the node. */
  static Plan transformUp(Plan p, Function<Plan, Plan> f) {
    List<Plan> in = new ArrayList<>();
    for (Plan i : p.inputs()) {
      in.add(transformUp(i, f));
    }
    return f.apply(withInputs(p, in));
  }

  /** Applies {@code rule} to every subquery plan held in {@code p}'s own expressions. */
  static Plan mapSubqueryPlans(Plan p, Function<Plan, Plan> rule) {
    Plan q = mapExprs(p, e -> e.map(x -> {
      if (x instanceof Expr.ScalarSubquery s) {
        return new Expr.ScalarSubquery(rule.apply(s.plan()));
      } else if (x instanceof Expr.InSubquery s) {
        return new Expr.InSubquery(s.input(), rule.apply(s.plan()), s.negated());
      } else if (x instanceof Expr.Exists s) {
        return new Expr.Exists(rule.apply(s.plan()), s.negated());
      }
      return x;
    }));
    return q.equals(p) ? p : q;
  }

  /** The conjuncts of {@code e} (AND flattened). */
  static List<Expr> conjuncts(Expr e) {
    List<Expr> out = new ArrayList<>();
    addConjuncts(e, out);
    return out;
  }

  private static void addConjuncts(Expr e, List<Expr> out) {
    if (e instanceof Expr.Binary b && b.op() == Expr.Op.AND) {
      addConjuncts(b.left(), out);
      addConjuncts(b.right(), out);
    } else if (!(e instanceof Expr.Literal l && Boolean.TRUE.equals(l.value()))) {
      out.add(e);
    }
  }

  /** The conjunction of {@code es}, left-deep; null when empty. */
  static Expr and(List<Expr> es) {
    Expr r = null;
    for (Expr e : es) {
      r = r == null ? e : new Expr.Binary(Expr.Op.AND, r, e, DataType.BOOLEAN);
    }
    return r;
  }

  /** A field's or reference's key: {@code qualifier.name}. */
  static String key(String qualifier, String name) {
    return (qualifier == null ? "" : qualifier) + "." + name;
  }

  static String key(Field f) {
    return key(f.qualifier(), f.name());
  }

  static Set<String> keys(List<Field> schema) {
    Set<String> s = new LinkedHashSet<>();
    for (Field f : schema) {
      s.add(key(f));
    }
    return s;
  }

  /**
   * The columns of the current plan {@code e} reads: its non-outer references, and the outer
   * references of the subqueries it holds (they name this plan's columns).
   */
  static Set<String> refs(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collectRefs(e, out, false);
    return out;
  }

  private static void collectRefs(Expr e, Set<String> out, boolean inSubquery) {
    if (e instanceof Expr.ColumnRef c && c.outer() != inSubquery) {
      return;
    }
    if (e instanceof Expr.ColumnRef c) {
      out.add(key(c.qualifier(), c.name()));
    }
    Plan sub = e instanceof Expr.ScalarSubquery s ? s.plan()
        : e instanceof Expr.InSubquery s ? s.plan()
        : e instanceof Expr.Exists s ? s.plan() : null;
    if (sub != null) {
      outerRefs(sub, out);
    }
    for (Expr c : e.children()) {
      collectRefs(c, out, inSubquery);
    }
  }

  /** The outer references anywhere in {@code p} (nested subqueries included). */
  static void outerRefs(Plan p, Set<String> out) {
    for (Expr e : p.expressions()) {
      collectRefs(e, out, true);
    }
    for (Plan i : p.inputs()) {
      outerRefs(i, out);
    }
  }

  /** Whether {@code e} holds a subquery. */
  static boolean hasSubquery(Expr e) {
    if (e instanceof Expr.ScalarSubquery || e instanceof Expr.InSubquery
        || e instanceof Expr.Exists) {
      return true;
    }
    return e.children().stream().anyMatch(PlanUtil::hasSubquery);
  }

  /** Whether {@code e} itself holds an outer (correlated) reference. */
  static boolean hasOuter(Expr e) {
    if (e instanceof Expr.ColumnRef c && c.outer()) {
      return true;
    }
    return e.children().stream().anyMatch(PlanUtil::hasOuter);
  }

  /** {@code e}'s references to fields of {@code fields}' keys replaced by {@code exprs}. */
  static Expr substitute(Expr e, List<Field> fields, List<Expr> exprs) {
    return e.map(x -> {
      if (x instanceof Expr.ColumnRef c && !c.outer()) {
        for (int i = 0; i < fields.size(); i++) {
          Field f = fields.get(i);
          if (key(f).equals(key(c.qualifier(), c.name()))) {
            return exprs.get(i);
          }
        }
      }
      return x;
    });
  }
}
