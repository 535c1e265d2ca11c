package io.drover.jobs.sql.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.catalog.TableFormat;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Expr.Op;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Operator;
import io.drover.jobs.sql.physical.Source;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/** Which conjuncts of the filter above a Parquet scan become a row-group predicate, and how. */
class ParquetFiltersTest {
  static final MessageType FILE = MessageTypeParser.parseMessageType("message m {"
      + " optional int32 ID; optional binary s (STRING); optional int64 amount (DECIMAL(12,2));"
      + " optional int32 d (DATE); optional double x; optional boolean flag;"
      + " optional fixed_len_byte_array(11) big (DECIMAL(25,3)); optional binary v (STRING); }");
  static final List<Column> COLUMNS = List.of(new Column("id", DataType.INT),
      new Column("s", DataType.STRING), new Column("amount", DataType.decimal(12, 2)),
      new Column("d", DataType.DATE), new Column("x", DataType.DOUBLE),
      new Column("flag", DataType.BOOLEAN), new Column("big", DataType.decimal(25, 3)),
      new Column("v", DataType.varchar(3)));
  static final Source.TableScan SCAN = new Source.TableScan(
      new Table("t", COLUMNS, TableFormat.PARQUET, '|', "/t", true), "t", COLUMNS);

  static Expr col(String name) {
    Column c = COLUMNS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return new Expr.ColumnRef("t", name, c.type(), false);
  }

  static Expr lit(Object v) {
    DataType t = v instanceof Long ? DataType.BIGINT : v instanceof String ? DataType.STRING
        : v instanceof LocalDate ? DataType.DATE : v instanceof Boolean ? DataType.BOOLEAN
        : v instanceof Double ? DataType.DOUBLE : v == null ? DataType.NULL
        : DataType.decimal(10, ((BigDecimal) v).scale());
    return new Expr.Literal(v, t);
  }

  static Expr cmp(Op op, Expr l, Expr r) {
    return new Expr.Binary(op, l, r, DataType.BOOLEAN);
  }

  static Expr and(Expr l, Expr r) {
    return new Expr.Binary(Op.AND, l, r, DataType.BOOLEAN);
  }

  static String pushed(Expr condition) {
    FilterPredicate p = ParquetFilters.predicate(
        new Branch(SCAN, List.of(new Operator.Filter(condition))), FILE);
    return p == null ? null : p.toString();
  }

  @Test
  void conjunctsOfColumnOpLiteral() {
    assertEquals("and(and(gteq(ID, 2500), lt(ID, 2600)), noteq(s, null))",
        pushed(and(and(cmp(Op.GE, col("id"), lit(2500L)), cmp(Op.GT, lit(2600L), col("id"))),
            new Expr.IsNull(col("s"), true))));
    assertEquals("eq(d, 19724)", pushed(cmp(Op.EQ, col("d"), lit(LocalDate.of(2024, 1, 2)))));
    assertEquals("and(gteq(amount, 150), lteq(amount, 10000))", pushed(new Expr.Between(
        col("amount"), lit(new BigDecimal("1.5")), lit(100L), false)));
    assertEquals("eq(flag, true)", pushed(cmp(Op.EQ, col("flag"), lit(true))));
    assertEquals("eq(ID, null)", pushed(new Expr.IsNull(col("id"), false)));
    assertEquals("gt(s, Binary{\"b\"})", pushed(cmp(Op.LT, lit("b"), col("s"))));
    assertEquals("eq(s, Binary{\"\uE000\"})", pushed(cmp(Op.EQ, col("s"), lit("\uE000"))));
  }

  static Expr or(Expr l, Expr r) {
    return new Expr.Binary(Op.OR, l, r, DataType.BOOLEAN);
  }

  @Test
  void disjunctionsWhoseEverySideIsPushable() {
    assertEquals("or(eq(ID, 1), eq(ID, 2))",
        pushed(or(cmp(Op.EQ, col("id"), lit(1L)), cmp(Op.EQ, col("id"), lit(2L)))));
    assertEquals("or(or(eq(s, Binary{\"a\"}), eq(s, Binary{\"b\"})), eq(s, Binary{\"c\"}))",
        pushed(new Expr.InList(col("s"), List.of(lit("a"), lit("b"), lit("c")), false)));
    // an AND inside an OR keeps its pushable conjuncts (fewer conditions: more rows kept)
    assertEquals("and(gteq(ID, 7), or(lt(ID, 5), eq(flag, true)))",
        pushed(and(cmp(Op.GE, col("id"), lit(7L)), or(cmp(Op.LT, col("id"), lit(5L)),
            and(cmp(Op.EQ, col("flag"), lit(true)), cmp(Op.GT, col("x"), lit(1.0)))))));
  }

  @Test
  void leftOutWhenNotExactOrNotOrderedAlike() {
    // rounding, a literal beyond int32, doubles (NaN), fixed-backed decimals, varchar (cut values)
    assertNull(pushed(cmp(Op.GT, col("amount"), lit(new BigDecimal("1.555")))));
    assertNull(pushed(cmp(Op.LT, col("id"), lit(3_000_000_000L))));
    assertNull(pushed(cmp(Op.GT, col("x"), lit(1.0))));
    assertNull(pushed(cmp(Op.GT, col("big"), lit(new BigDecimal("1.5")))));
    assertNull(pushed(cmp(Op.EQ, col("v"), lit("abc"))));
    // ranges on strings where UTF-8 byte order and UTF-16 order differ; NULL; OR; expressions
    assertNull(pushed(cmp(Op.LT, col("s"), lit("\uE000"))));
    assertNull(pushed(cmp(Op.LT, col("id"), lit(null))));
    assertNull(pushed(or(cmp(Op.EQ, col("id"), lit(1L)), cmp(Op.GT, col("x"), lit(1.0)))));
    assertNull(pushed(new Expr.InList(col("id"), List.of(lit(1L), col("id")), false)));
    assertNull(pushed(new Expr.InList(col("id"), List.of(lit(1L), lit(2L)), true)));
    assertNull(pushed(cmp(Op.GT, new Expr.Binary(Op.ADD, col("id"), lit(1L), DataType.BIGINT),
        lit(5L))));
    assertNull(pushed(new Expr.Between(col("id"), lit(1L), lit(5L), true)));
    // only the pushable conjunct of several
    assertEquals("lt(ID, 5)", pushed(and(cmp(Op.GT, col("x"), lit(1.0)),
        cmp(Op.LT, col("id"), lit(5L)))));
  }

  @Test
  void onlyTheFilterRightAboveTheScan() {
    Expr c = cmp(Op.LT, col("id"), lit(5L));
    assertNull(ParquetFilters.predicate(new Branch(SCAN, List.of(new Operator.Limit(3),
        new Operator.Filter(c))), FILE));
    assertNull(ParquetFilters.predicate(new Branch(SCAN, List.of()), FILE));
  }
}
