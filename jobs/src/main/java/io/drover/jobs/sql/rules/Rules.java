package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Plan;
import java.util.List;

/**
 * The rule pipeline: decorrelation, constant folding, predicate pushdown, in that order, repeated
 * until the plan no longer changes (at most {@link #MAX_ROUNDS} rounds), then the two-level
 * rewrite of DISTINCT aggregates once, then column pruning once (pruning last, so every filter
 * and join key has reached its final place).
 */
public final class Rules {
  /** The bound on rounds of the fixed-point loop. */
  public static final int MAX_ROUNDS = 10;

  private Rules() {}

  /** The optimized plan: same output names and types as {@code plan}. */
  public static Plan optimize(Plan plan) {
    List<Rule> rounds =
        List.of(new Decorrelation(), new ConstantFolding(), new PredicatePushdown());
    Plan p = plan;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Plan before = p;
      for (Rule r : rounds) {
        p = r.apply(p);
      }
      if (p.equals(before)) {
        break;
      }
    }
    return new ColumnPruning().apply(new DistinctAggregation().apply(p));
  }

  /**
   * What the rules left uncompiled in an optimized plan: a subquery expression that no rule
   * rewrote into a join (one in an ON condition, GROUP BY or ORDER BY, a correlated one in a
   * SELECT item, an EXISTS or IN under OR, a correlated scalar subquery with count or a
   * non-equality correlation), named with the expression holding it; null when there is none.
   */
  public static String uncompiledSubquery(Plan plan) {
    for (Expr e : plan.expressions()) {
      Expr sub = firstSubquery(e);
      if (sub != null) {
        String construct = sub instanceof Expr.Exists ? "an EXISTS subquery"
            : sub instanceof Expr.InSubquery ? "an IN subquery" : "a scalar subquery";
        String where;
        if (plan instanceof Plan.Filter) {
          where = sub instanceof Expr.ScalarSubquery
              ? " in WHERE or HAVING (a correlated one with count or not correlated by"
                  + " equalities)"
              : " under OR or NOT in WHERE or HAVING";
        } else if (plan instanceof Plan.Project) {
          where = " in a SELECT item (only an uncorrelated one over an aggregate is supported)";
        } else if (plan instanceof Plan.Join) {
          where = " in a join's ON condition";
        } else if (plan instanceof Plan.Aggregate) {
          where = " in GROUP BY or an aggregate's argument";
        } else if (plan instanceof Plan.Sort) {
          where = " in ORDER BY";
        } else {
          where = "";
        }
        return construct + where + " is not supported: " + e + "; rewrite it as a join";
      }
    }
    for (Plan in : plan.inputs()) {
      String s = uncompiledSubquery(in);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  private static Expr firstSubquery(Expr e) {
    if (e instanceof Expr.ScalarSubquery || e instanceof Expr.InSubquery
        || e instanceof Expr.Exists) {
      return e;
    }
    for (Expr c : e.children()) {
      Expr s = firstSubquery(c);
      if (s != null) {
        return s;
      }
    }
    return null;
  }
}
