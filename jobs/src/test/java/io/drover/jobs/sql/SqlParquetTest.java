package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parquet tables and results against DuckDB: two seeded random tables written by DuckDB as
 * Parquet (NULLs in every column, decimals backed by int32, int64 and fixed bytes, dates,
 * Unicode and empty strings, booleans, floats; several row groups, split into several map
 * splits), read by {@code sql} through {@code STORED AS PARQUET}; the same queries as DuckDB
 * answers them on the same files, broadcast and repartitioned. Row groups skipped by a filter's
 * statistics: fewer rows read, the same answer. {@code --output-format parquet} read back by
 * DuckDB equals the tsv result.
 */
class SqlParquetTest {
  static final String[] QUERIES = {
    "SELECT count(*), count(k), sum(amount), sum(small), sum(big), min(d), max(d), count(s),"
        + " sum(b) FROM t",
    "SELECT t.k, u.name, sum(t.amount), count(*) FROM t JOIN u ON t.k = u.k"
        + " GROUP BY t.k, u.name",
    "SELECT id, k, s, amount, small, big, d, x, f, flag, b FROM t WHERE id BETWEEN 3000 AND 3100",
    "SELECT flag, count(*), sum(x), max(f), min(big) FROM t GROUP BY flag",
    "SELECT t.id, t.s, u.w, u.d2 FROM t LEFT JOIN u ON t.k = u.k"
        + " WHERE t.d >= DATE '2024-06-01' AND t.id < 900",
    "SELECT s, count(*), max(amount) FROM t WHERE s IS NOT NULL GROUP BY s",
    "SELECT u.name, count(t.id) FROM u LEFT JOIN t ON t.k = u.k AND t.id > 9000"
        + " GROUP BY u.name ORDER BY 2 DESC, 1 LIMIT 10",
    "SELECT id, amount FROM t WHERE amount > 4000.5 AND k IS NULL AND small <> 1.5",
    "SELECT id, k, s FROM t WHERE id < 40 OR id BETWEEN 7000 AND 7040 OR k IN (3, 11)"
        + " AND s IN ('a', 'Grüße', '\uE000x')",
    // range-partitioned over 3 reducers when repartitioned: the sampler reads Parquet too
    "SELECT id, s, d, big FROM t WHERE k = 7 ORDER BY d DESC, id",
  };
  static final int ROWS = 10_000;

  static Connection duck;
  static Path work;
  static Path ddl;

