package io.drover.jobs.aggregate.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.catalog.InputFormats;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.parse.HiveDdl;
import io.drover.jobs.sql.parse.SqlException;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.runtime.Evaluator;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expression semantics against Spark SQL's documented behaviour (the examples of Spark's SQL
 * function reference where there is one), evaluated over a row (i bigint, d double, s string,
 * n string NULL, t timestamp) through the sql compiler (translator, then evaluator), which runs
 * aggregate's queries and function library. Values are compared in aggregate's terms: integers
 * as Long, decimals as Double, a timestamp as its microseconds since the epoch.
 */
class ExprTest {
  static final Object[] ROW = {7L, 2.5, "Spark SQL", null,
      LocalDateTime.ofEpochSecond(1_431_857_103L, 0, ZoneOffset.UTC)};

  static final Catalog CATALOG;

  static {
    try {
      CATALOG = HiveDdl.addTables(Catalog.empty(), "CREATE TABLE r (i bigint, d double, "
          + "s string, n string, t timestamp) LOCATION '/r'", "test");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A compiled expression and its type. */
  record Compiled(io.drover.jobs.sql.logical.Expr expr, List<Field> schema, ZoneId zone) {
    Type type() {
      return InputFormats.readType(expr.type());
    }

    Object eval(Object[] row) {
      Object v = Evaluator.compile(expr, schema, zone).eval(row);
      if (v instanceof Integer n) {
        return n.longValue();
      }
      if (v instanceof java.math.BigDecimal d) {
        return d.doubleValue();
      }
      if (v instanceof LocalDateTime ts) {
        java.time.Instant at = ts.atZone(zone).toInstant();
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
      }
      return v;
    }
  }

  static Compiled compile(String sql, ZoneId zone) throws QueryException {
    Plan p;
    try {
      p = new SqlTranslator(CATALOG, zone).translate("SELECT " + sql + " FROM r");
    } catch (SqlException e) {
      throw new QueryException(e.getMessage());
    }
    while (!(p instanceof Plan.Project)) {
      p = p.inputs().get(0);
    }
    Plan.Project project = (Plan.Project) p;
    return new Compiled(project.exprs().get(0), project.input().schema(), zone);
  }

  static Object eval(String sql) throws Exception {
    return compile(sql, ZoneOffset.UTC).eval(ROW);
  }

  /** In session zone {@code zone}: the row's timestamp is the same instant, seen there. */
  static Object eval(String sql, String zone) throws Exception {
    ZoneId z = ZoneId.of(zone);
    Object[] row = ROW.clone();
    row[4] = LocalDateTime.ofInstant(((LocalDateTime) ROW[4]).toInstant(ZoneOffset.UTC), z);
    return compile(sql, z).eval(row);
  }

  @Test
  void divisionIsDoubleDivIsIntegerAndByZeroIsNull() throws Exception {
    assertEquals(3.5, eval("i / 2"));
    assertEquals(3L, eval("i div 2"));
    assertEquals(1L, eval("i % 3"));
    assertEquals(-1L, eval("-7 % 3"));
    assertNull(eval("i / 0"));
    assertNull(eval("i div 0"));
    assertNull(eval("i % 0"));
    assertEquals(Type.LONG, compile("i * 2 + 1", ZoneOffset.UTC).type());
    assertEquals(Type.DOUBLE, compile("i * 2 + d", ZoneOffset.UTC).type());
    assertEquals(9.5, eval("i + d"));
  }

  @Test
  void nullRules() throws Exception {
    assertNull(eval("i + NULL"));
    assertNull(eval("n = 'x'"));
    assertEquals(false, eval("n = 'x' AND false"));
    assertEquals(true, eval("n = 'x' OR true"));
    assertNull(eval("n = 'x' OR false"));
    assertNull(eval("NOT (n = 'x')"));
    assertEquals(true, eval("n IS NULL"));
    assertEquals(false, eval("s IS NULL"));
    assertEquals(true, eval("i IN (1, 7)"));
    assertNull(eval("i IN (1, NULL)"));
    assertEquals(false, eval("i IN (1, 2)"));
    assertNull(eval("n IN ('a')"));
    assertEquals("x", eval("coalesce(n, 'x')"));
    assertNull(eval("concat(s, n)"));
    assertNull(eval("CASE WHEN i > 10 THEN 'big' END"));
    assertEquals("mid", eval("CASE WHEN i > 10 THEN 'big' WHEN i > 5 THEN 'mid' ELSE 'small' END"));
    assertEquals("seven", eval("CASE i WHEN 1 THEN 'one' WHEN 7 THEN 'seven' END"));
    assertNull(eval("nullif(i, 7)"));
    assertEquals("yes", eval("if(i = 7, 'yes', 'no')"));
    assertEquals(true, eval("NULL <=> n"));
  }

  @Test
  void castsOfBadStringsAreNull() throws Exception {
    assertNull(eval("cast('abc' as bigint)"));
    assertEquals(3L, eval("cast('3.7' as bigint)"));
    assertEquals(-3L, eval("cast(-3.7 as bigint)"));
    assertEquals(12L, eval("cast(' 12 ' as int)"));
    assertEquals(1.0, eval("cast('1d' as double)")); // Spark and Hive: Java's parseDouble
    assertEquals(0.5, eval("cast('.5' as double)"));
    assertEquals(true, eval("cast('true' as boolean)"));
    assertNull(eval("cast('maybe' as boolean)"));
    assertNull(eval("cast('2015-13-45' as timestamp)"));
    assertEquals("7", eval("cast(i as string)"));
    assertEquals("2.5", eval("cast(d as varchar)"));
    assertEquals(true, eval("'10' > 9")); // a string meeting a number is read as a double
  }

  @Test
  void stringFunctionsAsSparkDocumentsThem() throws Exception {
    assertEquals("k SQL", eval("substr(s, 5)"));
    assertEquals("SQL", eval("substr(s, -3)"));
    assertEquals("k", eval("substr(s, 5, 1)"));
    assertEquals("Spar", eval("substring(s, 0, 4)"));
    assertEquals("100", eval("regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1)"));
    assertEquals("", eval("regexp_extract('foo', '(\\\\d+)', 1)"));
    assertEquals(9L, eval("length(s)"));
    assertEquals(2L, eval("length('\u00e9\ud83d\ude00')")); // characters, not UTF-16 units
    assertEquals("spark sql", eval("lower(s)"));
    assertEquals("SPARK SQL", eval("upper(s)"));
    assertEquals("Spark SQL!", eval("concat(s, '!')"));
    assertEquals("a-b", eval("'a' || '-' || 'b'"));
    assertEquals("x", eval("trim('  x  ')"));
    assertEquals("x  ", eval("ltrim('  x  ')"));
    assertEquals(true, eval("s LIKE 'Sp%'"));
    assertEquals(true, eval("s LIKE '_park SQL'"));
    assertEquals(false, eval("s LIKE 'park%'"));
    assertEquals(true, eval("'50%' LIKE '50\\%'"));
    assertEquals(false, eval("'500' LIKE '50\\%'"));
    assertEquals(true, eval("s NOT LIKE 'x%'"));
    assertEquals(true, eval("s RLIKE 'S.*L'"));
  }

  @Test
  void timeFunctionsInUtcAndInAGivenZone() throws Exception {
    // Spark docs: from_unixtime(0, 'yyyy-MM-dd HH:mm:ss') is 1969-12-31 16:00:00 in Los Angeles
    assertEquals("1969-12-31 16:00:00", eval("from_unixtime(0, 'yyyy-MM-dd HH:mm:ss')",
        "America/Los_Angeles"));
    assertEquals("1970-01-01 00:00:00", eval("from_unixtime(0)"));
    // Spark docs: unix_timestamp('2016-04-08', 'yyyy-MM-dd') is 1460098800 in Los Angeles
    assertEquals(1_460_098_800L, eval("unix_timestamp('2016-04-08', 'yyyy-MM-dd')",
        "America/Los_Angeles"));
    assertEquals(1_460_073_600L, eval("unix_timestamp('2016-04-08', 'yyyy-MM-dd')"));
    assertNull(eval("unix_timestamp('not a date', 'yyyy-MM-dd')"));
    // 1431857103 s = 2015-05-17 10:05:03 UTC, a Sunday
    assertEquals("2015-05-17 10:00:00",
        eval("from_unixtime(cast(1431857103000/1000.0 as bigint), 'yyyy-MM-dd HH:00:00')"));
    assertEquals(10L, eval("hour(t)"));
    assertEquals(5L, eval("minute(t)"));
    assertEquals(3L, eval("second(t)"));
    assertEquals(2015L, eval("year(t)"));
    assertEquals(5L, eval("month(t)"));
    assertEquals(17L, eval("day(t)"));
    assertEquals(1L, eval("dayofweek(t)")); // Spark: 1 = Sunday
    assertEquals(5L, eval("dayofweek('2009-07-30')")); // Spark docs: a Thursday is 5
    assertEquals(1_431_856_800_000_000L, eval("date_trunc('hour', t)"));
    // Spark docs: date_trunc('WEEK', '2015-03-05T09:32:05.359') is 2015-03-02 00:00:00
    assertEquals(Values.parseTimestamp("2015-03-02 00:00:00", ZoneOffset.UTC),
        eval("date_trunc('week', '2015-03-05T09:32:05.359')"));
    assertEquals(Values.parseTimestamp("2015-05-01", ZoneOffset.UTC), eval("date_trunc('MONTH', t)"));
    assertEquals("2015-05-17 10:00", eval("date_format(time_bucket('15 minutes', t), 'yyyy-MM-dd HH:mm')"));
    assertEquals("2015-05-17 15:35", eval("date_format(t, 'yyyy-MM-dd HH:mm')", "Asia/Kolkata"));
    assertEquals(15L, eval("hour(t)", "Asia/Kolkata"));
    assertEquals(1_431_857_103L, eval("unix_timestamp(t)"));
    assertEquals(Values.parseTimestamp("2015-05-17 10:05:03", ZoneOffset.UTC),
        eval("to_timestamp('17/05/2015 10:05:03', 'dd/MM/yyyy HH:mm:ss')"));
    assertEquals(true, eval("t > '2015-05-17 10:00:00' AND t < TIMESTAMP '2015-05-18 00:00:00'"));
  }

  @Test
  void unknownFunctionsAndTypeErrorsAreRefusedWithTheirNames() {
    QueryException e = assertThrows(QueryException.class, () -> eval("frobnicate(i)"));
    assertTrue(e.getMessage().startsWith("unknown function frobnicate in frobnicate(i); known "
        + "functions: "), e.getMessage());
    assertEquals("unknown function avgg in avgg(i); did you mean avg?",
        assertThrows(QueryException.class, () -> eval("avgg(i)")).getMessage());
    assertEquals("unknown function cnt in cnt(i); did you mean int, count, ln?",
        assertThrows(QueryException.class, () -> eval("cnt(i)")).getMessage());
    e = assertThrows(QueryException.class, () -> eval("substr(s)"));
    assertEquals("substr(s): write substring(text FROM start [FOR length])", e.getMessage());
    e = assertThrows(QueryException.class, () -> eval("date_trunc('fortnight', t)"));
    assertTrue(e.getMessage().contains("unknown unit 'fortnight'"), e.getMessage());
    e = assertThrows(QueryException.class, () -> eval("t + 1"));
    assertTrue(e.getMessage().contains("cannot apply + to timestamp and int"), e.getMessage());
    e = assertThrows(QueryException.class, () -> eval("i > 1 AND i"));
    assertTrue(e.getMessage().contains("i is bigint, not a condition"), e.getMessage());
  }

  @Test
  void dateTruncInAFixedOffsetZoneIsTheCalendarTruncation() throws Exception {
    java.util.Random r = new java.util.Random(5);
    for (ZoneId z : java.util.List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
        ZoneOffset.ofHours(-8), ZoneId.of("UTC"))) {
      for (String unit : java.util.List.of("day", "dd", "hour", "minute", "second",
          "millisecond")) {
        Compiled e = compile("date_trunc('" + unit + "', t)", z);
        for (int k = 0; k < 2000; k++) {
          long micros = (r.nextLong() % (300L * 365 * 86_400 * 1_000_000L));
          Object[] row = {null, null, null, null, LocalDateTime.ofInstant(java.time.Instant
              .ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                  Math.floorMod(micros, 1_000_000L) * 1000), z)};
          assertEquals(Functions.truncate(micros, z, unit), e.eval(row), unit + " " + z + " "
              + micros);
        }
      }
    }
  }
}
