package io.drover.jobs.sql.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.parse.HiveDdl;
import io.drover.jobs.sql.parse.SqlTranslator;
import org.junit.jupiter.api.Test;

/** Each rule on small plans, as exact {@code explain} text. */
class RulesTest {
  static final Catalog CATALOG = HiveDdl.addTables(Catalog.empty(),
      "CREATE TABLE t (a int, b string, c decimal(10,2)) LOCATION '/t';"
          + " CREATE TABLE u (a int, d date) LOCATION '/u';"
          + " CREATE TABLE v (a int, e int) LOCATION '/v'", "test.ddl");
  static final SqlTranslator SQL = new SqlTranslator(CATALOG);

  static Plan plan(String sql) {
    return SQL.translate(sql);
  }

  @Test
  void aDistinctAggregateBecomesTwoLevelsGroupedByItsArgumentFirst() {
    Plan p = plan("select b, count(distinct a), count(*), sum(c), max(a) from t group by b");
    assertEquals("""
        Project [t.b, _agg0 AS count(DISTINCT a), _agg1 AS count(*), _agg2 AS sum(c), _agg3 AS max(a)]
          Project [t.b, _merged0 AS _agg0, coalesce(_merged1, 0) AS _agg1, CAST(_merged2 AS decimal(20,2)) AS _agg2, _merged3 AS _agg3]
            Aggregate keys [t.b] calls [count(_distinct), sum(_partial0), sum(_partial1), max(_partial2)]
              Aggregate keys [t.b, t.a] calls [count(*), sum(t.c), max(t.a)]
                Scan t [a, b, c]
        """, new DistinctAggregation().apply(p).explain());
    // other shapes keep one level: two DISTINCT arguments, an aggregate that does not merge
    for (String q : new String[] {"select count(distinct a), count(distinct b) from t",
        "select count(distinct a), avg(c) from t", "select count(distinct a), stddev(c) from t",
        "select b, count(*) from t group by b"}) {
      Plan one = plan(q);
      assertEquals(one, new DistinctAggregation().apply(one), q);
    }
  }

  @Test
  void constantFoldingFoldsArithmeticComparisonsBooleansAndDateIntervals() {
    Plan p = plan("select a from u where a > 1 + 2 and d <= date '1998-12-01' - interval '90' day"
        + " and 1 < 2 and (1 = 2 or a = 3) and not (1 = 2)");
    assertEquals("""
        Project [u.a]
          Filter (((u.a > 3) AND (u.d <= DATE '1998-09-02')) AND (u.a = 3))
            Scan u [a, d]
        """, new ConstantFolding().apply(p).explain());
  }

  @Test
  void aConjunctCommonToEveryBranchOfAnOrBecomesAJoinKey() {
    Plan p = plan("select t.b from t, u where (t.a = u.a and t.c > 1 and u.d < date '1995-01-01')"
        + " or (t.a = u.a and t.c < 0) or (u.a = t.a and t.b = 'x')");
    assertEquals("""
        Project [t.b]
          Join INNER [t.a = u.a] residual ((((t.c > 1) AND (u.d < DATE '1995-01-01')) OR (t.c < 0)) OR (t.b = 'x'))
            Scan t [a, b, c]
            Scan u [a, d]
        """, Rules.optimize(p).explain());
    // absorption: a OR (a AND c) is a
    assertEquals("""
        Project [u.a]
          Filter (u.a = 3)
            Scan u [a, d]
        """, new ConstantFolding().apply(plan("select a from u where a = 3 or (a = 3 and"
            + " d is null)")).explain());
  }

  @Test
  void constantFoldingRemovesAFilterThatIsAlwaysTrue() {
    assertEquals("""
        Project [u.a]
          Scan u [a, d]
        """, new ConstantFolding().apply(plan("select a from u where 2 * 3 = 6")).explain());
  }

