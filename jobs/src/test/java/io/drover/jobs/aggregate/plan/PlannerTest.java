package io.drover.jobs.aggregate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.aggregate.InMemoryAggregation;
import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.sql.QueryParser;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL to plan: name resolution, refusals as SQL engines make them, and results in memory. */
class PlannerTest {
  static final Schema FLIGHTS = new Schema(List.of(
      new Schema.Field("date", Type.TIMESTAMP), new Schema.Field("delay", Type.LONG),
      new Schema.Field("distance", Type.LONG), new Schema.Field("origin", Type.STRING),
      new Schema.Field("destination", Type.STRING)));

  static Plan plan(String sql) throws QueryException {
    return Planner.plan(QueryParser.parse(sql), FLIGHTS, ZoneOffset.UTC);
  }

  static String refusal(String sql) {
    return assertThrows(QueryException.class, () -> plan(sql)).getMessage();
  }

  @Test
  void unsupportedConstructsAreRefusedByName() {
    assertEquals("JOIN is not supported: JOIN b ON a.x = b.x",
        refusal("SELECT count(*) FROM a JOIN b ON a.x = b.x"));
    assertTrue(refusal("SELECT count(*) FROM (SELECT * FROM t) s")
        .startsWith("only FROM <table> is supported"));
    assertEquals("UNION (set operations) is not supported",
        refusal("SELECT origin FROM f GROUP BY origin UNION SELECT origin FROM g GROUP BY origin"));
    assertEquals("WITH (common table expressions) is not supported",
        refusal("WITH x AS (SELECT 1) SELECT count(*) FROM x"));
    assertTrue(refusal("SELECT origin, rank() OVER (ORDER BY origin) FROM f GROUP BY origin")
        .startsWith("window functions (OVER ...) are not supported"));
    assertTrue(refusal("SELECT * FROM f").startsWith("SELECT * is not supported"));
    assertEquals("SELECT DISTINCT is not supported; GROUP BY the columns instead",
        refusal("SELECT DISTINCT origin FROM f"));
    assertTrue(refusal("SELECT origin, count(*) FROM f WHERE delay IN (SELECT 1) GROUP BY origin")
        .startsWith("IN with a subquery is not supported"));
    assertEquals("only SELECT is supported, got INSERT",
        refusal("INSERT INTO t VALUES (1)"));
    assertTrue(refusal("SELEC count(*) FROM f").startsWith("cannot parse the SQL: "));
    assertTrue(refusal("SELECT count(DISTINCT origin), count(DISTINCT destination) FROM f")
        .startsWith("count(DISTINCT ...) of two different expressions (`origin`, "
            + "`destination`) in one query is not supported"));
    assertTrue(refusal("SELECT sum(DISTINCT delay) FROM f")
        .startsWith("sum(DISTINCT ...) is not supported; count(DISTINCT x) is (exact)"));
    assertEquals("OFFSET is not supported",
        refusal("SELECT origin, count(*) FROM f GROUP BY origin LIMIT 5 OFFSET 2"));
  }

  @Test
  void unknownColumnsNameTheColumnAndListTheInput() {
    assertEquals("unknown column `dealy`; the input has: date timestamp, delay bigint, "
        + "distance bigint, origin string, destination string",
        refusal("SELECT origin, avg(dealy) FROM f GROUP BY origin"));
  }

  @Test
  void ungroupedColumnsAndMisplacedAggregatesAreRefusedAsSqlEnginesDo() {
    assertEquals("column `destination` in SELECT is neither grouped nor inside an aggregate; "
        + "add it to GROUP BY or use an aggregate such as min(destination)",
        refusal("SELECT origin, destination, count(*) FROM f GROUP BY origin"));
    assertEquals("aggregate functions are not allowed in WHERE: count(*) (filter groups with "
        + "HAVING)", refusal("SELECT origin FROM f WHERE count(*) > 3 GROUP BY origin"));
    assertTrue(refusal("SELECT sum(count(*)) FROM f").startsWith(
        "aggregate functions are not allowed in an aggregate's argument"));
    assertEquals("GROUP BY 2 refers to an aggregate: count(*)",
        refusal("SELECT origin, count(*) FROM f GROUP BY 1, 2"));
    assertEquals("GROUP BY position 3 is not in the select list (1 to 2)",
        refusal("SELECT origin, count(*) FROM f GROUP BY 3"));
    assertTrue(refusal("SELECT origin FROM f").startsWith("the query has neither GROUP BY"));
    assertTrue(refusal("SELECT origin, count(*) FROM f GROUP BY origin HAVING delay > 3")
        .startsWith("column `delay` in HAVING is neither grouped"));
  }

  static final List<String> CSV = List.of(
      "date,delay,distance,origin,destination",
      "2001-01-01 10:15,5,100,ORD,LAX",
      "2001-01-01 10:45,-3,200,ORD,SFO",
      "2001-01-01 11:05,,150,LAX,ORD",
      "2001-01-02 09:00,60,100,ORD,LAX",
      "2001-01-02 09:30,12,900,SFO,ORD");

