package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Column pruning, top-down: each Scan reads only the columns some node above it uses (a Scan
 * that feeds only {@code count(*)} keeps its first column, to count rows by); a Project below the
 * root drops items no one above reads. The plan's own output is kept whole, and so is each input
 * of a Union (its columns are positional). A subquery's outer references count as uses of the
 * enclosing plan's columns; subquery plans are pruned on their own.
 */
public final class ColumnPruning implements Rule {
  @Override
  public Plan apply(Plan plan) {
    return prune(plan, PlanUtil.keys(plan.schema()), true);
  }

  private Plan prune(Plan p, Set<String> required, boolean keepOutput) {
    p = PlanUtil.mapSubqueryPlans(p, this::apply);
    Set<String> need = new LinkedHashSet<>(required);
    for (Expr e : p.expressions()) {
      need.addAll(PlanUtil.refs(e));
    }
    if (p instanceof Plan.Scan s) {
      List<Column> cols = new ArrayList<>();
      for (Column c : s.columns()) {
        if (need.contains(PlanUtil.key(s.alias(), c.name()))) {
          cols.add(c);
        }
      }
      if (cols.isEmpty() && !s.columns().isEmpty()) {
        cols.add(s.columns().get(0));
      }
      return cols.equals(s.columns()) ? s : new Plan.Scan(s.table(), s.alias(), cols);
    } else if (p instanceof Plan.Project pr) {
      List<Expr> exprs = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < pr.fields().size(); i++) {
        if (keepOutput || required.contains(PlanUtil.key(pr.fields().get(i)))) {
          exprs.add(pr.exprs().get(i));
          fields.add(pr.fields().get(i));
        }
      }
      if (exprs.isEmpty()) {
        exprs.add(pr.exprs().get(0));
        fields.add(pr.fields().get(0));
      }
      Set<String> below = new LinkedHashSet<>();
      for (Expr e : exprs) {
        below.addAll(PlanUtil.refs(e));
      }
      return new Plan.Project(prune(pr.input(), below, false), exprs, fields);
    } else if (p instanceof Plan.Aggregate a) {
      Set<String> below = new LinkedHashSet<>();
      for (Expr e : a.expressions()) {
        below.addAll(PlanUtil.refs(e));
      }
      return PlanUtil.withInputs(a, List.of(prune(a.input(), below, false)));
    } else if (p instanceof Plan.Union u) {
      return new Plan.Union(u.inputs().stream()
          .map(i -> prune(i, PlanUtil.keys(i.schema()), true)).toList(), u.all());
    } else {
      List<Plan> in = new ArrayList<>();
      for (Plan i : p.inputs()) {
        Set<String> mine = new LinkedHashSet<>(need);
        mine.retainAll(PlanUtil.keys(i.schema()));
        in.add(prune(i, mine, false));
      }
      return PlanUtil.withInputs(p, in);
    }
  }
}
