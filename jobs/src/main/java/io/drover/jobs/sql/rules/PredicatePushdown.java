package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.logical.Plan.Join;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pushes filters down, as Spark's PushDownPredicates and PushPredicateThroughJoin do. A Filter's
 * condition is split into conjuncts; conjuncts holding a subquery or a correlated reference
 * stay where they are (the decorrelation rule turns them into joins).
 *
 * <ul>
 *   <li>Filter over Filter: merged. Over Project: pushed below, column references replaced by the
 *       projected expressions. Over Sort: pushed below. Over Aggregate: conjuncts reading only
 *       grouping columns pushed below (rewritten to the key expressions). Not through Limit or
 *       Union.
 *   <li>Over a Join, WHERE conjuncts reading one side only go into that side where that keeps
 *       the result: INNER and CROSS both sides; LEFT, SEMI and ANTI the left side only; RIGHT the
 *       right side only; FULL none (a WHERE conjunct on the null-supplying side of an outer join
 *       must see the NULLs the join adds, so it stays above). The rest of an INNER/CROSS join's
 *       conjuncts join its condition: an equality of a left-only and a right-only expression
 *       becomes an equi-key (a CROSS join with one becomes an INNER equi-join, the comma joins of
 *       TPC-H), any other becomes the residual (a CROSS join with only a residual becomes an
 *       INNER join with that residual).
 *   <li>A join's own condition (ON): one-side conjuncts of an INNER join go into that side; of a
 *       LEFT, SEMI or ANTI join only the right side's (an ON conjunct on the preserved left side
 *       decides whether a row matches, not whether it is kept); of a RIGHT join only the left
 *       side's; FULL none. Equalities across the sides in the residual become equi-keys.
 *   <li>A Filter directly over a Scan stays there as a Filter: the Scan keeps its one job (which
 *       columns of which table) and the physical planner takes the Filter right above a Scan as
 *       the map-side filter and, for Parquet, the row-group predicate. No separate list on Scan,
 *       so the plan has one place where a predicate lives and explain shows it.
 * </ul>
 */
public final class PredicatePushdown implements Rule {
  @Override
  public Plan apply(Plan plan) {
    Plan p = PlanUtil.mapSubqueryPlans(plan, this::apply);
    List<Plan> in = new ArrayList<>();
    for (Plan i : p.inputs()) {
      in.add(apply(i));
    }
    p = PlanUtil.withInputs(p, in);
    if (p instanceof Join j) {
      return joinCondition(j);
    }
    if (p instanceof Plan.Filter f) {
      return push(f.input(), PlanUtil.conjuncts(f.condition()));
    }
    return p;
  }

  /** {@code conjuncts} applied to {@code input}, pushed as far down as they go. */
  private Plan push(Plan input, List<Expr> conjuncts) {
    List<Expr> down = new ArrayList<>();
    List<Expr> stay = new ArrayList<>();
    for (Expr c : conjuncts) {
      (pinned(c) ? stay : down).add(c);
    }
    if (down.isEmpty()) {
      return filter(input, stay);
    }
    Plan result;
    if (input instanceof Plan.Filter f) {
      List<Expr> all = new ArrayList<>(PlanUtil.conjuncts(f.condition()));
      all.addAll(down);
      return filter(push(f.input(), all.stream().filter(c -> !pinned(c)).toList()),
          concat(all.stream().filter(PredicatePushdown::pinned).toList(), stay));
    } else if (input instanceof Plan.Project pr) {
      List<Expr> rewritten = down.stream()
          .map(c -> PlanUtil.substitute(c, pr.fields(), pr.exprs())).toList();
      result = new Plan.Project(push(pr.input(), rewritten), pr.exprs(), pr.fields());
    } else if (input instanceof Plan.Sort s) {
      result = new Plan.Sort(push(s.input(), down), s.keys());
    } else if (input instanceof Plan.Aggregate a) {
      Set<String> keyFields = PlanUtil.keys(a.fields().subList(0, a.keys().size()));
      List<Expr> below = new ArrayList<>();
      List<Expr> above = new ArrayList<>();
      for (Expr c : down) {
        if (keyFields.containsAll(PlanUtil.refs(c)) && !a.keys().isEmpty()) {
          below.add(PlanUtil.substitute(c, a.fields().subList(0, a.keys().size()), a.keys()));
        } else {
          above.add(c);
        }
      }
      if (below.isEmpty()) {
        return filter(input, concat(down, stay));
      }
      result = filter(new Plan.Aggregate(push(a.input(), below), a.keys(), a.calls(),
          a.fields()), above);
    } else if (input instanceof Join j) {
      result = pushIntoJoin(j, down);
    } else {
      return filter(input, concat(down, stay));
    }
    return filter(result, stay);
  }

