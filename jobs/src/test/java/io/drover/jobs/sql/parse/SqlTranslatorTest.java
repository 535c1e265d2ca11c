package io.drover.jobs.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.logical.Field;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small queries to plans (as {@code explain} text) and the translator's one-line refusals. */
class SqlTranslatorTest {
  static final Catalog CATALOG = HiveDdl.addTables(Catalog.empty(),
      "CREATE TABLE t (a int, b string, c decimal(10,2)) LOCATION '/t';"
          + " CREATE TABLE u (a int, d date) LOCATION '/u'", "test.ddl");
  static final SqlTranslator SQL = new SqlTranslator(CATALOG);

  static String explain(String sql) {
    return SQL.translate(sql).explain();
  }

  @Test
  void filterAggregateHavingSortLimit() {
    assertEquals("""
        Limit 5
          Sort [n DESC, t.b ASC NULLS FIRST]
            Project [t.b, _agg0 AS n, _agg1 AS sum(c)]
              Filter (_agg1 > 10)
                Aggregate keys [t.b] calls [count(*), sum(t.c)]
                  Filter (t.a > 1)
                    Scan t [a, b, c]
        """, explain("SELECT b, count(*) AS n, sum(c) FROM t WHERE a > 1 GROUP BY b"
            + " HAVING sum(c) > 10 ORDER BY n DESC, b LIMIT 5"));
  }

  @Test
  void outerJoinSplitsEquiKeysFromTheResidual() {
    assertEquals("""
        Project [t.a, u.d]
          Join LEFT [t.a = u.a] residual (u.d > (DATE '2020-01-01' + INTERVAL '1' MONTH))
            Scan t [a, b, c]
            Scan u [a, d]
        """, explain("SELECT t.a, d FROM t LEFT JOIN u ON t.a = u.a"
            + " AND d > date '2020-01-01' + interval '1' month"));
  }

  @Test
  void commaJoinIsCrossUnderTheFilterAndStarExpands() {
    assertEquals("""
        Project [t.a, t.b, t.c, u.a, u.d]
          Filter (t.a = u.a)
            Join CROSS
              Scan t [a, b, c]
              Scan u [a, d]
        """, explain("SELECT * FROM t, u WHERE t.a = u.a"));
  }

  /** JSqlParser 5.3 reads {@code a IN (1, 2) AND b = 'x'} as {@code a IN ((1, 2) AND ...)}. */
  @Test
  void inListBindsTighterThanAndOr() {
    assertEquals("""
        Project [t.b]
          Filter ((t.a IN (1, 2) AND (t.b = 'x')) OR t.c BETWEEN 1 AND 2.5)
            Scan t [a, b, c]
        """, explain("SELECT b FROM t WHERE a IN (1, 2) AND b = 'x' OR c BETWEEN 1 AND 2.5"));
  }

  @Test
  void subqueriesStayAsNodesWithOuterReferences() {
    assertEquals("""
        Project [t.b]
          Filter (EXISTS (subquery) AND (t.a NOT IN (subquery) AND (t.c > (subquery))))
            subquery:
              Project [u.a, u.d]
                Filter (u.a = outer t.a)
                  Scan u [a, d]
            subquery:
              Project [u.a]
                Scan u [a, d]
            subquery:
              Project [_agg0 AS max(a)]
                Aggregate keys [] calls [max(u.a)]
                  Scan u [a, d]
            Scan t [a, b, c]
        """, explain("SELECT b FROM t WHERE EXISTS (SELECT * FROM u WHERE u.a = t.a)"
            + " AND a NOT IN (SELECT a FROM u) AND c > (SELECT max(a) FROM u)"));
  }

  @Test
  void cteAndDerivedTableColumnLists() {
    assertEquals("""
        Project [x.k, x.total]
          Project [w.k AS x.k, w.total AS x.total]
            Project [t.a AS w.k, sum(c) AS w.total]
              Project [t.a, _agg0 AS sum(c)]
                Aggregate keys [t.a] calls [sum(t.c)]
                  Scan t [a, b, c]
        """, explain("WITH w (k, total) AS (SELECT a, sum(c) FROM t GROUP BY a)"
            + " SELECT x.k, x.total FROM w AS x"));
    assertEquals("""
        Project [s.y]
          Project [a + 1 AS s.y]
            Project [(t.a + 1) AS a + 1]
              Scan t [a, b, c]
        """, explain("SELECT s.y FROM (SELECT a + 1 FROM t) AS s (y)"));
  }

  @Test
  void distinctAndUnion() {
    assertEquals("""
        Aggregate keys [t.b] calls []
          Project [t.b]
            Scan t [a, b, c]
        """, explain("SELECT DISTINCT b FROM t"));
    assertEquals("""
        Union ALL
          Project [t.a]
            Scan t [a, b, c]
          Project [u.a]
            Scan u [a, d]
        """, explain("SELECT a FROM t UNION ALL SELECT a FROM u"));
  }