  @BeforeAll
  static void load() throws Exception {
    work = TestDirs.fresh("sql-parquet");
    Path t = Files.createDirectories(work.resolve("t"));
    Path u = Files.createDirectories(work.resolve("u"));
    duck = DriverManager.getConnection("jdbc:duckdb:");
    Random r = new Random(20261205);
    String[] words = {"", "a", "b", "ab", "Grüße", "日本", "z z", "emoji \uD83D\uDE00",
        "\uE000x"};
    try (Statement st = duck.createStatement()) {
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'"); // Spark's
      st.execute("CREATE TABLE t0 (id INTEGER, k INTEGER, s VARCHAR, amount DECIMAL(12,2),"
          + " small DECIMAL(5,2), big DECIMAL(25,3), d DATE, x DOUBLE, f REAL, flag BOOLEAN,"
          + " b BIGINT)");
      st.execute("CREATE TABLE u0 (k INTEGER, name VARCHAR, w DECIMAL(6,2), d2 DATE)");
    }
    try (PreparedStatement p = duck.prepareStatement(
        "INSERT INTO t0 VALUES (?, ?, ?, ?::DECIMAL(12,2), ?::DECIMAL(5,2), ?::DECIMAL(25,3),"
            + " ?::DATE, ?, ?, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        p.setInt(1, i);
        p.setObject(2, r.nextInt(8) == 0 ? null : r.nextInt(60));
        p.setObject(3, r.nextInt(10) == 0 ? null : words[r.nextInt(words.length)]);
        p.setObject(4, r.nextInt(10) == 0 ? null : (r.nextInt(1_000_000) - 100_000) / 100.0 + "");
        p.setObject(5, r.nextInt(10) == 0 ? null : (r.nextInt(2000) - 1000) / 100.0 + "");
        p.setObject(6, r.nextInt(10) == 0 ? null
            : (r.nextBoolean() ? "-" : "") + Math.abs(r.nextLong() % 1_000_000_000_000L) + "."
                + r.nextInt(1000) + "12345678901");
        p.setObject(7, r.nextInt(10) == 0 ? null
            : java.time.LocalDate.of(2024, 1, 1).plusDays(i / 30).toString());
        p.setObject(8, r.nextInt(10) == 0 ? null : r.nextGaussian() * 100);
        p.setObject(9, r.nextInt(10) == 0 ? null : (float) r.nextInt(1000) / 8);
        p.setObject(10, r.nextInt(10) == 0 ? null : r.nextBoolean());
        p.setObject(11, r.nextInt(10) == 0 ? null : r.nextLong() >> 20);
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = duck.prepareStatement(
        "INSERT INTO u0 VALUES (?, ?, ?::DECIMAL(6,2), ?::DATE)")) {
      for (int i = 0; i < 300; i++) {
        p.setObject(1, r.nextInt(8) == 0 ? null : r.nextInt(80));
        p.setObject(2, r.nextInt(10) == 0 ? null : "name " + r.nextInt(40));
        p.setObject(3, r.nextInt(10) == 0 ? null : (r.nextInt(20000) - 10000) / 100.0 + "");
        p.setObject(4, r.nextInt(10) == 0 ? null
            : java.time.LocalDate.of(1999, 12, 31).plusDays(r.nextInt(9000)).toString());
        p.addBatch();
      }
      p.executeBatch();
    }
    try (Statement st = duck.createStatement()) {
      // several row groups, sorted by id so that a range on id skips most of them
      st.execute("COPY (SELECT * FROM t0 ORDER BY id) TO '" + t.resolve("part-0.parquet")
          + "' (FORMAT PARQUET, ROW_GROUP_SIZE 1000)");
      // two files, upper-case column names in one
      st.execute("COPY (SELECT k AS K, name AS Name, w, d2 FROM u0 WHERE rowid < 150) TO '"
          + u.resolve("a.parquet") + "' (FORMAT PARQUET)");
      st.execute("COPY (SELECT * FROM u0 WHERE rowid >= 150) TO '" + u.resolve("b.parquet")
          + "' (FORMAT PARQUET, COMPRESSION GZIP)");
      st.execute("CREATE VIEW t AS SELECT * FROM read_parquet('" + t + "/*.parquet')");
      st.execute("CREATE VIEW u AS SELECT * FROM read_parquet('" + u + "/*.parquet',"
          + " union_by_name = true)");
    }
    ddl = work.resolve("tables.ddl");
    Files.writeString(ddl, "CREATE EXTERNAL TABLE t (id INT, k INT, s STRING,"
        + " amount DECIMAL(12,2), small DECIMAL(5,2), big DECIMAL(25,3), d DATE, x DOUBLE,"
        + " f DOUBLE, flag BOOLEAN, b BIGINT) STORED AS PARQUET LOCATION '" + t + "';\n"
        + "CREATE EXTERNAL TABLE u (k INT, name STRING, w DECIMAL(6,2), d2 DATE)\n"
        + "STORED AS PARQUET LOCATION '" + u + "';\n");
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  /** Small splits: the table's file is read by several map tasks, row groups shared out. */
  static Configuration conf() {
    Configuration conf = LocalConf.create();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 64 * 1024);
    return conf;
  }

  static Stream<Arguments> cases() {
    return SqlResults.joinModes(QUERIES.length, false);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void equalsDuckDb(int i, String joins) throws Exception {
    String sql = QUERIES[i];
    Configuration conf = SqlResults.joinMode(conf(), joins, 3);
    Path out = work.resolve("q" + i + "-" + joins);
    SqlResults.Run run = SqlResults.run(conf, "--init", ddl.toString(), "--sql", sql,
        out.toString());
    assertEquals(0, run.code(), sql + "\n" + run.err());
    SqlResults.assertSame(sql + " (" + joins + ")", SqlResults.query(duck, sql),
        SqlResults.read(out), sql.contains("ORDER BY"));
  }

  /** The rows the map tasks read from Parquet, as the program reports them. */
  static long parquetRows(String err) {
    Matcher m = Pattern.compile("sql: ([0-9,]+) rows read from Parquet files").matcher(err);
    assertTrue(m.find(), err);
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  @Test
  void rowGroupsSkippedByStatistics() throws Exception {
    String sql = "SELECT id, s, amount FROM t WHERE id >= 2500 AND id < 2600 AND s IS NOT NULL";
    Configuration off = conf();
    off.setBoolean("drover.sql.parquet.pushdown", false);
    SqlResults.Run all = SqlResults.run(off, "--init", ddl.toString(), "--sql", sql,
        work.resolve("pushdown-off").toString());
    assertEquals(0, all.code(), all.err());
    SqlResults.Run pruned = SqlResults.run(conf(), "--init", ddl.toString(), "--sql", sql,
        work.resolve("pushdown-on").toString());
    assertEquals(0, pruned.code(), pruned.err());
    assertEquals(ROWS, parquetRows(all.err()));
    long read = parquetRows(pruned.err());
    // one row group holds ids 2500..2599 (DuckDB's groups are vectors of 2,048 rows at least)
    assertTrue(read > 0 && read <= 4096, pruned.err());
    List<List<Object>> expected = SqlResults.query(duck, sql);
    SqlResults.assertSame(sql + " (pushdown off)", expected,
        SqlResults.read(work.resolve("pushdown-off")), false);
    SqlResults.assertSame(sql + " (pushdown on)", SqlResults.query(duck, sql),
        SqlResults.read(work.resolve("pushdown-on")), false);
  }

  @Test
  void parquetResultReadBackByDuckDbEqualsTsv() throws Exception {
    String sql = "SELECT t.id, t.k AS key, t.s, t.amount, t.small, t.big, t.d, t.x, t.flag, t.b,"
        + " u.k, u.name FROM t LEFT JOIN u ON t.k = u.k WHERE t.id < 1500";
    Path tsv = work.resolve("result-tsv");
    Path parquet = work.resolve("result-parquet");
    SqlResults.Run a = SqlResults.run(conf(), "--init", ddl.toString(), "--sql", sql,
        tsv.toString());
    assertEquals(0, a.code(), a.err());
    Configuration conf = conf();
    conf.setInt("drover.sql.reducers", 2);
    conf.setLong("drover.sql.broadcast.threshold", -1);
    SqlResults.Run b = SqlResults.run(conf, "--init", ddl.toString(), "--sql", sql,
        "--output-format", "parquet",
        parquet.toString());
    assertEquals(0, b.code(), b.err());
    assertFalse(b.err().contains(" 0 B written"), b.err()); // Hadoop counts the part files
    assertEquals(Files.readString(tsv.resolve("_schema")),
        Files.readString(parquet.resolve("_schema")));
    List<String> parts;
    try (Stream<Path> s = Files.list(parquet)) {
      parts = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted()
          .toList();
    }
    assertEquals(List.of("part-r-00000.snappy.parquet", "part-r-00001.snappy.parquet"), parts);
    String read = "SELECT * FROM read_parquet('" + parquet + "/part-*.parquet')";
    List<String> types = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE " + read)) {
      while (rs.next()) {
        types.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    assertEquals(List.of("id INTEGER", "key INTEGER", "s VARCHAR", "amount DECIMAL(12,2)",
        "small DECIMAL(5,2)", "big DECIMAL(25,3)", "d DATE", "x DOUBLE", "flag BOOLEAN",
        "b BIGINT", "k INTEGER", "name VARCHAR"), types);
    SqlResults.assertSame("parquet result", SqlResults.query(duck, read), SqlResults.read(tsv),
        false);
    // and read back by Drover as a table (its _schema and _SUCCESS are not data)
    Path again = work.resolve("result-again");
    Path rddl = work.resolve("result.ddl");
    Files.writeString(rddl, "CREATE EXTERNAL TABLE r (id INT, key INT, s STRING,"
        + " amount DECIMAL(12,2), small DECIMAL(5,2), big DECIMAL(25,3), d DATE, x DOUBLE,"
        + " flag BOOLEAN, b BIGINT, k INT, name STRING) STORED AS PARQUET LOCATION '" + parquet
        + "';\n");
    SqlResults.Run c = SqlResults.run(conf(), "--init", rddl.toString(), "--sql", "SELECT * FROM r",
        again.toString());
    assertEquals(0, c.code(), c.err());
    SqlResults.assertSame("parquet result read by sql", SqlResults.read(tsv),
        SqlResults.read(again), false);
  }

  @Test
  void missingOrMismatchedColumnFailsNamingFileAndColumn() throws Exception {
    Path t = work.resolve("t").resolve("part-0.parquet");
    Path bad = work.resolve("bad.ddl");
    Files.writeString(bad, "CREATE EXTERNAL TABLE m (id INT, nope STRING) STORED AS PARQUET"
        + " LOCATION '" + work.resolve("t") + "';\n"
        + "CREATE EXTERNAL TABLE w (id INT, s INT) STORED AS PARQUET"
        + " LOCATION '" + work.resolve("t") + "';\n");
    SqlResults.Run missing = SqlResults.run(conf(), "--init", bad.toString(), "--sql",
        "SELECT id, nope FROM m",
        work.resolve("missing").toString());
    assertEquals(1, missing.code(), missing.err());
    assertTrue(missing.err().contains("parquet file file:" + t + " has no column nope"),
        missing.err());
    SqlResults.Run wrong = SqlResults.run(conf(), "--init", bad.toString(), "--sql",
        "SELECT sum(s) FROM w",
        work.resolve("wrong").toString());
    assertEquals(1, wrong.code(), wrong.err());
    assertTrue(wrong.err().contains("parquet file file:" + t + ": column s is optional binary s"
        + " (STRING), which does not read as int"), wrong.err());
    // a failed query leaves no output and no stack trace
    for (SqlResults.Run r : List.of(missing, wrong)) {
      assertTrue(!r.err().contains("\tat "), r.err());
    }
    assertTrue(!Files.exists(work.resolve("missing")) && !Files.exists(work.resolve("wrong")));
  }

  @Test
  void columnsTheQueryDoesNotReadAreNotDecoded() throws Exception {
    // the same file under a DDL whose s is mistyped and whose nope is missing: a query that
    // reads neither reads only its columns, as Hive's and Spark's projection does
    Path bad = work.resolve("unread.ddl");
    Files.writeString(bad, "CREATE EXTERNAL TABLE w (id INT, s INT, nope STRING, k INT)"
        + " STORED AS PARQUET LOCATION '" + work.resolve("t") + "';\n");
    String drover = "SELECT k, count(*), sum(id) FROM w WHERE id < 1500 GROUP BY k";
    Path out = work.resolve("unread");
    SqlResults.Run run = SqlResults.run(conf(), "--init", bad.toString(), "--sql", drover,
        out.toString());
    assertEquals(0, run.code(), run.err());
    SqlResults.assertSame(drover, SqlResults.query(duck,
        "SELECT k, count(*), sum(id) FROM t WHERE id < 1500 GROUP BY k"), SqlResults.read(out),
        false);
  }

  @Test
  void zstdFileFailsClearly() throws Exception {
    Path z = Files.createDirectories(work.resolve("z"));
    try (Statement st = duck.createStatement()) {
      st.execute("COPY (SELECT * FROM u0) TO '" + z.resolve("z.parquet")
          + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
    }
    Path zddl = work.resolve("z.ddl");
    Files.writeString(zddl, "CREATE EXTERNAL TABLE z (k INT, name STRING) STORED AS PARQUET"
        + " LOCATION '" + z + "';\n");
    SqlResults.Run run = SqlResults.run(conf(), "--init", zddl.toString(), "--sql",
        "SELECT count(name) FROM z",
        work.resolve("zstd").toString());
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("is ZSTD-compressed"), run.err());
  }

  @Test
  void charColumnsReadAsFromTextTables() throws Exception {
    // the same values in a Parquet file (DuckDB writes them as strings) and in a text table:
    // CHAR(4) holds them cut to 4 and without trailing spaces, and writes them padded, alike
    Path p = Files.createDirectories(work.resolve("ch"));
    Path txt = Files.createDirectories(work.resolve("ch-text"));
    String[] values = {"ab  ", "ab", "abcdef", null, "x y ", "", "Grüße!", " a"};
    StringBuilder text = new StringBuilder();
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE ch0 (id INTEGER, c VARCHAR)");
      for (int i = 0; i < values.length; i++) {
        st.execute("INSERT INTO ch0 VALUES (" + i + ", "
            + (values[i] == null ? "NULL" : "'" + values[i] + "'") + ")");
        text.append(i).append('|').append(values[i] == null ? "\\N" : values[i]).append('\n');
      }
      st.execute("COPY ch0 TO '" + p.resolve("part-0.parquet") + "' (FORMAT PARQUET)");
    }
    Files.writeString(txt.resolve("part-0"), text.toString());
    Path chddl = work.resolve("ch.ddl");
    Files.writeString(chddl, "CREATE EXTERNAL TABLE chp (id INT, c CHAR(4)) STORED AS PARQUET"
        + " LOCATION '" + p + "';\n"
        + "CREATE EXTERNAL TABLE cht (id INT, c CHAR(4)) ROW FORMAT DELIMITED FIELDS TERMINATED"
        + " BY '|' STORED AS TEXTFILE LOCATION '" + txt + "';\n");
    String q = "SELECT id, c, length(c), c = 'ab', concat(c, '.') FROM %s ORDER BY id";
    List<String> out = new ArrayList<>();
    for (String table : List.of("chp", "cht")) {
      Path o = work.resolve("ch-out-" + table);
      SqlResults.Run run = SqlResults.run(conf(), "--init", chddl.toString(), "--sql",
          String.format(q, table), o.toString());
      assertEquals(0, run.code(), run.err());
      StringBuilder b = new StringBuilder();
      try (Stream<Path> parts = Files.list(o)) {
        for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-"))
            .sorted().toList()) {
          b.append(Files.readString(part));
        }
      }
      out.add(b.toString());
    }
    assertEquals(out.get(1), out.get(0), "parquet vs text table");
    assertTrue(out.get(0).startsWith("0\tab  \t2\ttrue\tab.\n1\tab  \t2\ttrue\tab.\n"
        + "2\tabcd\t4\tfalse\tabcd.\n"), out.get(0));
  }
}