  private Plan pushIntoJoin(Join j, List<Expr> down) {
    Set<String> left = PlanUtil.keys(j.left().schema());
    Set<String> right = PlanUtil.keys(j.right().schema());
    JoinKind simpler = eliminateOuter(j, down);
    if (simpler != j.kind()) {
      j = new Join(simpler, j.left(), j.right(), j.keys(), j.residual());
    }
    boolean inner = j.kind() == JoinKind.INNER || j.kind() == JoinKind.CROSS;
    boolean leftOk = inner || j.kind() == JoinKind.LEFT || j.kind() == JoinKind.SEMI
        || j.kind() == JoinKind.ANTI;
    boolean rightOk = inner || j.kind() == JoinKind.RIGHT;
    List<Expr> toLeft = new ArrayList<>();
    List<Expr> toRight = new ArrayList<>();
    List<Expr> toJoin = new ArrayList<>();
    List<Expr> above = new ArrayList<>();
    for (Expr c : down) {
      Set<String> r = PlanUtil.refs(c);
      if (leftOk && left.containsAll(r)) {
        toLeft.add(c);
      } else if (rightOk && right.containsAll(r)) {
        toRight.add(c);
      } else if (inner) {
        toJoin.add(c);
      } else {
        above.add(c);
      }
    }
    Plan l = toLeft.isEmpty() ? j.left() : push(j.left(), toLeft);
    Plan r = toRight.isEmpty() ? j.right() : push(j.right(), toRight);
    Join nj = new Join(j.kind(), l, r, j.keys(), j.residual());
    if (!toJoin.isEmpty()) {
      List<Expr> res = new ArrayList<>(
          nj.residual() == null ? List.of() : PlanUtil.conjuncts(nj.residual()));
      res.addAll(toJoin);
      nj = new Join(JoinKind.INNER, l, r, nj.keys(), PlanUtil.and(res));
      return filter(joinCondition(nj), above);
    }
    return filter(nj, above);
  }

  /**
   * Spark's EliminateOuterJoin: a WHERE conjunct that is never true when the null-supplying
   * side's columns are all NULL (it folds to NULL or FALSE with them replaced by NULL, e.g.
   * {@code u.d > DATE '1995-01-01'}; not {@code u.d IS NULL}) drops every row the outer join
   * added, so the join is the inner one (LEFT to INNER; FULL to LEFT or RIGHT or INNER).
   */
  private static JoinKind eliminateOuter(Join j, List<Expr> where) {
    JoinKind k = j.kind();
    if (k != JoinKind.LEFT && k != JoinKind.RIGHT && k != JoinKind.FULL) {
      return k;
    }
    boolean rightRejected = where.stream().anyMatch(c -> nullRejecting(c, j.right()));
    boolean leftRejected = where.stream().anyMatch(c -> nullRejecting(c, j.left()));
    if (k == JoinKind.LEFT) {
      return rightRejected ? JoinKind.INNER : k;
    }
    if (k == JoinKind.RIGHT) {
      return leftRejected ? JoinKind.INNER : k;
    }
    return leftRejected && rightRejected ? JoinKind.INNER
        : leftRejected ? JoinKind.LEFT : rightRejected ? JoinKind.RIGHT : k;
  }

  private static boolean nullRejecting(Expr c, Plan side) {
    Set<String> cols = PlanUtil.keys(side.schema());
    Set<String> refs = PlanUtil.refs(c);
    if (refs.stream().noneMatch(cols::contains)) {
      return false;
    }
    Expr nulled = c.map(x -> x instanceof Expr.ColumnRef r && !r.outer()
        && cols.contains(PlanUtil.key(r.qualifier(), r.name()))
        ? new Expr.Literal(null, r.type()) : x);
    Expr folded = ConstantFolding.fold(nulled);
    return folded instanceof Expr.Literal l && !Boolean.TRUE.equals(l.value());
  }