  @Test
  void groupByExpressionAliasAndOrdinalAreTheSame() throws Exception {
    List<String> expected = List.of("2001-01-01 10:00:00\t2", "2001-01-01 11:00:00\t1",
        "2001-01-02 09:00:00\t2");
    assertEquals(expected, InMemoryAggregation.run("SELECT date_trunc('hour', date) h, count(*) "
        + "FROM f GROUP BY date_trunc('hour', date)", Format.CSV, CSV));
    assertEquals(expected, InMemoryAggregation.run("SELECT date_trunc('hour', date) h, count(*) "
        + "FROM f GROUP BY h", Format.CSV, CSV));
    assertEquals(expected, InMemoryAggregation.run("SELECT date_trunc('hour', date) h, count(*) "
        + "FROM f GROUP BY 1", Format.CSV, CSV));
  }

  @Test
  void nullsGroupTogetherAndSortFirstAndHavingFiltersGroups() throws Exception {
    assertEquals(List.of("\\N\t1", "-3\t1", "5\t1", "12\t1", "60\t1"), InMemoryAggregation.run(
        "SELECT delay, count(*) FROM f GROUP BY delay", Format.CSV, CSV));
    assertEquals(List.of("ORD\t3\t62"), InMemoryAggregation.run(
        "SELECT origin, count(*) n, sum(delay) FROM f GROUP BY origin HAVING n > 1",
        Format.CSV, CSV));
    assertEquals(List.of("SFO\t12", "ORD\t62", "LAX\t\\N"), InMemoryAggregation.run(
        "SELECT origin, sum(delay) s FROM f GROUP BY origin ORDER BY s NULLS LAST, origin DESC",
        Format.CSV, CSV));
    assertEquals(List.of("ORD\t62"), InMemoryAggregation.run(
        "SELECT origin, sum(delay) s FROM f GROUP BY origin ORDER BY count(*) DESC LIMIT 1",
        Format.CSV, CSV));
    // SELECT expressions over keys and aggregates
    assertEquals(List.of("lax\t\\N\t2", "ord\t20.666666666666668\t6"), InMemoryAggregation.run(
        "SELECT lower(origin), sum(delay) / count(delay), count(*) * 2 FROM f "
            + "WHERE origin <> 'SFO' GROUP BY origin", Format.CSV, CSV));
  }

  @Test
  void explainSaysWhatEachPhaseDoesAndStatesApproximationBounds() throws Exception {
    Plan p = plan("SELECT origin, count(*) n, approx_count_distinct(destination), "
        + "percentile_approx(delay, 0.95) FROM f WHERE distance > 100 GROUP BY origin "
        + "HAVING count(*) > 10 ORDER BY n DESC LIMIT 5");
    String text = p.explain("csv", RowFormat.TSV);
    assertTrue(text.contains("filter   (`distance` > 100)"), text);
    assertTrue(text.contains("key      `origin`"), text);
    assertTrue(text.contains("having   (count(*) > 10)"), text);
    assertTrue(text.contains("Job 2: order/limit (one reducer)"), text);
    assertTrue(text.contains("keep the 5 first rows of the split (bounded heap)"), text);
    assertTrue(text.contains("sort by    n DESC NULLS LAST, then group key"), text);
    assertTrue(text.contains("approx_count_distinct(`destination`): HyperLogLog lgK=9: relative "
        + "standard error 4.60%"), text);
    assertTrue(text.contains("percentile_approx(`delay`, 0.95): KLL k=200"), text);
  }

  @Test
  void countDistinctIsExactAndIgnoresNulls() throws Exception {
    // by hand from CSV: ORD flies to LAX, SFO, LAX (2 distinct); LAX to ORD; SFO to ORD
    assertEquals(List.of("LAX\t1\t1\t\\N", "ORD\t2\t3\t62", "SFO\t1\t1\t12"),
        InMemoryAggregation.run("SELECT origin, count(DISTINCT destination), count(*), "
            + "sum(delay) FROM f GROUP BY origin", Format.CSV, CSV));
    // delays 5, -3, NULL, 60, 12: four distinct non-NULL values, five rows
    assertEquals(List.of("4\t5\t4"), InMemoryAggregation.run("SELECT count(DISTINCT delay), "
        + "count(*), count(delay) FROM f", Format.CSV, CSV));
    assertEquals(List.of("ORD\t2"), InMemoryAggregation.run("SELECT origin, "
        + "count(DISTINCT destination) d FROM f GROUP BY origin HAVING d > 1 ORDER BY d DESC",
        Format.CSV, CSV));
    String text = plan("SELECT origin, count(DISTINCT destination) FROM f GROUP BY origin")
        .explain("csv", RowFormat.TSV);
    assertTrue(text.contains("Job 1: group by (key, `destination`) for count(DISTINCT)"), text);
    assertTrue(text.contains("Job 2: regroup by key"), text);
  }
}
