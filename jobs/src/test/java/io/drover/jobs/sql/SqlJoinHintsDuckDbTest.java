package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broadcast hints through the {@code sql} program on LocalJobRunner, against DuckDB on the same
 * files: a hint broadcasts its table whatever its size, and a hinted side over the join memory
 * falls back to the repartition join (said on the console) instead of failing; a repartition
 * join's held side over it is a one-line error.
 */
class SqlJoinHintsDuckDbTest {
  static Connection duck;
  static Path work;
  static Path ddl;

  @BeforeAll
  static void load() throws Exception {
    work = TestDirs.fresh("sql-hints");
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      big.append(i % 1000).append('|').append(i % 3).append("|v").append(i).append('\n');
    }
    StringBuilder small = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      small.append(i % 50).append("|w").append(i).append('\n');
    }
    String mid = "0|zero\n1|one\n2|two\n3|three\n";
    Path b = Files.createDirectories(work.resolve("big"));
    Path s = Files.createDirectories(work.resolve("small"));
    Path m = Files.createDirectories(work.resolve("mid"));
    Files.writeString(b.resolve("part-0"), big);
    Files.writeString(s.resolve("part-0"), small);
    Files.writeString(m.resolve("part-0"), mid);
    ddl = work.resolve("tables.ddl");
    Files.writeString(ddl, "CREATE EXTERNAL TABLE big (k INT, g INT, v STRING) ROW FORMAT"
        + " DELIMITED FIELDS TERMINATED BY '|' LOCATION '" + b + "';\n"
        + "CREATE EXTERNAL TABLE small (k INT, w STRING) ROW FORMAT DELIMITED FIELDS"
        + " TERMINATED BY '|' LOCATION '" + s + "';\n"
        + "CREATE EXTERNAL TABLE mid (g INT, name STRING) ROW FORMAT DELIMITED FIELDS"
        + " TERMINATED BY '|' LOCATION '" + m + "';\n");
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE big AS SELECT * FROM read_csv('" + b.resolve("part-0")
          + "', delim='|', header=false, columns={'k': 'INTEGER', 'g': 'INTEGER',"
          + " 'v': 'VARCHAR'})");
      st.execute("CREATE TABLE small AS SELECT * FROM read_csv('" + s.resolve("part-0")
          + "', delim='|', header=false, columns={'k': 'INTEGER', 'w': 'VARCHAR'})");
      st.execute("CREATE TABLE mid AS SELECT * FROM read_csv('" + m.resolve("part-0")
          + "', delim='|', header=false, columns={'g': 'INTEGER', 'name': 'VARCHAR'})");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  /** Runs {@code sql} and checks it against DuckDB; what the program printed on stderr. */
  static String runAndCompare(Configuration conf, String name, String sql) throws Exception {
    Path out = work.resolve(name);
    SqlResults.Run r = SqlResults.run(conf, "--init", ddl.toString(), "--sql", sql,
        out.toString());
    assertEquals(0, r.code(), sql + "\n" + r.err());
    List<List<Object>> want = SqlResults.query(duck, sql);
    assertFalse(want.isEmpty(), sql);
    SqlResults.assertSame(sql, want, SqlResults.read(out), false);
    return r.err();
  }

  /** The tables that {@code --explain} shows broadcast (each broadcast join's side). */
  static List<String> broadcastTables(Configuration conf, String sql) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    SqlResults.Run r;
    try {
      r = SqlResults.run(conf, "--init", ddl.toString(), "--sql", sql, "--explain",
          work.resolve("never").toString());
    } finally {
      System.setOut(old);
    }
    assertEquals(0, r.code(), r.err());
    String plan = stdout.toString(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : plan.split("\n")) {
      Matcher m = Pattern.compile("^\\s+broadcast .* side table (\\w+)").matcher(line);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  static final String THREE = "SELECT %s b.v, s.w, m.name FROM big b JOIN small s ON b.k = s.k"
      + " JOIN mid m ON b.g = m.g";

  @ParameterizedTest
  @ValueSource(strings = {"/*+ BROADCAST(s) */", "/*+ MAPJOIN(s) */", "/*+ mapjoin(small) */",
    "/*+ BROADCASTJOIN(small) */"})
  void aHintBroadcastsItsTableAboveTheThresholdAndNoOther(String hint) throws Exception {
    Configuration conf = LocalConf.create();
    conf.setLong("drover.sql.broadcast.threshold", 1); // no table is small enough by size
    String sql = String.format(THREE, hint);
    assertEquals(List.of("small"), broadcastTables(conf, sql), sql);
    String err = runAndCompare(conf, "hint-" + hint.replaceAll("\\W", ""), sql);
    assertFalse(err.contains("running the query again"), err);
  }

  @Test
  void withoutAHintNoSideOverTheThresholdIsBroadcast() throws Exception {
    Configuration conf = LocalConf.create();
    conf.setLong("drover.sql.broadcast.threshold", 1);
    String sql = String.format(THREE, "");
    assertEquals(List.of(), broadcastTables(conf, sql), sql);
    runAndCompare(conf, "no-hint", sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MAPJOIN", "BROADCAST"})
  void aHintedSideOverTheJoinMemoryFallsBackToTheRepartitionJoin(String hint) throws Exception {
    Configuration conf = LocalConf.create();
    // big's 3,000 rows are far over 4,000 bytes; small's 2 rows a key are not
    conf.setLong("drover.sql.join.memory.bytes", 4000);
    String sql = "SELECT /*+ " + hint + "(big) */ s.k, s.w, b.v FROM small s JOIN big b"
        + " ON s.k = b.k";
    assertEquals(List.of("big"), broadcastTables(conf, sql), sql);
    String err = runAndCompare(conf, "fallback-" + hint, sql);
    assertTrue(err.contains("sql: the broadcast side table big AS b did not fit in a task's join"
        + " memory (4,000 bytes, -D drover.sql.join.memory.bytes); running the query again with"
        + " repartition joins, ignoring the broadcast hint on big\n"), err);
    assertFalse(err.contains("\tat "), err);
  }

  @Test
  void aRepartitionJoinsHeldSideOverTheJoinMemoryIsOneLineAndExit1() throws Exception {
    Configuration conf = LocalConf.create();
    conf.setLong("drover.sql.join.memory.bytes", 4000);
    conf.setLong("drover.sql.broadcast.threshold", -1);
    Path out = work.resolve("held-over");
    // 1,000 rows a key on both sides: the buffered side's rows of one key do not fit
    SqlResults.Run r = SqlResults.run(conf, "--init", ddl.toString(), "--sql",
        "SELECT count(*) FROM big x JOIN big y ON x.g = y.g", out.toString());
    assertEquals(1, r.code(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("sql: ") && last.contains("the buffered side of repartition INNER"
        + " join") && last.contains("holds more than 4,000 bytes of rows in one task; raise -D"
        + " drover.sql.join.memory.bytes=BYTES"), r.err());
    assertFalse(last.contains("broadcast.threshold"), last);
    assertFalse(r.err().contains("running the query again"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));
  }
}
