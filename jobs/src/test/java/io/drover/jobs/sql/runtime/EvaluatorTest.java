package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What the DuckDB oracle cannot reach: resolution errors, overflow, trim, conditions. */
class EvaluatorTest {
  static final List<Field> SCHEMA = List.of(new Field("a", "x", DataType.BIGINT),
      new Field("b", "x", DataType.BIGINT), new Field("a", "s", DataType.STRING));

  static Expr.ColumnRef ref(String q, String n, DataType t) {
    return new Expr.ColumnRef(q, n, t, false);
  }

  @Test
  void resolvesByQualifierAndFailsClearly() {
    Evaluator.Fn f = Evaluator.compile(ref("b", "x", DataType.BIGINT), SCHEMA);
    assertEquals(2L, f.eval(new Object[] {1L, 2L, "z"}));
    IllegalArgumentException amb = assertThrows(IllegalArgumentException.class,
        () -> Evaluator.compile(ref(null, "x", DataType.BIGINT), SCHEMA));
    assertTrue(amb.getMessage().contains("ambiguous"), amb.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Evaluator.compile(ref("c", "x", DataType.BIGINT), SCHEMA));
    assertTrue(none.getMessage().contains("not in"), none.getMessage());
    IllegalArgumentException sub = assertThrows(IllegalArgumentException.class,
        () -> Evaluator.compile(new Expr.Exists(null, false), SCHEMA));
    assertTrue(sub.getMessage().startsWith("not compiled: "), sub.getMessage());
  }

  @Test
  void overflowIsNull() {
    Expr sum = new Expr.Binary(Expr.Op.ADD, ref("a", "x", DataType.BIGINT),
        ref("b", "x", DataType.BIGINT), DataType.BIGINT);
    Evaluator.Fn f = Evaluator.compile(sum, SCHEMA);
    assertNull(f.eval(new Object[] {Long.MAX_VALUE, 1L, ""}));
    assertEquals(Long.MAX_VALUE, f.eval(new Object[] {Long.MAX_VALUE - 1, 1L, ""}));
    Expr product = new Expr.Binary(Expr.Op.MUL, ref("a", "x", DataType.BIGINT),
        ref("b", "x", DataType.BIGINT), DataType.BIGINT);
    assertNull(Evaluator.compile(product, SCHEMA).eval(new Object[] {1L << 40, 1L << 30, ""}));
  }

  @Test
  void trimAndConditions() {
    Expr trim = new Expr.Call("trim", List.of(ref("a", "s", DataType.STRING)), DataType.STRING);
    assertEquals("a b", Evaluator.compile(trim, SCHEMA).eval(new Object[] {0L, 0L, "  a b \t"
        .strip() + "  "}));
    assertEquals("\ta", Evaluator.compile(trim, SCHEMA).eval(new Object[] {0L, 0L, " \ta "}));
    Expr gt = new Expr.Binary(Expr.Op.GT, ref("a", "x", DataType.BIGINT),
        new Expr.Literal(1L, DataType.INT), DataType.BOOLEAN);
    Predicate<Object[]> p = Evaluator.condition(gt, SCHEMA, java.time.ZoneOffset.UTC);
    assertTrue(p.test(new Object[] {2L, 0L, ""}));
    assertFalse(p.test(new Object[] {1L, 0L, ""}));
    assertFalse(p.test(new Object[] {null, 0L, ""}));
  }

  @Test
  void likeQuotesRegexCharacters() {
    assertTrue(Evaluator.likeMatcher("a.c").test("a.c"));
    assertFalse(Evaluator.likeMatcher("a.c").test("abc"));
    assertTrue(Evaluator.likeMatcher("[x]%\\d_").test("[x]yy\\dz"));
    assertTrue(Evaluator.likeMatcher("%a%b%").test("xxaybz"));
    assertFalse(Evaluator.likeMatcher("%a%b%").test("ba"));
    assertTrue(Evaluator.likeMatcher("_").test("\n"));
  }
}
