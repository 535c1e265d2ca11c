package io.drover.jobs.sql.rules;

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
}
