package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hive's CHAR(n) through {@code sql}: values cut to n characters and padded to n when written,
 * trailing spaces ignored when compared, grouped, joined, or turned into a string ({@code length},
 * {@code concat}); VARCHAR(n) only cut. DuckDB (whose CHAR is a VARCHAR) holds the values as
 * Hive's rules read them (a CHAR cut and right-trimmed, a VARCHAR cut); {@link SqlResults#read}
 * checks that each char(n) value Drover writes is padded to n, then compares it without the
 * padding (the last query: the same value as char(5), padded, and as a string, not padded).
 */
class SqlCharDuckDbTest {
  /** (k CHAR(5), v VARCHAR(8), n INT) as Hive text; trailing spaces, overlong, empty, NULL. */
  static final String[][] ROWS = {
    {"ab", "ab", "1"}, {"ab  ", "ab  ", "2"}, {"abcdefg", "abcdefghij", "3"}, {"", "x", "4"},
    {"a b ", "a b", "5"}, {"\\N", "\\N", "6"}, {"zz   ", "zz", "7"}, {"\u00e9", "\u00e9 ", "8"},
    {"ab   x", "abc", "9"},
  };

  /** Drover's query, then DuckDB's. */
  static final String[][] QUERIES = {
    {"SELECT k, n FROM ch", null},
    {"SELECT n FROM ch WHERE k = 'ab'", null},
    {"SELECT k, count(*) FROM ch GROUP BY k", null},
    // DuckDB's concat skips NULLs; its || is NULL then, as Hive's and Spark's concat
    {"SELECT n, length(k), concat(k, '|'), length(v), concat(v, '|') FROM ch",
        "SELECT n, length(k), k || '|', length(v), v || '|' FROM ch"},
    {"SELECT a.n, b.n FROM ch a JOIN ch b ON a.k = b.v", null},
    {"SELECT a.n, b.n FROM ch a JOIN ch b ON a.k = b.k", null},
    {"SELECT n FROM ch WHERE k < 'ab ' AND k IN ('ab', 'a b', 'zz')", null},
    {"SELECT CAST(v AS CHAR(3)), n FROM ch", "SELECT rtrim(left(v, 3)), n FROM ch"},
    {"SELECT k FROM ch WHERE k LIKE '%b'", null},
    {"SELECT max(k), min(k), count(DISTINCT k) FROM ch", null},
    {"SELECT k, n FROM ch ORDER BY k DESC, n LIMIT 4", null},
    {"SELECT k, concat(k, '') AS s FROM ch WHERE k IS NOT NULL", null},
  };

  static Connection duck;
  static Path work;
  static Path ddl;

  @BeforeAll
  static void load() throws Exception {
    work = TestDirs.fresh("sql-char");
    Path dir = Files.createDirectories(work.resolve("ch"));
    StringBuilder text = new StringBuilder();
    for (String[] r : ROWS) {
      text.append(String.join("|", r)).append('\n');
    }
    Files.writeString(dir.resolve("part-0"), text);
    ddl = work.resolve("tables.ddl");
    Files.writeString(ddl, "CREATE EXTERNAL TABLE ch (k CHAR(5), v VARCHAR(8), n INT)\n"
        + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '" + dir + "';\n");
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = duck.createStatement()) {
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'"); // Spark's
      st.execute("CREATE TABLE ch (k VARCHAR, v VARCHAR, n INTEGER)");
    }
    try (PreparedStatement ins = duck.prepareStatement(
        "INSERT INTO ch VALUES (rtrim(left(?, 5)), left(?, 8), ?)")) {
      for (String[] r : ROWS) {
        ins.setString(1, r[0].equals("\\N") ? null : r[0]);
        ins.setString(2, r[1].equals("\\N") ? null : r[1]);
        ins.setInt(3, Integer.parseInt(r[2]));
        ins.execute();
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  static Stream<Arguments> cases() {
    return Stream.iterate(0, i -> i + 1).limit(QUERIES.length).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void equalsDuckDb(int i) throws Exception {
    String sql = QUERIES[i][0];
    String duckSql = QUERIES[i][1] == null ? sql : QUERIES[i][1];
    Configuration conf = LocalConf.create();
    Path out = work.resolve("q" + i);
    SqlResults.Run run = SqlResults.run(conf, "--init", ddl.toString(), "--sql", sql,
        "--overwrite", out.toString());
    assertEquals(0, run.code(), sql + "\n" + run.err());
    SqlResults.assertSame(sql, SqlResults.query(duck, duckSql), SqlResults.read(out),
        sql.contains("ORDER BY"));
  }
}
