package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.TpchData;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.rules.Rules;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expression of every node of the 22 optimized TPC-H plans compiles against its node's
 * input schema (a join's: left then right), the arguments of aggregate calls included (the call
 * itself is the accumulators' business); subquery nodes are not compiled.
 */
class TpchEvaluatorTest {
  static SqlTranslator translator;

  @BeforeAll
  static void load() {
    translator = new SqlTranslator(TpchData.catalog());
  }

  static IntStream queries() {
    return IntStream.rangeClosed(1, TpchData.QUERIES);
  }

  @ParameterizedTest(name = "Q{0}")
  @MethodSource("queries")
  void compilesEveryExpression(int n) {
    Plan plan = Rules.optimize(translator.translate(TpchData.query(n)));
    int[] count = {0};
    walk(plan, count);
    assertTrue(count[0] > 0, "Q" + n + " has expressions");
  }

  static void walk(Plan p, int[] count) {
    for (Plan in : p.inputs()) {
      walk(in, count);
    }
    List<Field> schema = inputSchema(p);
    for (Expr e : p.expressions()) {
      compile(e, schema, count, p);
    }
  }

  static List<Field> inputSchema(Plan p) {
    if (p instanceof Plan.Join j) {
      List<Field> s = new java.util.ArrayList<>(j.left().schema());
      s.addAll(j.right().schema());
      return s;
    }
    return p.inputs().isEmpty() ? p.schema() : p.inputs().get(0).schema();
  }

  static void compile(Expr e, List<Field> schema, int[] count, Plan p) {
    if (e instanceof Expr.ScalarSubquery || e instanceof Expr.InSubquery
        || e instanceof Expr.Exists) {
      return;
    }
    if (e instanceof Expr.AggCall a) {
      for (Expr arg : a.args()) {
        compile(arg, schema, count, p);
      }
      return;
    }
    if (containsSkipped(e)) {
      for (Expr c : e.children()) {
        compile(c, schema, count, p);
      }
      return;
    }
    try {
      assertNotNull(Evaluator.compile(e, schema));
    } catch (RuntimeException ex) {
      throw new AssertionError(e + " in " + p.describe() + " over " + schema + ": " + ex, ex);
    }
    count[0]++;
  }

  static boolean containsSkipped(Expr e) {
    if (e instanceof Expr.ScalarSubquery || e instanceof Expr.InSubquery
        || e instanceof Expr.Exists || e instanceof Expr.AggCall) {
      return true;
    }
    for (Expr c : e.children()) {
      if (containsSkipped(c)) {
        return true;
      }
    }
    return false;
  }
}
