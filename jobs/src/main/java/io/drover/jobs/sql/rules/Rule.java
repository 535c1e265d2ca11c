package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.logical.Plan;

/** A rewrite rule: a plan in, an equivalent plan out (the same plan when nothing applies). */
public interface Rule {
  /** The rewritten plan. */
  Plan apply(Plan plan);
}