  /** Pushes a join's one-side ON conjuncts into its sides and finds its equi-keys. */
  private Plan joinCondition(Join j) {
    if (j.residual() == null) {
      return j;
    }
    Set<String> left = PlanUtil.keys(j.left().schema());
    Set<String> right = PlanUtil.keys(j.right().schema());
    JoinKind k = j.kind();
    boolean inner = k == JoinKind.INNER || k == JoinKind.CROSS;
    boolean leftOk = inner || k == JoinKind.RIGHT;
    boolean rightOk = inner || k == JoinKind.LEFT || k == JoinKind.SEMI || k == JoinKind.ANTI;
    List<Expr> toLeft = new ArrayList<>();
    List<Expr> toRight = new ArrayList<>();
    List<Plan.EquiKey> keys = new ArrayList<>(j.keys());
    List<Expr> residual = new ArrayList<>();
    for (Expr c : PlanUtil.conjuncts(j.residual())) {
      Set<String> r = PlanUtil.refs(c);
      if (pinned(c)) {
        residual.add(c);
      } else if (leftOk && left.containsAll(r)) {
        toLeft.add(c);
      } else if (rightOk && right.containsAll(r)) {
        toRight.add(c);
      } else if (c instanceof Expr.Binary b && b.op() == Expr.Op.EQ
          && !PlanUtil.refs(b.left()).isEmpty() && !PlanUtil.refs(b.right()).isEmpty()
          && left.containsAll(PlanUtil.refs(b.left()))
          && right.containsAll(PlanUtil.refs(b.right()))) {
        keys.add(new Plan.EquiKey(b.left(), b.right()));
      } else if (c instanceof Expr.Binary b && b.op() == Expr.Op.EQ
          && !PlanUtil.refs(b.left()).isEmpty() && !PlanUtil.refs(b.right()).isEmpty()
          && right.containsAll(PlanUtil.refs(b.left()))
          && left.containsAll(PlanUtil.refs(b.right()))) {
        keys.add(new Plan.EquiKey(b.right(), b.left()));
      } else {
        residual.add(c);
      }
    }
    Plan l = toLeft.isEmpty() ? j.left() : push(j.left(), toLeft);
    Plan r = toRight.isEmpty() ? j.right() : push(j.right(), toRight);
    JoinKind kind = k == JoinKind.CROSS && (!keys.isEmpty() || !residual.isEmpty())
        ? JoinKind.INNER : k;
    Join nj = new Join(kind, l, r, keys, PlanUtil.and(residual));
    Plan rotated = rotateCross(nj);
    if (rotated != null) {
      return rotated;
    }
    return nj.equals(j) ? j : nj;
  }

  /**
   * {@code (A CROSS B) JOIN C ON a = c AND b = c'} as {@code (A JOIN C ON a = c) JOIN B ON c' =
   * b}, under a Project that restores the column order A, B, C: the comma join {@code FROM part,
   * supplier, partsupp} (TPC-H Q2, Q8, Q9) whose first two tables no equality connects. Null when
   * the join is not of that shape or equalities do not reach both A and B.
   */
  private static Plan rotateCross(Join j) {
    if (j.kind() != JoinKind.INNER || !(j.left() instanceof Join x)
        || x.kind() != JoinKind.CROSS || !x.keys().isEmpty() || x.residual() != null) {
      return null;
    }
    Set<String> a = PlanUtil.keys(x.left().schema());
    Set<String> b = PlanUtil.keys(x.right().schema());
    List<Plan.EquiKey> ka = new ArrayList<>();
    List<Plan.EquiKey> kb = new ArrayList<>();
    for (Plan.EquiKey k : j.keys()) {
      Set<String> r = PlanUtil.refs(k.left());
      if (a.containsAll(r)) {
        ka.add(k);
      } else if (b.containsAll(r)) {
        kb.add(new Plan.EquiKey(k.right(), k.left()));
      } else {
        return null;
      }
    }
    if (ka.isEmpty() || kb.isEmpty()) {
      return null;
    }
    Join ac = new Join(JoinKind.INNER, x.left(), j.right(), ka, null);
    Join top = new Join(JoinKind.INNER, ac, x.right(), kb, j.residual());
    List<Expr> refs = j.schema().stream()
        .map(f -> (Expr) new Expr.ColumnRef(f.qualifier(), f.name(), f.type(), false)).toList();
    return new Plan.Project(top, refs, j.schema());
  }

  /**
   * A conjunct that stays where it is: one holding a subquery or a correlated (outer) reference,
   * left for the decorrelation rule to find.
   */
  private static boolean pinned(Expr c) {
    return PlanUtil.hasSubquery(c) || PlanUtil.hasOuter(c);
  }

  private static Plan filter(Plan input, List<Expr> conjuncts) {
    return conjuncts.isEmpty() ? input : new Plan.Filter(input, PlanUtil.and(conjuncts));
  }

  private static List<Expr> concat(List<Expr> a, List<Expr> b) {
    List<Expr> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }
}
