package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Join and subquery semantics where TPC-H is kind (no NULLs, no outer sides kept, no FULL joins):
 * two seeded random tables with NULL keys, a hot key (nearly a third of the rows on each side),
 * duplicate keys, keys on one side only and empty strings, and empty join sides, each query run by
 * {@code sql} as the planner chooses (broadcast joins) and with broadcasting off over 3 reducers,
 * against DuckDB on the same files.
 */
class SqlJoinsDuckDbTest {
  static final String[] QUERIES = {
    "SELECT t.a, t.b, u.d FROM t JOIN u ON t.a = u.a",
    "SELECT t.a, t.b, u.a, u.d FROM t LEFT JOIN u ON t.a = u.a",
    "SELECT t.a, t.b, u.a, u.d FROM t RIGHT JOIN u ON t.a = u.a",
    "SELECT t.a, t.b, u.a, u.d FROM t FULL OUTER JOIN u ON t.a = u.a",
    "SELECT t.a, t.b, u.d FROM t LEFT JOIN u ON t.a = u.a AND u.d <> t.b",
    "SELECT t.a, t.b, u.d FROM t FULL OUTER JOIN u ON t.a = u.a AND t.c > u.e",
    "SELECT t.a, t.b, u.d FROM t JOIN u ON t.a = u.a AND t.b = u.d",
    "SELECT t.a, t.c, u.a, u.e FROM t JOIN u ON t.c = u.e",
    "SELECT t.a, t.c, u.e FROM t LEFT JOIN u ON t.c + 0.5 = u.e + 0.50",
    "SELECT count(*) FROM t WHERE c IN (SELECT e FROM u)",
    "SELECT count(*) FROM t JOIN u ON t.c * 0.0e0 = u.e * 0.0e0 WHERE t.a = 7 AND u.a = 7",
    "SELECT * FROM t WHERE a IN (SELECT a FROM u)",
    "SELECT * FROM t WHERE a NOT IN (SELECT a FROM u)",
    "SELECT * FROM t WHERE a NOT IN (SELECT a FROM u WHERE a IS NOT NULL)",
    "SELECT * FROM t WHERE a NOT IN (SELECT a FROM u WHERE a > 1000)",
    "SELECT * FROM t WHERE EXISTS (SELECT * FROM u WHERE u.a = t.a AND u.d > t.b)",
    "SELECT * FROM t WHERE NOT EXISTS (SELECT * FROM u WHERE u.a = t.a AND u.e < t.c)",
    "SELECT t.a, u.a FROM t CROSS JOIN u WHERE t.c < 5 AND u.e < 5",
    "SELECT a, b, c FROM t WHERE c > (SELECT avg(c) FROM t)",
    "SELECT a, b FROM t WHERE c > (SELECT max(e) FROM u WHERE u.a = t.a)",
    "SELECT a, b FROM t UNION ALL SELECT a, d FROM u",
    "SELECT a, b FROM t UNION SELECT a, d FROM u",
    "SELECT b, count(*), count(a), sum(c), min(a), max(b), count(DISTINCT a) FROM t GROUP BY b",
    "SELECT count(*), sum(c), avg(c), min(b) FROM t WHERE a > 1000",
    "SELECT b, coalesce(sum(c), 0), abs(min(c)), upper(max(b)) FROM t GROUP BY b",
    // GROUP BY positions and select aliases, HAVING on an alias (Spark's and DuckDB's rules)
    "SELECT upper(b) AS ub, count(*) AS n FROM t GROUP BY 1 HAVING n > 1",
    "SELECT t.a % 3 AS m, u.d, sum(u.e) AS s FROM t JOIN u ON t.a = u.a GROUP BY m, 2"
        + " HAVING s IS NOT NULL AND m >= 0",
    "SELECT b AS bb, count(*) FROM t GROUP BY bb",
    "WITH k AS (SELECT a, count(*) AS n FROM u GROUP BY a) "
        + "SELECT t.a, t.b, k.n FROM t LEFT JOIN k ON t.a = k.a",
    "SELECT a, b, c FROM t ORDER BY a DESC, b, c",
    "SELECT t.a, t.b, x.d FROM t LEFT JOIN (SELECT * FROM u WHERE e > 1000) x ON t.a = x.a",
    "SELECT t.a, x.a, x.d FROM t FULL OUTER JOIN (SELECT * FROM u WHERE e > 1000) x"
        + " ON t.a = x.a",
    "SELECT t.a, u.d FROM (SELECT * FROM t WHERE c > 1000) t JOIN u ON t.a = u.a",
    "SELECT a, count(*) FROM t WHERE a IN (SELECT a FROM u WHERE e > 1000) GROUP BY a",
    "SELECT t.b, v.d, count(*) FROM t JOIN u ON t.a = u.a JOIN u v ON u.a = v.a "
        + "GROUP BY t.b, v.d ORDER BY 3 DESC, 1, 2 LIMIT 7",
    // ORDER BY ... LIMIT: a top-n per map task (and per reducer of the group-by or join before
    // it), then one sorting reducer; each ORDER BY determines the rows (ties are equal rows)
    "SELECT a, b, c FROM t ORDER BY c DESC, a, b LIMIT 12",
    "SELECT b, count(*) AS n, sum(c) FROM t GROUP BY b ORDER BY n DESC, b LIMIT 3",
    "SELECT t.a, t.b, u.d, u.e FROM t JOIN u ON t.a = u.a ORDER BY u.e DESC, t.a, t.b, u.d"
        + " LIMIT 9",
    "SELECT a, count(*) FROM u GROUP BY a ORDER BY 2 DESC, 1 LIMIT 1000",
    "SELECT a, b FROM t WHERE c > 0 ORDER BY a NULLS LAST, b DESC LIMIT 5",
    "SELECT a FROM t ORDER BY a LIMIT 0",
    "SELECT a, b FROM t UNION ALL SELECT a, d FROM u ORDER BY 1 DESC, 2 LIMIT 4",
    // Hive's and Spark's everyday functions in map tasks, group keys and after a join
    "SELECT floor(c) AS f, count(*), sum(c % 3), max(lpad(b, 4, '.')) FROM t GROUP BY floor(c)",
    "SELECT t.a, greatest(t.c, u.e), least(t.a, u.e), concat_ws('/', t.b, u.d), nullif(u.d, '')"
        + " FROM t JOIN u ON t.a = u.a WHERE t.c % 2 <> 0 AND instr(u.d, 'a') > 0",
    "SELECT upper(replace(b, 'a', 'x')) AS k, count(*) FROM t GROUP BY upper(replace(b, 'a',"
        + " 'x')) ORDER BY k LIMIT 3",
    "SELECT b, stddev_samp(c), stddev_pop(c), var_samp(a), var_pop(a), variance(c), count(*)"
        + " FROM t GROUP BY b",
    "SELECT stddev(e), variance(e) FROM u WHERE a > 1000",
    "SELECT b, stddev(DISTINCT c), var_pop(DISTINCT a), stddev_pop(DISTINCT c), count(DISTINCT c)"
        + " FROM t GROUP BY b",
  };

