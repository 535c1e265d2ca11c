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
 * enclosing plan's columns; subquery plans are pruned on their own. The input of a join or an
 * aggregate that outputs columns no one above uses gets a Project of the used ones, so that the
 * rows a shuffle or a stage's output carries are no wider than needed.
 */
public final class ColumnPruning implements Rule {
  @Override
  public Plan apply(Plan plan) {
    return prune(plan, PlanUtil.keys(plan.schema()), true);
  }

  /**
   * {@code p} under a Project of the columns in {@code need} when it outputs others too (a join's
   * or an aggregate's input whose own input is a join): what crosses a shuffle is what is used.
   */
  private static Plan narrow(Plan p, Set<String> need) {
    if (p instanceof Plan.Scan || p instanceof Plan.Project) {
      return p;
    }
    List<Expr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (Field f : p.schema()) {
      if (need.contains(PlanUtil.key(f))) {
        exprs.add(new Expr.ColumnRef(f.qualifier(), f.name(), f.type(), false));
        fields.add(f);
      }
    }
    if (fields.size() == p.schema().size()) {
      return p;
    }
    if (fields.isEmpty()) {
      Field f = p.schema().get(0);
      exprs.add(new Expr.ColumnRef(f.qualifier(), f.name(), f.type(), false));
      fields.add(f);
    }
    return new Plan.Project(p, exprs, fields);
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
      return PlanUtil.withInputs(a, List.of(narrow(prune(a.input(), below, false), below)));
    } else if (p instanceof Plan.Union u) {
      return new Plan.Union(u.inputs().stream()
          .map(i -> prune(i, PlanUtil.keys(i.schema()), true)).toList(), u.all());
    } else {
      List<Plan> in = new ArrayList<>();
      for (Plan i : p.inputs()) {
        Set<String> mine = new LinkedHashSet<>(need);
        mine.retainAll(PlanUtil.keys(i.schema()));
        Plan pruned = prune(i, mine, false);
        in.add(p instanceof Plan.Join ? narrow(pruned, mine) : pruned);
      }
      return PlanUtil.withInputs(p, in);
    }
  }
}
