/**
 * Rewrite rules over the logical plan, pure Java, each one class (plan in, plan out), run by
 * {@link io.drover.jobs.sql.rules.Rules#optimize}: {@link
 * io.drover.jobs.sql.rules.Decorrelation}, {@link io.drover.jobs.sql.rules.ConstantFolding} and
 * {@link io.drover.jobs.sql.rules.PredicatePushdown} to a fixed point, then {@link
 * io.drover.jobs.sql.rules.ColumnPruning}.
 *
 * <p>Left for the physical planner: a Filter right above a Scan is the map-side filter (and the
 * Parquet row-group predicate); an ANTI join whose residual is {@code (x = c) OR ((x = c) IS
 * NULL)} (from NOT IN) must run null-aware (a NULL on the right empties it; a NULL x qualifies
 * only when the right is empty), not as a hash anti join on x; a join's residual is evaluated on
 * each matched pair (for LEFT/RIGHT/FULL it decides matching, so a row with no passing match is
 * padded, not dropped); an INNER join without equi-keys (from an uncorrelated scalar subquery:
 * the right side is exactly one row) is a broadcast nested-loop join; stacked Projects are
 * collapsed when compiling the map/reduce operators; join order beyond the comma-join rotation
 * (the plans keep the query's FROM order) and join strategy (broadcast or repartition) are
 * chosen there. An uncorrelated scalar subquery over a global aggregate is joined as its one row
 * in WHERE, HAVING and SELECT alike. A subquery expression the rules cannot rewrite (a correlated
 * one in a SELECT item, one in ON, GROUP BY or ORDER BY, an EXISTS or IN under OR, a correlated
 * scalar subquery with count or a non-equality correlation) stays in the plan, and the driver
 * refuses the query before any job runs ({@link io.drover.jobs.sql.rules.Rules#uncompiledSubquery},
 * a one-line usage error naming the construct); none of the 22 TPC-H queries has one.
 */
package io.drover.jobs.sql.rules;
