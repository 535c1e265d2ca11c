package io.drover.jobs.sql.logical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.jobs.sql.catalog.DataType;
import org.junit.jupiter.api.Test;

/** Spark's decimal result types (DecimalPrecision), the cases Spark's documentation gives. */
class TypesTest {
  static final DataType D15_2 = DataType.decimal(15, 2);

  @Test
  void decimalArithmetic() {
    assertEquals(DataType.decimal(16, 2), Types.arithmetic(Expr.Op.ADD, D15_2, D15_2));
    assertEquals(DataType.decimal(31, 4), Types.arithmetic(Expr.Op.MUL, D15_2, D15_2));
    // 1 - l_discount: int is decimal(10,0)
    assertEquals(DataType.decimal(16, 2), Types.arithmetic(Expr.Op.SUB, DataType.INT, D15_2));
    // scale kept at >= 6 when the precision is cut to 38
    assertEquals(DataType.decimal(38, 6),
        Types.arithmetic(Expr.Op.MUL, DataType.decimal(38, 4), DataType.decimal(16, 2)));
    assertEquals(DataType.decimal(33, 18), Types.arithmetic(Expr.Op.DIV, D15_2, D15_2));
    assertEquals(DataType.DOUBLE, Types.arithmetic(Expr.Op.DIV, DataType.INT, DataType.INT));
    assertEquals(DataType.BIGINT, Types.arithmetic(Expr.Op.ADD, DataType.INT, DataType.BIGINT));
    assertEquals(DataType.DOUBLE, Types.arithmetic(Expr.Op.MUL, DataType.DOUBLE, D15_2));
    assertEquals(DataType.DATE,
        Types.arithmetic(Expr.Op.SUB, DataType.DATE, DataType.INTERVAL));
    assertEquals("cannot apply + to string and int", assertThrows(IllegalArgumentException.class,
        () -> Types.arithmetic(Expr.Op.ADD, DataType.STRING, DataType.INT)).getMessage());
  }

  @Test
  void aggregates() {
    assertEquals(DataType.decimal(25, 2), Types.aggregate("sum", D15_2));
    assertEquals(DataType.decimal(19, 6), Types.aggregate("avg", D15_2));
    // Spark's DecimalType.bounded: the precision capped at 38, the scale kept (the arithmetic
    // operators' rule would give decimal(38,6) and decimal(38,10))
    assertEquals(DataType.decimal(38, 10), Types.aggregate("sum", DataType.decimal(38, 10)));
    assertEquals(DataType.decimal(38, 10), Types.aggregate("sum", DataType.decimal(30, 10)));
    assertEquals(DataType.decimal(38, 14), Types.aggregate("avg", DataType.decimal(38, 10)));
    assertEquals(DataType.decimal(38, 38), Types.aggregate("avg", DataType.decimal(38, 36)));
    assertEquals(DataType.BIGINT, Types.aggregate("sum", DataType.INT));
    assertEquals(DataType.DOUBLE, Types.aggregate("avg", DataType.BIGINT));
    assertEquals(DataType.BIGINT, Types.aggregate("count", null));
    assertEquals(D15_2, Types.aggregate("max", D15_2));
  }

  @Test
  void commonTypes() {
    assertEquals(DataType.decimal(12, 2), Types.common(DataType.decimal(10, 2), DataType.INT));
    assertEquals(DataType.STRING, Types.common(DataType.fixedChar(1), DataType.varchar(3)));
    assertEquals(DataType.DATE, Types.common(DataType.DATE, DataType.STRING));
    assertEquals(DataType.INT, Types.common(DataType.INT, DataType.NULL));
  }
}
