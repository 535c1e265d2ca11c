package io.drover.jobs.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.SortKey;
import io.drover.jobs.sql.physical.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The top-N operator (a bounded heap per task) against a stable sort written here from ORDER BY's
 * definition (NULLs first or last as asked, descending reversing the values only), on random rows
 * with NULLs and many ties: alone, and cut the way a query runs it (each "task" keeps its top n,
 * one more top-n over their union), which must give the same rows as the whole input's top n.
 */
class TopNTest {
  static final List<Field> SCHEMA = List.of(new Field("t", "k", DataType.BIGINT),
      new Field("t", "s", DataType.STRING), new Field("t", "id", DataType.BIGINT));
  static final Expr K = new Expr.ColumnRef("t", "k", DataType.BIGINT, false);
  static final Expr S = new Expr.ColumnRef("t", "s", DataType.STRING, false);
  static final Expr ID = new Expr.ColumnRef("t", "id", DataType.BIGINT, false);

  /** ORDER BY k DESC NULLS LAST, s ASC NULLS FIRST, id: a total order (id is unique). */
  static final List<SortKey> KEYS = List.of(new SortKey(K, false, false),
      new SortKey(S, true, true), new SortKey(ID, true, true));

  static final Comparator<Object[]> ORACLE = (a, b) -> {
    int c = nulls((Long) a[0], (Long) b[0], false, Comparator.reverseOrder());
    if (c == 0) {
      c = nulls((String) a[1], (String) b[1], true, Comparator.<String>naturalOrder());
    }
    return c != 0 ? c : Long.compare((Long) a[2], (Long) b[2]);
  };

  static <T> int nulls(T a, T b, boolean nullsFirst, Comparator<T> order) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
    }
    return order.compare(a, b);
  }

  static List<Object[]> rows(Random r, int n) {
    String[] words = {"", "a", "ab", "b", "\u00e9", "z"};
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {r.nextInt(6) == 0 ? null : (long) r.nextInt(5) - 2,
          r.nextInt(7) == 0 ? null : words[r.nextInt(words.length)], (long) i});
    }
    return out;
  }

  static List<Object[]> top(List<Object[]> in, List<SortKey> keys, long n) {
    List<Object[]> out = new ArrayList<>();
    RowSink head = Chain.build(SCHEMA, List.of(new Operator.TopN(keys, n)), out::add, null,
        null, java.time.ZoneOffset.UTC);
    in.forEach(head::accept);
    head.finish();
    return out;
  }

  @Test
  void keepsTheFirstNRowsInOrderAsAFullSortDoes() {
    Random r = new Random(14);
    for (int trial = 0; trial < 200; trial++) {
      List<Object[]> in = rows(r, r.nextInt(60));
      long n = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(70);
      List<Object[]> sorted = new ArrayList<>(in);
      sorted.sort(ORACLE);
      List<Object[]> want = sorted.subList(0, (int) Math.min(n, sorted.size()));
      List<Object[]> got = top(in, KEYS, n);
      assertEquals(text(want), text(got), "n " + n + " of " + in.size());
      // as a query runs it: each task's top n, then the one reducer's top n of their union
      List<Object[]> union = new ArrayList<>();
      int tasks = 1 + r.nextInt(4);
      for (int t = 0; t < tasks; t++) {
        List<Object[]> part = new ArrayList<>();
        for (int i = t; i < in.size(); i += tasks) {
          part.add(in.get(i));
        }
        List<Object[]> kept = top(part, KEYS, n);
        assertTrue(kept.size() <= n);
        union.addAll(kept);
      }
      assertEquals(text(want), text(top(union, KEYS, n)), "n " + n + " over " + tasks
          + " tasks");
    }
  }

  @Test
  void amongTiesTheRowsOfferedFirstAreKept() {
    // ORDER BY k only: the ties keep their input order, as a stable sort then LIMIT
    List<SortKey> byK = List.of(new SortKey(K, true, true));
    List<Object[]> in = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      in.add(new Object[] {i % 2, "x", i});
    }
    assertEquals("[[0, x, 0], [0, x, 2], [0, x, 4]]", text(top(in, byK, 3)));
  }

  static String text(List<Object[]> rows) {
    return rows.stream().map(Arrays::toString).toList().toString();
  }
}
