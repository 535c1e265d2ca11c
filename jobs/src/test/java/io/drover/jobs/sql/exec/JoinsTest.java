package io.drover.jobs.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Operator;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both join strategies against a nested-loop oracle written here from SQL's definitions, on
 * random sides with NULL keys, duplicate keys on both sides, empty sides and one skewed key:
 * every join kind, with and without a residual condition, the repartition join with either side
 * buffered, the broadcast join with either side built; and NOT IN's null-aware anti join.
 */
public class JoinsTest {
  static final List<Field> LEFT = List.of(new Field("l", "k", DataType.BIGINT),
      new Field("l", "v", DataType.BIGINT));
  static final List<Field> RIGHT = List.of(new Field("r", "k", DataType.BIGINT),
      new Field("r", "w", DataType.BIGINT));
  static final Expr LK = new Expr.ColumnRef("l", "k", DataType.BIGINT, false);
  static final Expr RK = new Expr.ColumnRef("r", "k", DataType.BIGINT, false);
  static final Expr RESIDUAL = new Expr.Binary(Expr.Op.LT,
      new Expr.ColumnRef("l", "v", DataType.BIGINT, false),
      new Expr.ColumnRef("r", "w", DataType.BIGINT, false), DataType.BOOLEAN);

  static List<Object[]> side(Random rnd, int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long k = rnd.nextInt(8) == 0 ? null : rnd.nextInt(4) == 0 ? 7L : (long) rnd.nextInt(6);
      Long v = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(10);
      rows.add(new Object[] {k, v});
    }
    return rows;
  }

  static boolean matches(Object[] l, Object[] r, boolean residual) {
    if (l[0] == null || r[0] == null || !l[0].equals(r[0])) {
      return false;
    }
    return !residual || l[1] != null && r[1] != null && (Long) l[1] < (Long) r[1];
  }

  /** SQL's definition of each join, by nested loops (also StageJoinMrUnitTest's oracle). */
  public static List<List<Object>> oracle(JoinKind kind, List<Object[]> ls, List<Object[]> rs,
      boolean residual) {
    List<List<Object>> out = new ArrayList<>();
    boolean[] rMatched = new boolean[rs.size()];
    for (Object[] l : ls) {
      boolean any = false;
      for (int j = 0; j < rs.size(); j++) {
        if (matches(l, rs.get(j), residual)) {
          any = true;
          rMatched[j] = true;
          if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
            out.add(Arrays.asList(Chain.concat(l, rs.get(j))));
          }
        }
      }
      if (kind == JoinKind.SEMI && any || kind == JoinKind.ANTI && !any) {
        out.add(Arrays.asList(l));
      }
      if (!any && (kind == JoinKind.LEFT || kind == JoinKind.FULL)) {
        out.add(Arrays.asList(Chain.concat(l, new Object[2])));
      }
    }
    if (kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
      for (int j = 0; j < rs.size(); j++) {
        if (!rMatched[j]) {
          out.add(Arrays.asList(Chain.concat(new Object[2], rs.get(j))));
        }
      }
    }
    return sorted(out);
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    rows.sort((a, b) -> Arrays.toString(a.toArray()).compareTo(Arrays.toString(b.toArray())));
    return rows;
  }

  /** The repartition join: rows grouped by key as the shuffle groups them. */
  static List<List<Object>> repartition(JoinKind kind, List<Object[]> ls, List<Object[]> rs,
      boolean residual, int buffered) {
    List<List<Object>> out = new ArrayList<>();
    GroupJoin j = new GroupJoin(new Shuffle.Join(kind, List.of(LK), List.of(RK),
        residual ? RESIDUAL : null, buffered), LEFT, RIGHT, r -> out.add(Arrays.asList(r)),
        java.time.ZoneOffset.UTC);
    Map<Object, List<List<Object[]>>> groups = new LinkedHashMap<>();
    for (int side = 0; side < 2; side++) {
      for (Object[] row : side == 0 ? ls : rs) {
        groups.computeIfAbsent(Objects.toString(row[0]),
            x -> List.of(new ArrayList<>(), new ArrayList<>())).get(side).add(row);
      }
    }
    for (Map.Entry<Object, List<List<Object[]>>> g : groups.entrySet()) {
      List<Object[]> held = g.getValue().get(buffered);
      List<Object[]> streamed = g.getValue().get(1 - buffered);
      j.group(held, streamed.iterator(), g.getKey().equals("null"));
    }
    return sorted(out);
  }

  /** The broadcast join: one side read whole through a SourceReader, the other pushed. */
  static List<List<Object>> broadcast(JoinKind kind, List<Object[]> ls, List<Object[]> rs,
      boolean residual, boolean buildLeft, boolean nullAware) {
    List<List<Object>> out = new ArrayList<>();
    List<Field> buildSchema = buildLeft ? LEFT : RIGHT;
    Branch build = new Branch(new Source.StageOutput(0, buildSchema), List.of());
    Operator.HashJoin op = new Operator.HashJoin(kind, build, buildLeft,
        List.of(buildLeft ? RK : LK), List.of(buildLeft ? LK : RK),
        residual ? RESIDUAL : null, nullAware);
    SourceReader reader = (s, sink) -> (buildLeft ? ls : rs).forEach(sink::accept);
    RowSink head = Chain.build(buildLeft ? RIGHT : LEFT, List.of(op),
        r -> out.add(Arrays.asList(r)), reader, new JoinMemory(1L << 30, "test"),
        java.time.ZoneOffset.UTC);
    (buildLeft ? rs : ls).forEach(head::accept);
    head.finish();
    return sorted(out);
  }

  @Test
  void everyKindOnRandomSidesEqualsTheNestedLoopDefinition() {
    Random rnd = new Random(20261205);
    for (int trial = 0; trial < 300; trial++) {
      List<Object[]> ls = side(rnd, trial % 10 == 0 ? 0 : rnd.nextInt(12));
      List<Object[]> rs = side(rnd, trial % 10 == 5 ? 0 : rnd.nextInt(12));
      boolean residual = rnd.nextBoolean();
      for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.LEFT, JoinKind.RIGHT, JoinKind.FULL,
          JoinKind.SEMI, JoinKind.ANTI)) {
        List<List<Object>> want = oracle(kind, ls, rs, residual);
        String what = kind + " residual " + residual + " trial " + trial;
        for (int buffered = 0; buffered < 2; buffered++) {
          assertEquals(want, repartition(kind, ls, rs, residual, buffered),
              what + " buffered " + buffered);
        }
        if (kind != JoinKind.RIGHT && kind != JoinKind.FULL) {
          assertEquals(want, broadcast(kind, ls, rs, residual, false, false), what + " build right");
        }
        if (kind == JoinKind.INNER || kind == JoinKind.RIGHT) {
          assertEquals(want, broadcast(kind, ls, rs, residual, true, false), what + " build left");
        }
      }
    }
  }

  @Test
  void notInFollowsThreeValuedLogic() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      List<Object[]> ls = side(rnd, rnd.nextInt(10));
      List<Object[]> rs = side(rnd, trial % 7 == 0 ? 0 : rnd.nextInt(6));
      List<List<Object>> want = new ArrayList<>();
      boolean rightHasNull = rs.stream().anyMatch(r -> r[0] == null);
      for (Object[] l : ls) {
        // l.k NOT IN (r.k, ...): TRUE for an empty list; else UNKNOWN when l.k or some r.k is
        // NULL (and no equal value makes it FALSE); else TRUE when no r.k equals l.k
        boolean keep = rs.isEmpty() || l[0] != null && !rightHasNull
            && rs.stream().noneMatch(r -> l[0].equals(r[0]));
        if (keep) {
          want.add(Arrays.asList(l));
        }
      }
      assertEquals(sorted(want), broadcast(JoinKind.ANTI, ls, rs, false, false, true),
          "trial " + trial);
    }
  }

  @Test
  void aBroadcastSideOverItsMemoryIsAClearError() {
    List<Object[]> rs = side(new Random(1), 1000);
    Branch build = new Branch(new Source.StageOutput(3, RIGHT), List.of());
    Operator.HashJoin op = new Operator.HashJoin(JoinKind.INNER, build, false, List.of(LK),
        List.of(RK), null, false);
    JoinMemory.Exceeded e = org.junit.jupiter.api.Assertions.assertThrows(
        JoinMemory.Exceeded.class, () -> Chain.build(LEFT, List.of(op), r -> { },
            (s, sink) -> rs.forEach(sink::accept), new JoinMemory(10_000, "drover.x"),
            java.time.ZoneOffset.UTC));
    // stage id 3 is shown numbered from 1, as the jobs are
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("stage 4 output")
        && e.getMessage().contains("more than 10,000 bytes")
        && e.getMessage().contains("-D drover.x="), e.getMessage());
  }
}
