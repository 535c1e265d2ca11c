package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.parse.HiveDdl;
import io.drover.jobs.sql.parse.SqlTranslator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each expression, translated from {@code SELECT <expr> FROM t} and evaluated by {@link
 * Evaluator} over the rows of a small table (parsed from Hive text by {@link Values#parse}),
 * gives DuckDB's answer for the same SELECT over the same data: decimals equal by value with the
 * scale of Drover's type, doubles to 1e-12 relative. Where DuckDB differs from Spark and Hive on
 * purpose, {@link #SPARK} holds the Spark answer per row and DuckDB is not asked.
 */
class EvaluatorDuckDbTest {
  static final String DDL = "CREATE TABLE t (i INT, b BIGINT, d DOUBLE, m DECIMAL(15,2), "
      + "n DECIMAL(10,4), s STRING, v VARCHAR(20), dt DATE, ts TIMESTAMP) LOCATION '/t'";

  /** The rows as Hive text fields ({@code \N} is NULL). */
  static final String[][] ROWS = {
      {"1", "10", "1.5", "100.25", "0.1250", "abc", "a%b", "2024-01-31", "2024-01-31 13:45:10"},
      {"-7", "3000000000", "-0.25", "-3.50", "2.0000", "hello world", "x_y", "2023-02-28",
          "2023-02-28 00:00:59.25"},
      {"0", "0", "0.0", "0.00", "0.0000", "", "(a.b)*", "2020-02-29", "2020-02-29 23:59:59"},
      {"\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N", "\\N"},
      {"3", "-5", "1e-5", "7.77", "-1.3333", "Straße naïve", " ab ", "1999-12-31",
          "1969-12-31 23:07:08"},
  };

  /** The same expression in DuckDB's spelling, where its function names or forms differ. */
  static final Map<String, String> DUCKDB = Map.ofEntries(
      Map.entry("if(i > 0, s, v)", "CASE WHEN i > 0 THEN s ELSE v END"),
      Map.entry("if(m > 0, i, m)", "CASE WHEN m > 0 THEN i ELSE m END"),
      Map.entry("nvl(i, b)", "coalesce(i, b)"),
      Map.entry("s <=> v", "s IS NOT DISTINCT FROM v"),
      Map.entry("i <=> NULL", "i IS NOT DISTINCT FROM NULL"),
      Map.entry("s RLIKE 'l+o'", "regexp_matches(s, 'l+o')"),
      Map.entry("s NOT RLIKE '^a'", "NOT regexp_matches(s, '^a')"),
      // Spark's and Hive's LIKE escape a % or _ with a backslash by default; DuckDB's say so
      Map.entry("v LIKE 'x\\_y'", "v LIKE 'x\\_y' ESCAPE '\\'"),
      Map.entry("v LIKE 'x\\\\_y'", "v LIKE 'x\\_y' ESCAPE '\\'"),
      Map.entry("v LIKE '%\\%%'", "v LIKE '%\\%%' ESCAPE '\\'"),
      // Hive's and Spark's backslash escapes in string literals; DuckDB's E'...' strings
      Map.entry("'a\\tb\\n' || s", "E'a\\tb\\n' || s"),
      Map.entry("regexp_replace(s, '\\\\w+', 'W')", "regexp_replace(s, '\\w+', 'W', 'g')"),
      Map.entry("'it\\'s' || s", "E'it\\'s' || s"),
      Map.entry("'x\\qy' || s", "'xqy' || s"), // an unknown escape: the character itself
      Map.entry("log(abs(m) + 1)", "ln(abs(m) + 1)"), // DuckDB's one-argument log is log10
      Map.entry("log(2, abs(m) + 1)", "ln(abs(m) + 1) / ln(2)"),
      Map.entry("log(abs(d) + 2, abs(i) + 1)", "ln(abs(i) + 1) / ln(abs(d) + 2)"),
      Map.entry("signum(i)", "sign(i)"),
      Map.entry("mod(i, 2)", "i % 2"),
      Map.entry("year('2024-05-06')", "year(DATE '2024-05-06')"),
      Map.entry("datediff(dt, DATE '2020-01-01')", "datediff('day', DATE '2020-01-01', dt)"),
      Map.entry("datediff('2024-03-01', dt)", "datediff('day', dt, DATE '2024-03-01')"),
      Map.entry("datediff(current_date, dt) > 0", "datediff('day', dt, current_date) > 0"),
      Map.entry("date_add(dt, 30)", "dt + 30"),
      Map.entry("date_add(dt, -1)", "dt - 1"),
      Map.entry("date_sub(dt, i)", "dt - i"),
      Map.entry("to_date('2024-02-03 10:11:12')", "DATE '2024-02-03'"),
      Map.entry("to_date(s)", "TRY_CAST(s AS DATE)"),
      Map.entry("to_date(CAST(dt AS STRING))", "dt"),
      Map.entry("to_date('03/02/2024', 'dd/MM/yyyy')", "DATE '2024-02-03'"),
      Map.entry("lpad(v, 6)", "lpad(v, 6, ' ')"),
      Map.entry("replace(v, 'a')", "replace(v, 'a', '')"),
      Map.entry("locate('o', s)", "instr(s, 'o')"),
      Map.entry("regexp_replace(s, 'l+', 'L')", "regexp_replace(s, 'l+', 'L', 'g')"),
      Map.entry("regexp_replace(v, '[^a-z]', '')", "regexp_replace(v, '[^a-z]', '', 'g')"),
      Map.entry("regexp_replace(s, '([a-z]+) ([a-z]+)', '$2 $1')",
          "regexp_replace(s, '([a-z]+) ([a-z]+)', '\\2 \\1', 'g')"),
      Map.entry("regexp_extract(s, '(l+)')", "regexp_extract(s, '(l+)', 1)"),
      Map.entry("CAST(s AS DATE)", "TRY_CAST(s AS DATE)"),
      Map.entry("CAST('2024-02-03 10:11:12' AS DATE)", "DATE '2024-02-03'"),
      Map.entry("CAST(s AS DECIMAL(5,2))", "TRY_CAST(s AS DECIMAL(5,2))"),
      Map.entry("string(i)", "CAST(i AS VARCHAR)"),
      Map.entry("double(i)", "CAST(i AS DOUBLE)"),
      // aggregate's functions (runtime/AggregateLibrary), Spark's spellings
      Map.entry("dayofweek(ts)", "dayofweek(ts) + 1"), // Spark: 1 = Sunday; DuckDB: 0
      Map.entry("dayofweek(dt)", "dayofweek(dt) + 1"),
      Map.entry("weekday(ts)", "isodow(ts) - 1"), // Spark: 0 = Monday
      Map.entry("hour(dt)", "hour(CAST(dt AS TIMESTAMP))"),
      Map.entry("unix_timestamp(ts)", "CAST(floor(epoch(ts)) AS BIGINT)"),
      Map.entry("unix_timestamp('2024-01-31 13:45:10')",
          "CAST(epoch(TIMESTAMP '2024-01-31 13:45:10') AS BIGINT)"),
      Map.entry("unix_timestamp(s, 'yyyy')", "CAST(NULL AS BIGINT)"),
      Map.entry("to_unix_timestamp(dt)", "CAST(epoch(CAST(dt AS TIMESTAMP)) AS BIGINT)"),
      Map.entry("from_unixtime(b)", "strftime(make_timestamp(b * 1000000), '%Y-%m-%d %H:%M:%S')"),
      Map.entry("from_unixtime(i, 'yyyy-MM-dd HH:mm')",
          "strftime(make_timestamp(i * 1000000), '%Y-%m-%d %H:%M')"),
      Map.entry("date_format(ts, 'yyyy-MM')", "strftime(ts, '%Y-%m')"),
      Map.entry("date_format(ts, 'dd/MMM/yyyy HH:mm:ss')", "strftime(ts, '%d/%b/%Y %H:%M:%S')"),
      Map.entry("date_format(dt, 'yyyy-MM-dd HH')", "strftime(dt, '%Y-%m-%d %H')"),
      Map.entry("date_trunc('day', dt)", "date_trunc('day', CAST(dt AS TIMESTAMP))"),
      Map.entry("time_bucket('15 minutes', ts)", "time_bucket(INTERVAL '15 minutes', ts)"),
      Map.entry("time_bucket('1 hour', ts)", "time_bucket(INTERVAL '1 hour', ts)"),
      Map.entry("timestamp_seconds(b)", "make_timestamp(b * 1000000)"),
      Map.entry("timestamp_millis(b)", "make_timestamp(b * 1000)"),
      Map.entry("to_timestamp('31/01/2024 13:45', 'dd/MM/yyyy HH:mm')",
          "TIMESTAMP '2024-01-31 13:45:00'"),
      Map.entry("to_timestamp(CAST(dt AS STRING))", "CAST(dt AS TIMESTAMP)"),
      Map.entry("b div 7", "b // 7"),
      Map.entry("i div 0", "CAST(NULL AS BIGINT)"),
      Map.entry("b div i", "b // i"),
      Map.entry("rlike(s, 'l+')", "regexp_matches(s, 'l+')"),
      Map.entry("regexp(v, '^[a-z]')", "regexp_matches(v, '^[a-z]')"),
      Map.entry("regexp_like(s, 'o w')", "regexp_matches(s, 'o w')"),
      Map.entry("lcase(s)", "lower(s)"),
      Map.entry("ucase(v)", "upper(v)"),
      Map.entry("char_length(s)", "length(s)"),
      Map.entry("character_length(v)", "length(v)"),
      Map.entry("iff(i > 0, s, v)", "CASE WHEN i > 0 THEN s ELSE v END"));

  /** Expressions whose Spark answer differs from DuckDB's: the Spark answer per row. */
  static final Map<String, List<Object>> SPARK = Map.ofEntries(
      // Hive's sqrt and ln of a negative (or zero) are NULL (DuckDB fails the query; Spark: NaN)
      Map.entry("sqrt(i)", Arrays.asList(1.0, nul(), 0.0, nul(), Math.sqrt(3))),
      Map.entry("ln(i)", Arrays.asList(0.0, nul(), nul(), nul(), Math.log(3))),
      // Spark's locate from a position (DuckDB has none)
      Map.entry("locate('o', s, 6)", Arrays.asList(0L, 8L, 0L, nul(), 0L)),
      // Spark's lpad to a negative length is ''
      Map.entry("lpad(s, i, '*')", Arrays.asList("a", "", "", nul(), "Str")),
      // Spark's double to text is Java's (1.0E-5); DuckDB's 1e-05
      Map.entry("CAST(d AS STRING)", Arrays.asList("1.5", "-0.25", "0.0", nul(), "1.0E-5")),
      // Spark and Hive truncate a double or decimal to an integer; DuckDB rounds
      Map.entry("CAST(m AS BIGINT)", Arrays.asList(100L, -3L, 0L, nul(), 7L)),
      Map.entry("int(m)", Arrays.asList(100L, -3L, 0L, nul(), 7L)),
      Map.entry("CAST(d AS INT)", Arrays.asList(1L, 0L, 0L, nul(), 0L)),
      // CAST(x AS DECIMAL) is decimal(10,0) in Hive and Spark (DuckDB's is decimal(18,3))
      Map.entry("CAST(m AS DECIMAL)", Arrays.asList(new BigDecimal("100"),
          new BigDecimal("-4"), new BigDecimal("0"), nul(), new BigDecimal("8"))),
      // DuckDB rounds a decimal to integer; Spark and Hive truncate toward zero
      Map.entry("CAST(m AS INT)", Arrays.asList(100L, -3L, 0L, nul(), 7L)),
      // DuckDB's substring position 0 selects nothing before the first character; Spark
      // treats 0 as 1
      Map.entry("substring(s, 0, 2)", Arrays.asList("ab", "he", "", nul(), "St")),
      // DuckDB: a negative start with a length runs forward from there, so does Spark
      Map.entry("substring(s, -3, 2)", Arrays.asList("ab", "rl", "", nul(), "ïv")),
      // DuckDB takes a negative length backwards from the start; Spark gives ''
      Map.entry("substring(s, 2, -1)", Arrays.asList("", "", "", nul(), "")),
      // DuckDB rounds HALF_EVEN when it cuts a decimal's scale (0.1250 -> 0.12); Spark and
      // Hive round HALF_UP
      Map.entry("CAST(n AS DECIMAL(6,2))", Arrays.asList(new BigDecimal("0.13"),
          new BigDecimal("2.00"), new BigDecimal("0.00"), nul(), new BigDecimal("-1.33"))),
      // DuckDB fails the query on text that is not a number; Spark and Hive give NULL
      Map.entry("CAST(s AS INT)", Arrays.asList(nul(), nul(), nul(), nul(), nul())),
      // DuckDB upper-cases ß to ẞ; Spark (Java's toUpperCase) to SS
      Map.entry("upper(s)", Arrays.asList("ABC", "HELLO WORLD", "", nul(), "STRASSE NAÏVE")),
      // DuckDB's concat skips NULLs; Spark's (and Hive's) is NULL when any argument is
      Map.entry("concat(s, '-', v)", Arrays.asList("abc-a%b", "hello world-x_y", "-(a.b)*",
          nul(), "Straße naïve- ab ")),
      // DuckDB has no TRIM(LEADING | TRAILING FROM x) syntax; Spark's answers
      Map.entry("TRIM(LEADING FROM v)", Arrays.asList("a%b", "x_y", "(a.b)*", nul(), "ab ")),
      Map.entry("TRIM(TRAILING FROM v)", Arrays.asList("a%b", "x_y", "(a.b)*", nul(), " ab")));

  static Object nul() {
    return null;
  }

  static List<String> expressions() {
    return List.of(
        // arithmetic, NULL in every position
        "i + 1", "i - b", "i * b", "b * 3000000000", "i / 2", "b / i", "i / 0", "d + i",
        "d * m", "d / 0", "m + n", "m - n", "m * n", "m / n", "m / 3", "n / m", "m * 2", "i + m",
        "m / 0", "-i", "-m", "-d", "NULL + i", "1.5 * i", "m + 0.005",
        // comparisons with widening
        "i = 1", "i <> b", "i < m", "m >= 7.77", "d > i", "dt = '2024-01-31'",
        "dt < DATE '2021-01-01'", "s = v", "s < 'b'", "i = NULL", "b >= i",
        // three-valued logic
        "i > 0 AND b > 0", "i > 0 OR b > 0", "NOT (i > 0)", "i > 0 AND NULL",
        "i > 0 OR NULL", "NOT (s IS NULL)", "(i > 0) AND (m < 0)",
        // IS NULL
        "i IS NULL", "s IS NOT NULL",
        // CASE
        "CASE WHEN i > 0 THEN 'pos' WHEN i < 0 THEN 'neg' ELSE 'zero' END",
        "CASE WHEN i > 0 THEN m END", "CASE i WHEN 1 THEN 'one' WHEN 3 THEN 'three' END",
        "CASE WHEN i > 0 THEN i ELSE m END", "CASE WHEN m > 0 THEN 1 ELSE 2.5 END",
        // LIKE
        "s LIKE 'a%'", "s LIKE '%o w%'", "s LIKE '_e%'", "v LIKE 'a%b'", "v LIKE '(a._)*'",
        "v LIKE 'x\\_y'", "v LIKE 'x\\\\_y'", "v LIKE '%\\%%'", "s NOT LIKE '%c'", "s LIKE '%'",
        "s LIKE ''", "v LIKE '_'", "s <=> v", "i <=> NULL", "s IS DISTINCT FROM v",
        "s IS NOT DISTINCT FROM v", "s RLIKE 'l+o'", "s NOT RLIKE '^a'",
        "s LIKE 'Stra_e%'", "v LIKE '%.%'",
        // IN
        "i IN (1, 3)", "i IN (1, NULL)", "i NOT IN (1, NULL)", "i NOT IN (5, 6)",
        "s IN ('abc', 'ab')", "m IN (100.25, 7.770)", "dt IN ('2020-02-29', '1999-12-31')",
        // BETWEEN
        "i BETWEEN 0 AND 2", "m BETWEEN 0 AND 100.25", "i NOT BETWEEN -1 AND 1",
        "dt BETWEEN DATE '2020-01-01' AND DATE '2023-12-31'", "i BETWEEN NULL AND 2",
        // CAST
        "CAST(i AS DOUBLE)", "CAST(m AS INT)", "CAST(i AS DECIMAL(5,1))", "CAST(s AS INT)",
        "CAST(b AS STRING)", "CAST(m AS STRING)", "CAST('12.345' AS DECIMAL(6,2))",
        "CAST(dt AS STRING)", "CAST('2021-03-04' AS DATE)", "CAST(n AS DECIMAL(6,2))",
        "CAST(d AS DECIMAL(10,3))",
        // dates and intervals
        "dt + INTERVAL '1' MONTH", "dt - INTERVAL '1' MONTH", "dt + INTERVAL '1' YEAR",
        "dt - INTERVAL '3' DAY", "dt + INTERVAL '30' DAY", "dt + INTERVAL '13' MONTH",
        "EXTRACT(YEAR FROM dt)", "EXTRACT(MONTH FROM dt)", "EXTRACT(DAY FROM dt)",
        // functions
        "substring(s, 1, 3)", "substring(s, 2)", "substring(s FROM 3 FOR 4)", "substring(s, 0, 2)",
        "substring(s, -3, 2)", "substring(s, 5, 100)", "substring(s, 2, 0)",
        "substring(s, 2, -1)", "upper(s)", "lower(v)",
        "length(s)", "abs(i)", "abs(m)", "abs(d)", "coalesce(i, b)", "coalesce(m, i)",
        "coalesce(s, 'none')",
        "round(m, 1)", "round(m)", "round(n, 2)", "round(m, -1)", "round(d, 1)", "round(d)",
        "round(i, -1)", "round(b, -2)", "round(i)", "s || v", "s || i", "concat(s, '-', v)",
        "trim(v)", "ltrim(v)", "rtrim(v)", "TRIM(BOTH FROM v)", "TRIM(LEADING FROM v)",
        "TRIM(TRAILING FROM v)",
        // -0.0 = 0.0 (Spark and DuckDB); text by code point, as UTF-8 bytes sort
        "d * 0.0e0 = 0.0e0", "d * 0.0e0 < 0.0e0", "'\uFF61' < '\uD83D\uDE00'",
        "s < '\uD83D\uDE00'",
        // Hive's and Spark's everyday functions (DuckDB's spelling in DUCKDB where it differs)
        "if(i > 0, s, v)", "if(m > 0, i, m)", "nvl(i, b)", "ifnull(s, 'none')", "nullif(i, 0)",
        "nullif(s, '')", "greatest(i, b, 2)", "least(m, n)", "greatest(s, v)",
        "least(dt, DATE '2021-01-01')", "greatest(d, i)", "least(i, NULL, b)",
        "floor(d)", "ceil(d)", "ceiling(m)", "floor(n)", "floor(i)", "ceil(-d)", "floor(m / 3)",
        "sqrt(abs(m))", "sqrt(i)", "ln(abs(m) + 1)", "ln(i)", "log10(abs(d) + 1)", "exp(n)",
        "log2(abs(m) + 1)", "log(abs(m) + 1)", "log(2, abs(m) + 1)",
        "log(abs(d) + 2, abs(i) + 1)", "power(d, 2)", "pow(i, 3)", "power(m, 0.5)",
        "i % 3", "b % i", "m % 3", "m % n", "d % 0.5", "mod(i, 2)", "-i % 3", "b % 7",
        "sign(d)", "sign(m)", "signum(i)",
        "year(dt)", "month(dt)", "day(dt)", "quarter(dt)", "dayofmonth(dt)",
        "year('2024-05-06')", "datediff(dt, DATE '2020-01-01')", "datediff('2024-03-01', dt)",
        "date_add(dt, 30)", "date_add(dt, -1)", "date_sub(dt, i)",
        "to_date('2024-02-03 10:11:12')", "to_date(s)", "to_date(CAST(dt AS STRING))",
        "to_date('03/02/2024', 'dd/MM/yyyy')", "current_date", "datediff(current_date, dt) > 0",
        "current_timestamp > ts", "now() > ts", "'a\\tb\\n' || s", "'it''s' || s",
        "regexp_replace(s, '\\\\w+', 'W')", "'it\\'s' || s", "'x\\qy' || s",
        "concat_ws('-', s, v)", "concat_ws(',', s, i, v)", "concat_ws(s, v)",
        "lpad(s, 8, '*')", "rpad(s, 2, 'xy')", "lpad(v, 6)", "rpad(s, 15, 'ab')",
        "lpad(s, i, '*')", "replace(s, 'l', 'L')", "replace(s, '', 'x')", "replace(v, 'a')",
        "instr(s, 'o')", "instr(s, 'ï')", "locate('o', s)", "locate('o', s, 6)",
        "regexp_replace(s, 'l+', 'L')", "regexp_replace(v, '[^a-z]', '')",
        "regexp_replace(s, '([a-z]+) ([a-z]+)', '$2 $1')",
        "regexp_extract(s, '([a-z]+) ([a-z]+)', 2)", "regexp_extract(s, '(l+)')",
        "regexp_extract(s, 'x(y)?', 1)", "regexp_extract(v, '(a)|(b)', 2)",
        "CAST(d AS STRING)", "CAST(s AS DATE)", "CAST('2024-02-03 10:11:12' AS DATE)",
        "CAST(m AS BIGINT)", "CAST(d AS INT)", "CAST(i AS STRING)", "CAST(m AS DOUBLE)",
        "CAST(s AS DECIMAL(5,2))", "CAST(m AS DECIMAL)", "int(m)", "string(i)", "double(i)",
        // aggregate's functions, through runtime/AggregateLibrary
        "hour(ts)", "minute(ts)", "second(ts)", "hour(dt)", "dayofweek(ts)", "dayofweek(dt)",
        "weekday(ts)", "dayofyear(ts)", "dayofyear(dt)", "weekofyear(ts)",
        "unix_timestamp(ts)", "unix_timestamp('2024-01-31 13:45:10')", "unix_timestamp(s, 'yyyy')",
        "to_unix_timestamp(dt)", "from_unixtime(b)", "from_unixtime(i, 'yyyy-MM-dd HH:mm')",
        "date_format(ts, 'yyyy-MM')", "date_format(ts, 'dd/MMM/yyyy HH:mm:ss')",
        "date_format(dt, 'yyyy-MM-dd HH')", "date_trunc('hour', ts)", "date_trunc('day', dt)",
        "date_trunc('month', ts)", "date_trunc('quarter', ts)", "date_trunc('week', ts)",
        "date_trunc('year', ts)", "date_trunc('minute', ts)", "date_trunc('second', ts)",
        "time_bucket('15 minutes', ts)", "time_bucket('1 hour', ts)", "timestamp_seconds(b)",
        "timestamp_millis(b)", "to_timestamp('31/01/2024 13:45', 'dd/MM/yyyy HH:mm')",
        "to_timestamp(CAST(dt AS STRING))", "b div 7", "i div 0", "b div i",
        "rlike(s, 'l+')", "regexp(v, '^[a-z]')", "regexp_like(s, 'o w')", "lcase(s)", "ucase(v)",
        "char_length(s)", "character_length(v)", "iff(i > 0, s, v)");
  }

  static Connection duck;
  static SqlTranslator translator;
  static Table table;

  @BeforeAll
  static void load() throws SQLException {
    table = HiveDdl.table(DDL);
    translator = new SqlTranslator(Catalog.empty().with(table));
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE t (i INTEGER, b BIGINT, d DOUBLE, m DECIMAL(15,2), "
          + "n DECIMAL(10,4), s VARCHAR, v VARCHAR(20), dt DATE, ts TIMESTAMP)");
      for (String[] row : ROWS) {
        List<String> lits = new ArrayList<>();
        for (String f : row) {
          lits.add(f.equals("\\N") ? "NULL" : "'" + f.replace("'", "''") + "'");
        }
        st.execute("INSERT INTO t VALUES (" + String.join(", ", lits) + ")");
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  static Stream<String> cases() {
    return expressions().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithDuckDb(String expr) throws SQLException {
    Plan plan = translator.translate("SELECT " + expr + " AS x FROM t");
    Plan.Project p = project(plan);
    Expr e = p.exprs().get(0);
    List<Field> schema = p.input().schema();
    Evaluator.Fn f = Evaluator.compile(e, schema);
    List<Object> got = new ArrayList<>();
    for (String[] text : ROWS) {
      got.add(f.eval(row(text, schema)));
    }
    List<Object> expected = SPARK.get(expr);
    if (expected == null) {
      expected = new ArrayList<>();
      try (Statement st = duck.createStatement();
          ResultSet rs = st.executeQuery("SELECT " + DUCKDB.getOrDefault(expr, expr)
              + " AS x FROM t")) {
        while (rs.next()) {
          String text = rs.getString(1);
          if (e.type().kind() == Kind.DATE && text != null) {
            // DuckDB's date + interval is a timestamp at midnight; Spark's a date
            assertTrue(text.length() == 10 || text.substring(10).matches(" 00:00:00(\\.0+)?"),
                text);
            expected.add(LocalDate.parse(text.substring(0, 10)));
          } else if (e.type().kind() == Kind.TIMESTAMP) {
            Object o = rs.getObject(1); // DuckDB's date_trunc of a unit of days or more: a date
            expected.add(o instanceof LocalDate d ? d.atStartOfDay()
                : o instanceof java.sql.Timestamp t ? t.toLocalDateTime() : o);
          } else {
            expected.add(rs.getObject(1));
          }
        }
      }
    }
    assertEquals(expected.size(), got.size(), expr);
    for (int i = 0; i < got.size(); i++) {
      check(expr + " row " + i + " (" + e + " : " + e.type() + ")", e.type(), expected.get(i),
          got.get(i));
    }
  }

  static Plan.Project project(Plan plan) {
    if (plan instanceof Plan.Project p) {
      return p;
    }
    for (Plan in : plan.inputs()) {
      return project(in);
    }
    throw new AssertionError("no Project in " + plan.explain());
  }

  /** A table row from its Hive text, laid out as {@code schema} (the scan's columns). */
  static Object[] row(String[] text, List<Field> schema) {
    Object[] row = new Object[schema.size()];
    List<Column> cols = table.columns();
    for (int k = 0; k < schema.size(); k++) {
      for (int c = 0; c < cols.size(); c++) {
        if (cols.get(c).name().equals(schema.get(k).name())) {
          Object v = Values.parse(text[c], cols.get(c).type());
          assertNotSame(Values.BAD, v, text[c]);
          row[k] = v;
        }
      }
    }
    return row;
  }

  static void check(String what, DataType type, Object expected, Object got) {
    if (got == null && expected instanceof Double x && !Double.isFinite(x)) {
      // DuckDB's / gives +-Infinity or NaN for a zero divisor; Spark, Hive (and Drover) NULL
      return;
    }
    if (expected == null || got == null) {
      assertEquals(expected, got, what);
      return;
    }
    switch (type.kind()) {
      case DECIMAL: {
        BigDecimal g = (BigDecimal) got;
        assertEquals(type.scale(), g.scale(), what + ": scale of " + g);
        if (expected instanceof Double x) {
          // DuckDB divides decimals in double; Spark keeps them exact at the type's scale
          assertTrue(Math.abs(g.doubleValue() - x) <= Math.pow(10, -type.scale()) / 2
              + 1e-12 * Math.abs(x), what + ": " + g + " vs " + x);
        } else {
          assertEquals(0, ((BigDecimal) expected).compareTo(g), what + ": " + g + " vs "
              + expected);
        }
        return;
      }
      case DOUBLE: {
        double x = ((Number) expected).doubleValue();
        double g = (Double) got;
        assertTrue(x == g || Double.isNaN(x) && Double.isNaN(g) || Math.abs(x - g) <= 1e-12 * Math.abs(x), what + ": " + g + " vs "
            + x);
        return;
      }
      case INT:
      case BIGINT:
        if (expected instanceof BigInteger || expected instanceof Number) {
          assertEquals(((Number) expected).longValue(), (Long) got, what);
          return;
        }
        fail(what + ": DuckDB gave " + expected.getClass());
        return;
      default:
        assertEquals(expected, got, what);
    }
  }
}