  static Connection duck;
  static Path work;
  static Path ddl;

  @BeforeAll
  static void load() throws Exception {
    work = TestDirs.fresh("sql-joins");
    Random r = new Random(20261205);
    Path t = Files.createDirectories(work.resolve("t"));
    Path u = Files.createDirectories(work.resolve("u"));
    String[] words = {"", "a", "b", "ab", "b a", "z", "\\N"};
    StringBuilder tb = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      tb.append(key(r, 40)).append('|').append(words[r.nextInt(words.length)]).append('|')
          .append(r.nextInt(10) == 0 ? "\\N" : (r.nextInt(2000) - 500) / 100 + "."
              + String.format("%02d", r.nextInt(100))).append('\n');
    }
    Files.writeString(t.resolve("part-0"), tb);
    StringBuilder ub = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      ub.append(key(r, 60)).append('|').append(words[r.nextInt(words.length)]).append('|')
          .append(r.nextInt(10) == 0 ? "\\N" : r.nextInt(20) - 5).append('\n');
    }
    Files.writeString(u.resolve("part-0"), ub);
    ddl = work.resolve("tables.ddl");
    Files.writeString(ddl, "CREATE EXTERNAL TABLE t (a INT, b STRING, c DECIMAL(6,2))\n"
        + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '" + t + "';\n"
        + "CREATE EXTERNAL TABLE u (a INT, d STRING, e INT)\n"
        + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '" + u + "';\n");
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = duck.createStatement()) {
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'"); // Spark's
      st.execute("CREATE TABLE t AS SELECT * FROM read_csv('" + t.resolve("part-0")
          + "', delim='|', header=false, nullstr='\\N', quote='', escape='',"
          + " columns={'a': 'INTEGER', 'b': 'VARCHAR', 'c': 'DECIMAL(6,2)'})");
      st.execute("CREATE TABLE u AS SELECT * FROM read_csv('" + u.resolve("part-0")
          + "', delim='|', header=false, nullstr='\\N', quote='', escape='',"
          + " columns={'a': 'INTEGER', 'd': 'VARCHAR', 'e': 'INTEGER'})");
      // DuckDB's CSV reader reads an empty field as NULL; Hive text keeps it an empty string
      st.execute("UPDATE t SET b = '' WHERE b IS NULL AND rowid IN (" + emptyRows(tb, 1) + ")");
      st.execute("UPDATE u SET d = '' WHERE d IS NULL AND rowid IN (" + emptyRows(ub, 1) + ")");
    }
  }

  /** A key in 0..n-1, NULL 3 times in 24, the hot key 7 another 7 times in 24 (skew). */
  private static String key(Random r, int n) {
    int x = r.nextInt(24);
    return x < 3 ? "\\N" : x < 10 ? "7" : Integer.toString(r.nextInt(n));
  }

  /** The row numbers (from 0) whose field {@code f} is empty. */
  private static String emptyRows(CharSequence text, int f) {
    List<String> rows = new ArrayList<>();
    String[] lines = text.toString().split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].split("\\|", -1)[f].isEmpty()) {
        rows.add(Integer.toString(i));
      }
    }
    return rows.isEmpty() ? "-1" : String.join(",", rows);
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  static Stream<Arguments> cases() {
    return SqlResults.joinModes(QUERIES.length, false);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void equalsDuckDb(int i, String joins) throws Exception {
    String sql = QUERIES[i];
    Configuration conf = SqlResults.joinMode(LocalConf.create(), joins, 3);
    Path out = work.resolve("q" + i + "-" + joins);
    SqlResults.Run run = SqlResults.run(conf, "--init", ddl.toString(), "--sql", sql,
        out.toString());
    assertEquals(0, run.code(), sql + "\n" + run.err());
    SqlResults.assertSame(sql + " (" + joins + ")", SqlResults.query(duck, sql),
        SqlResults.read(out), sql.contains("ORDER BY"));
  }
}