  @Test
  void outputNamesAndTypes() {
    String schema = SQL.translate("SELECT extract(year FROM d), d - interval '3' day,"
        + " CASE WHEN t.a = 1 THEN c ELSE 0 END, substring(b FROM 2 FOR 3), t.a / 2, c * c,"
        + " c / 3, count(DISTINCT b) AS nb FROM t JOIN u ON t.a = u.a GROUP BY d, t.a, c, b")
        .schema().stream().map(Field::toString).collect(Collectors.joining(" | "));
    assertEquals("EXTRACT(year FROM d) int | d - INTERVAL '3' day date"
        + " | CASE WHEN t.a = 1 THEN c ELSE 0 END decimal(12,2)"
        + " | substring(b FROM 2 FOR 3) string | t.a / 2 double | c * c decimal(21,4)"
        + " | c / 3 decimal(21,13) | nb bigint", schema);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "SELECT a FROM t, u#column a is ambiguous: t.a, u.a (qualify it with its table)",
      "SELECT z FROM t#unknown column z; the columns here: a int, b string, c decimal(10,2)",
      "SELECT q.a FROM t#unknown column q.a; the columns here: a int, b string, c decimal(10,2)",
      "SELECT * FROM v#unknown table v (defined: t, u)",
      "SELECT a, sum(c) FROM t#SELECT uses column t.a, which is neither in GROUP BY nor inside"
          + " an aggregate",
      "SELECT b FROM t ORDER BY c#ORDER BY c: sort by a selected column (its name, alias or"
          + " position); sorting by other expressions is not supported yet",
      "SELECT sum(sum(c)) FROM t#aggregate sum(c) is not allowed here (only in SELECT, HAVING"
          + " and ORDER BY, not nested)",
      "SELECT a FROM t WHERE sum(c) > 1#aggregate sum(c) is not allowed here (only in SELECT,"
          + " HAVING and ORDER BY, not nested)",
      "SELECT a FROM t WHERE b#WHERE b is string, not a condition",
      "SELECT a FROM t WHERE b LIKE 1#b LIKE 1: LIKE needs text on both sides",
      "SELEC a FROM t#cannot parse the query: Encountered unexpected token: \"SELEC\""
          + " <S_IDENTIFIER>",
      "SELECT b + 1 FROM t#b + 1: cannot apply + to string and int",
      "SELECT flor(a) FROM t#unknown function flor in flor(a); did you mean floor, log?",
      "SELECT a FROM u WHERE d = DATE '2024-13-01'#DATE '2024-13-01' is not a date (yyyy-mm-dd)",
      "SELECT nvl2(a, 1, 2) FROM t#unknown function nvl2 in nvl2(a, 1, 2); did you mean nvl?",
      "SELECT lenght(b) FROM t#unknown function lenght in lenght(b); did you mean length?",
      "SELECT stdev(c) FROM t#unknown function stdev in stdev(c); did you mean stddev, std?",
      "SELECT stddev(d) FROM u#stddev(d): stddev takes a number, not date",
      "SELECT if(a, 1, 2) FROM t#if(a, 1, 2): t.a is int, not a condition",
      "SELECT floor(b) FROM t#floor(b): floor takes a number, not string",
      "SELECT lpad(a, 3) FROM t#lpad(a, 3): lpad takes text, not int (t.a)",
      "SELECT date_add(d, 1.5) FROM u#date_add(d, 1.5): date_add's days must be a whole number",
      "SELECT b % 2 FROM t#b % 2: cannot apply % to string and int",
      "SELECT greatest(a) FROM t#greatest(a): greatest takes 2 or more arguments, not 1",
      "SELECT regexp_replace(b, '(a', '') FROM t#regexp_replace(b, '(a', ''): bad regular"
          + " expression '(a': Unclosed group",
      "SELECT regexp_replace(b, '(a)', '$2') FROM t#regexp_replace(b, '(a)', '$2'): bad"
          + " replacement '$2': the pattern has 1 groups, $2 was asked for",
      "SELECT regexp_replace(b, 'a', 'US$') FROM t#regexp_replace(b, 'a', 'US$'): bad"
          + " replacement 'US$': a $ with no group after it (write \\$ for a dollar sign)",
      "SELECT regexp_extract(b, '(a)', 2) FROM t#regexp_extract(b, '(a)', 2): the regular"
          + " expression has 1 groups, group 2 was asked for",
      "SELECT to_date(b, 'yyyy-bb') FROM t#to_date(b, 'yyyy-bb'): bad date format 'yyyy-bb':"
          + " Unknown pattern letter: b",
      "SELECT a FROM t UNION SELECT a, d FROM u#UNION of 1 and 2 columns: each SELECT must give"
          + " the same number",
      "SELECT 1#SELECT without FROM is not supported yet",
      "SELECT a FROM t HAVING a > 1#HAVING without GROUP BY or an aggregate: use WHERE",
      "SELECT b, count(*) FROM t GROUP BY 3#GROUP BY position 3 is not in the select list"
          + " (1..2)",
      "SELECT b, count(*) FROM t GROUP BY 0#GROUP BY position 0 is not in the select list"
          + " (1..2)",
      "SELECT b, count(*) FROM t GROUP BY 1, 2#GROUP BY position 2 is an aggregate, which"
          + " cannot be grouped by",
      "SELECT b, count(*) AS n FROM t GROUP BY b, n#GROUP BY n is an aggregate, which cannot be"
          + " grouped by",
  })
  void refusalsAreOneLineNamingTheBadPart(String sql, String message) {
    assertEquals(message, assertThrows(SqlException.class, () -> SQL.translate(sql)).getMessage());
  }
}
