package io.drover.jobs.sql.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.drover.jobs.sql.TpchData;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries cut into stages, both with every join broadcast-eligible (TPC-H SF 1's
 * table sizes) and with broadcasting off except where it is required: each stage reads only
 * stages before it, every column an operator names resolves in the rows it receives (the check
 * the tasks' expression compiler makes), the result has the query's columns, and the plan
 * survives the Java serialization that carries it to the tasks.
 */
class PhysicalPlannerTest {
  /** TPC-H SF 1's text sizes in bytes (dbgen's .tbl files). */
  static final Map<String, Long> SF1 = Map.of("lineitem", 759_863_287L, "orders", 171_952_161L,
      "partsupp", 118_984_616L, "part", 24_135_125L, "customer", 24_346_144L,
      "supplier", 1_409_184L, "nation", 2_224L, "region", 389L);

  static SqlTranslator translator;

  @BeforeAll
  static void load() {
    translator = new SqlTranslator(TpchData.catalog());
  }

  static IntStream queries() {
    return IntStream.rangeClosed(1, TpchData.QUERIES);
  }

  static PhysicalPlan plan(int n, long broadcast) {
    Plan opt = Rules.optimize(translator.translate(TpchData.query(n)));
    return PhysicalPlanner.plan(opt, (Table t) -> SF1.get(t.name()),
        new PhysicalPlanner.Options(broadcast, Set.of()));
  }

  @ParameterizedTest(name = "Q{0}")
  @MethodSource("queries")
  void stagesAreWellFormed(int n) throws Exception {
    for (long broadcast : new long[] {PhysicalPlanner.Options.DEFAULT_BROADCAST_BYTES, -1}) {
      PhysicalPlan p = plan(n, broadcast);
      String text = p.explain();
      Set<Integer> done = new java.util.HashSet<>();
      for (Stage s : p.stages()) {
        for (int dep : s.dependencies()) {
          assertTrue(done.contains(dep), "Q" + n + " stage " + s.id() + " reads a later stage\n"
              + text);
        }
        done.add(s.id());
        checkStage(s, "Q" + n + " stage " + s.id() + "\n" + text);
      }
      assertEquals(names(p.logical().schema()), names(p.schema()), text);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(p);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        assertEquals(p, in.readObject());
      }
    }
  }

  @Test
  void q1IsAGroupByStageThenASortStage() {
    PhysicalPlan p = plan(1, PhysicalPlanner.Options.DEFAULT_BROADCAST_BYTES);
    assertEquals(2, p.stages().size(), p.explain());
    assertTrue(p.stages().get(0).shuffle() instanceof Shuffle.GroupBy, p.explain());
    assertTrue(p.stages().get(1).shuffle() instanceof Shuffle.Sort, p.explain());
  }

  @Test
  void q6IsOneStage() {
    assertEquals(1, plan(6, PhysicalPlanner.Options.DEFAULT_BROADCAST_BYTES).stages().size());
  }

  @Test
  void q5BroadcastsTheSmallSidesAndRepartitionsOrdersWithLineitem() {
    PhysicalPlan p = plan(5, PhysicalPlanner.Options.DEFAULT_BROADCAST_BYTES);
    String text = p.explain();
    long broadcasts = text.lines().filter(l -> l.contains("broadcast INNER join")).count();
    long repartitions = text.lines().filter(l -> l.contains("repartition INNER join")).count();
    // customer (2 of 8 columns: 6 MB), supplier, nation, region
    assertEquals(4, broadcasts, text);
    assertEquals(1, repartitions, text); // orders with lineitem
    assertEquals(3, p.stages().size(), text); // the joins, the group by, the sort
    // the joins' stage writes only what the group by reads
    assertEquals(List.of("l_extendedprice", "l_discount", "n_name"),
        names(p.stages().get(0).schema()), text);
  }

  @Test
  void withoutBroadcastEveryEquiJoinIsRepartitioned() {
    PhysicalPlan p = plan(5, -1);
    String text = p.explain();
    assertEquals(5, text.lines().filter(l -> l.contains("repartition INNER join")).count(), text);
  }

  @Test
  void q19sDisjunctionOfConjunctionsJoinsOnItsCommonEquality() {
    String text = plan(19, -1).explain();
    assertTrue(text.contains("join on [lineitem.l_partkey = part.p_partkey]"), text);
    assertTrue(text.contains("filter (lineitem.l_shipmode IN ('AIR', 'AIR REG')"), text);
  }

  @Test
  void orderByLimitKeepsATopNPerTaskBeforeTheOneSortingReducer() {
    // Q3: group by (the joins' stage feeds it), then ORDER BY revenue DESC, o_orderdate LIMIT 10
    PhysicalPlan p = plan(3, -1);
    String text = p.explain();
    Stage sort = p.stages().get(p.stages().size() - 1);
    Stage group = p.stages().get(p.stages().size() - 2);
    assertTrue(sort.shuffle() instanceof Shuffle.Sort, text);
    assertEquals(1, sort.reducers(), text);
    assertEquals(List.of(new Operator.Limit(10)), sort.reduceOps(), text);
    Operator.TopN top = (Operator.TopN) sort.inputs().get(0).ops().get(0);
    assertEquals(((Shuffle.Sort) sort.shuffle()).keys(), top.keys());
    assertEquals(10, top.count());
    assertTrue(group.shuffle() instanceof Shuffle.GroupBy, text);
    assertEquals(top, group.reduceOps().get(group.reduceOps().size() - 1), text);
    assertTrue(text.contains("top 10 by [revenue DESC"), text);
    // over the limit: every row goes to the sorting reducer, as before
    Plan opt = Rules.optimize(translator.translate(TpchData.query(3)));
    String plain = PhysicalPlanner.plan(opt, (Table t) -> SF1.get(t.name()),
        new PhysicalPlanner.Options(-1, Set.of(), 9)).explain();
    assertTrue(!plain.contains("top 10"), plain);
    assertTrue(plain.contains("reduce: limit 10"), plain);
  }

  @Test
  void notInIsANullAwareBroadcastAntiJoin() {
    String text = plan(16, -1).explain();
    assertTrue(text.contains("broadcast null-aware ANTI join"), text);
  }

  static List<String> names(List<Field> fs) {
    List<String> out = new ArrayList<>();
    for (Field f : fs) {
      out.add(f.name());
    }
    return out;
  }

  static void checkStage(Stage s, String where) {
    for (Branch b : s.inputs()) {
      checkBranch(b, where);
    }
    List<List<Field>> sides = s.sideSchemas();
    if (s.shuffle() instanceof Shuffle.GroupBy g) {
      for (Branch b : s.inputs()) {
        g.keys().forEach(k -> resolves(k, b.schema(), where));
        g.calls().forEach(c -> c.args().forEach(a -> resolves(a, b.schema(), where)));
      }
    } else if (s.shuffle() instanceof Shuffle.Join j) {
      j.leftKeys().forEach(k -> resolves(k, sides.get(0), where));
      j.rightKeys().forEach(k -> resolves(k, sides.get(1), where));
      if (j.residual() != null) {
        List<Field> both = new ArrayList<>(sides.get(0));
        both.addAll(sides.get(1));
        resolves(j.residual(), both, where);
      }
    } else if (s.shuffle() instanceof Shuffle.Sort so) {
      so.keys().forEach(k -> resolves(k.expr(), sides.get(0), where));
    }
    List<Field> in = s.shuffle() == null ? null : s.shuffle().schema(sides);
    if (in != null) {
      checkOps(in, s.reduceOps(), where);
    }
  }

  static void checkBranch(Branch b, String where) {
    checkOps(b.source().schema(), b.ops(), where);
  }

  static void checkOps(List<Field> in, List<Operator> ops, String where) {
    List<Field> cur = in;
    for (Operator op : ops) {
      List<Field> s = cur;
      if (op instanceof Operator.Filter f) {
        resolves(f.condition(), s, where);
      } else if (op instanceof Operator.Project p) {
        p.exprs().forEach(e -> resolves(e, s, where));
      } else if (op instanceof Operator.HashJoin j) {
        checkBranch(j.build(), where);
        List<Field> probe = s;
        j.probeKeys().forEach(k -> resolves(k, probe, where));
        j.buildKeys().forEach(k -> resolves(k, j.build().schema(), where));
        if (j.residual() != null) {
          List<Field> both = new ArrayList<>(probe);
          both.addAll(j.build().schema());
          resolves(j.residual(), both, where);
        }
      }
      cur = op.schema(s);
    }
  }

  static void resolves(Expr e, List<Field> schema, String where) {
    e.map(x -> {
      if (x instanceof Expr.ColumnRef c) {
        long hits = schema.stream().filter(f -> f.name().equals(c.name())
            && (c.qualifier() == null || c.qualifier().equals(f.qualifier()))).count();
        if (hits != 1) {
          fail(c + " resolves " + hits + " times in " + schema + " at " + where);
        }
      }
      if (x instanceof Expr.ScalarSubquery || x instanceof Expr.InSubquery
          || x instanceof Expr.Exists) {
        fail("a subquery reached the stages at " + where);
      }
      return x;
    });
  }
}
