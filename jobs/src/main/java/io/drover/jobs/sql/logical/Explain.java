package io.drover.jobs.sql.logical;

import java.util.ArrayList;
import java.util.List;

/** {@link Plan#explain}'s printer. */
final class Explain {
  private Explain() {}

  static void append(Plan plan, int depth, StringBuilder b) {
    b.append("  ".repeat(depth)).append(plan.describe()).append('\n');
    List<Plan> subqueries = new ArrayList<>();
    for (Expr e : plan.expressions()) {
      collect(e, subqueries);
    }
    for (Plan sub : subqueries) {
      b.append("  ".repeat(depth + 1)).append("subquery:\n");
      append(sub, depth + 2, b);
    }
    for (Plan in : plan.inputs()) {
      append(in, depth + 1, b);
    }
  }

  static void collect(Expr e, List<Plan> out) {
    if (e instanceof Expr.ScalarSubquery s) {
      out.add(s.plan());
    } else if (e instanceof Expr.InSubquery s) {
      out.add(s.plan());
    } else if (e instanceof Expr.Exists s) {
      out.add(s.plan());
    }
    for (Expr c : e.children()) {
      collect(c, out);
    }
  }
}
