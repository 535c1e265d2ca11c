package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.jobs.sql.TpchData;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expression of every node of the 22 optimized TPC-H plans compiles against its node's
 * input schema (a join's: left then right), the arguments of aggregate calls included (the call
 * itself is the accumulators' business); subquery nodes are not compiled. Filters right over a
 * scan also run on the generated data against DuckDB.
 */
class TpchEvaluatorTest {
  static SqlTranslator translator;
  static Connection duck;

  @BeforeAll
  static void load() throws SQLException {
    translator = new SqlTranslator(TpchData.catalog());
    duck = TpchData.duckDb();
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
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

  /**
   * Every Filter right over a Scan, evaluated on the generated table (fields parsed by the byte
   * path of {@link Values#parse}), keeps as many rows as DuckDB's {@code WHERE} with the same
   * condition text.
   */
  @ParameterizedTest(name = "Q{0}")
  @MethodSource("queries")
  void scanFiltersKeepDuckDbsRows(int n) throws Exception {
    Plan plan = Rules.optimize(translator.translate(TpchData.query(n)));
    List<Plan.Filter> filters = new ArrayList<>();
    scanFilters(plan, filters);
    for (Plan.Filter f : filters) {
      Plan.Scan scan = (Plan.Scan) f.input();
      if (containsSkipped(f.condition())) {
        continue;
      }
      Predicate<Object[]> cond = Evaluator.condition(f.condition(), scan.schema(),
          java.time.ZoneOffset.UTC);
      List<Column> all = scan.table().columns();
      int[] at = new int[scan.columns().size()];
      for (int k = 0; k < at.length; k++) {
        at[k] = all.indexOf(scan.columns().get(k));
      }
      long kept = 0;
      long bad = 0;
      for (byte[] line : lines(scan.table().name())) {
        int[] starts = new int[all.size() + 1];
        int c = 0;
        for (int i = 0; i < line.length && c < all.size(); i++) {
          if (line[i] == '|') {
            starts[++c] = i + 1;
          }
        }
        Object[] row = new Object[at.length];
        for (int k = 0; k < at.length; k++) {
          int from = starts[at[k]];
          int to = starts[at[k] + 1] - 1;
          Object v = Values.parse(line, from, to - from, all.get(at[k]).type());
          if (v == Values.BAD) {
            bad++;
            v = null;
          }
          row[k] = v;
        }
        if (cond.test(row)) {
          kept++;
        }
      }
      String sql = "SELECT count(*) FROM " + scan.table().name() + " AS " + scan.alias()
          + " WHERE " + f.condition();
      try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        assertEquals(rs.getLong(1), kept, "Q" + n + ": " + sql);
      }
      assertEquals(0, bad, "Q" + n + " bad fields");
    }
  }

  static final Map<String, List<byte[]>> LINES = new HashMap<>();

  static synchronized List<byte[]> lines(String table) throws IOException {
    List<byte[]> l = LINES.get(table);
    if (l == null) {
      l = new ArrayList<>();
      for (String s : Files.readAllLines(TpchData.file(table), StandardCharsets.UTF_8)) {
        l.add(s.getBytes(StandardCharsets.UTF_8));
      }
      LINES.put(table, l);
    }
    return l;
  }

  static void scanFilters(Plan p, List<Plan.Filter> out) {
    if (p instanceof Plan.Filter f && f.input() instanceof Plan.Scan) {
      out.add(f);
    }
    for (Plan in : p.inputs()) {
      scanFilters(in, out);
    }
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
      List<Field> s = new ArrayList<>(j.left().schema());
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