  @Test
  void pushdownTurnsACommaJoinWithAnEqualityIntoAnInnerEquiJoin() {
    Plan p = plan("select t.b, u.d from t, u where t.a = u.a and t.c > 5"
        + " and u.d < date '1995-01-01'");
    assertEquals("""
        Project [t.b, u.d]
          Join INNER [t.a = u.a]
            Filter (t.c > 5)
              Scan t [a, b, c]
            Filter (u.d < DATE '1995-01-01')
              Scan u [a, d]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void pushdownRotatesACommaJoinWhoseFirstTwoTablesNoEqualityConnects() {
    Plan p = plan("select t.b from t, u, v where t.a = v.a and u.a = v.e");
    assertEquals("""
        Project [t.b]
          Project [t.a, t.b, t.c, u.a, u.d, v.a, v.e]
            Join INNER [v.e = u.a]
              Join INNER [t.a = v.a]
                Scan t [a, b, c]
                Scan v [a, e]
              Scan u [a, d]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void pushdownIntoALeftJoinKeepsWhereConjunctsOnTheNullSideAbove() {
    // WHERE t.c > 2 goes into the preserved side; WHERE u.d IS NULL stays above (it must see
    // the NULLs the join adds); ON u.d > ... goes into the right side, ON t.c > 1 stays in the
    // join (it decides matching, not keeping).
    Plan p = plan("select t.b, u.d from t left join u on t.a = u.a and u.d > date '1995-01-01'"
        + " and t.c > 1 where t.c > 2 and u.d is null");
    assertEquals("""
        Project [t.b, u.d]
          Filter u.d IS NULL
            Join LEFT [t.a = u.a] residual (t.c > 1)
              Filter (t.c > 2)
                Scan t [a, b, c]
              Filter (u.d > DATE '1995-01-01')
                Scan u [a, d]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void aWhereConjunctThatRejectsNullsMakesALeftJoinInner() {
    Plan p = plan("select t.b, u.d from t left join u on t.a = u.a where u.d > date '1995-01-01'");
    assertEquals("""
        Project [t.b, u.d]
          Join INNER [t.a = u.a]
            Scan t [a, b, c]
            Filter (u.d > DATE '1995-01-01')
              Scan u [a, d]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void aNullRejectingWhereOnOneSideOfAFullJoinMakesItOuterOnTheOtherSide() {
    // Rows padded with NULLs for u cannot pass u.d > ...: FULL becomes RIGHT, and then the
    // conjunct goes into u; t.b IS NULL rejects nothing and stays above.
    Plan p = plan("select t.b from t full join u on t.a = u.a"
        + " where u.d > date '1995-01-01' and t.b is null");
    assertEquals("""
        Project [t.b]
          Filter t.b IS NULL
            Join RIGHT [t.a = u.a]
              Scan t [a, b, c]
              Filter (u.d > DATE '1995-01-01')
                Scan u [a, d]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void aHavingOnAGroupingColumnGoesBelowTheAggregate() {
    Plan p = plan("select b, count(*) from t group by b having b = 'x' and count(*) > 1");
    assertEquals("""
        Project [t.b, _agg0 AS count(*)]
          Filter (_agg0 > 1)
            Aggregate keys [t.b] calls [count(*)]
              Filter (t.b = 'x')
                Scan t [a, b, c]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void pushdownThroughProjectsRewritesColumnReferences() {
    Plan p = plan("select x from (select a + 1 as x, b from t) s where x > 3 and b = 'q'");
    assertEquals("""
        Project [s.x]
          Project [x AS s.x, t.b AS s.b]
            Project [(t.a + 1) AS x, t.b]
              Filter (((t.a + 1) > 3) AND (t.b = 'q'))
                Scan t [a, b, c]
        """, new PredicatePushdown().apply(p).explain());
  }

  @Test
  void pruningKeepsOnlyTheColumnsUsedAbove() {
    Plan p = plan("select x from (select a + 1 as x, b from t) s where x > 3 and b = 'q'");
    assertEquals("""
        Project [s.x]
          Project [x AS s.x]
            Project [(t.a + 1) AS x]
              Filter (((t.a + 1) > 3) AND (t.b = 'q'))
                Scan t [a, b]
        """, new ColumnPruning().apply(new PredicatePushdown().apply(p)).explain());
  }

  @Test
  void correlatedExistsBecomesASemiJoin() {
    Plan p = plan("select b from t where exists"
        + " (select * from u where u.a = t.a and u.d > date '1995-01-01')");
    assertEquals("""
        Project [t.b]
          Join SEMI residual (sq0.c0 = t.a)
            Scan t [a, b, c]
            Project [u.a AS sq0.c0]
              Filter (u.d > DATE '1995-01-01')
                Scan u [a, d]
        """, new Decorrelation().apply(p).explain());
    assertEquals("""
        Project [t.b]
          Join SEMI [t.a = sq0.c0]
            Scan t [a, b]
            Project [u.a AS sq0.c0]
              Filter (u.d > DATE '1995-01-01')
                Scan u [a, d]
        """, Rules.optimize(p).explain());
  }

  @Test
  void notExistsBecomesAnAntiJoin() {
    assertEquals("""
        Project [t.b]
          Join ANTI [t.a = sq0.c0]
            Scan t [a, b]
            Project [u.a AS sq0.c0]
              Scan u [a]
        """, Rules.optimize(plan("select b from t where not exists"
        + " (select * from u where u.a = t.a)")).explain());
  }

  @Test
  void inBecomesASemiJoin() {
    assertEquals("""
        Project [t.b]
          Join SEMI [t.a = sq0.c0]
            Scan t [a, b]
            Project [u.a AS sq0.c0]
              Scan u [a]
        """, Rules.optimize(plan("select b from t where a in (select a from u)")).explain());
  }

  @Test
  void notInBecomesANullAwareAntiJoin() {
    // A left row goes when its comparison with some subquery row is true or unknown (NULL).
    assertEquals("""
        Project [t.b]
          Join ANTI residual ((t.a = sq0.c0) OR (t.a = sq0.c0) IS NULL)
            Scan t [a, b]
            Project [u.a AS sq0.c0]
              Scan u [a]
        """, Rules.optimize(plan("select b from t where a not in (select a from u)"))
        .explain());
  }

  @Test
  void correlatedScalarSubqueryBecomesAGroupedAggregateLeftJoined() {
    Plan p = plan("select b from t where c > (select avg(a) * 2 from u where u.a = t.a)");
    assertEquals("""
        Project [t.b]
          Project [t.a, t.b, t.c]
            Filter (t.c > sq0.c0)
              Join LEFT [t.a = sq0.k0]
                Scan t [a, b, c]
                Project [(_agg0 * 2) AS sq0.c0, sq0.k0]
                  Aggregate keys [u.a] calls [avg(u.a)]
                    Scan u [a, d]
        """, new Decorrelation().apply(p).explain());
  }

  @Test
  void correlatedScalarSubqueryWithCountIsLeftAlone() {
    Plan p = plan("select b from t where c > (select count(*) from u where u.a = t.a)");
    assertEquals(p.explain(), new Decorrelation().apply(p).explain());
  }

  @Test
  void uncorrelatedScalarSubqueryBecomesAJoinWithItsOneRow() {
    assertEquals("""
        Project [t.b]
          Project [t.b]
            Join INNER residual (t.c > sq0.c0)
              Scan t [b, c]
              Project [max(a) AS sq0.c0]
                Project [_agg0 AS max(a)]
                  Aggregate keys [] calls [max(u.a)]
                    Scan u [a]
        """, Rules.optimize(plan("select b from t where c > (select max(a) from u)")).explain());
  }

  @Test
  void whatTheRulesLeaveIsNamed() {
    assertEquals("a scalar subquery in WHERE or HAVING (a correlated one with count or not"
        + " correlated by equalities) is not supported: (t.c > (subquery)); rewrite it as a join",
        Rules.uncompiledSubquery(Rules.optimize(
            plan("select b from t where c > (select count(*) from u where u.a = t.a)"))));
    assertEquals(null, Rules.uncompiledSubquery(Rules.optimize(
        plan("select b from t where c > (select max(a) from u)"))));
  }

  @Test
  void uncorrelatedScalarSubqueryInSelectBecomesAJoinWithItsOneRow() {
    Plan p = Rules.optimize(plan("select b, (select max(a) from u) from t"));
    assertEquals(null, Rules.uncompiledSubquery(p), p.explain());
    assertTrue(p.explain().contains("Join CROSS") || p.explain().contains("Join INNER"),
        p.explain());
  }
}
