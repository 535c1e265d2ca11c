package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
 * The 22 TPC-H queries run by {@code sql} (LocalJobRunner, the query files unchanged, tables
 * from the Hive DDL) equal DuckDB's answers on the same SF 0.01 files: strings, integers and
 * dates exactly, decimals exactly by value (where DuckDB answers a double for a decimal avg or
 * quotient, Drover's decimal is that double rounded to the decimal's scale), doubles to 1e-9
 * relative, rows in order where the query orders them. Twice: joins as the planner chooses
 * (every side is under the broadcast threshold at this scale) and with broadcasting off (every
 * equi-join repartitioned).
 */
class TpchSqlTest {
  static Connection duck;
  static Path work;
  static Path ddl;

  @BeforeAll
  static void load() throws Exception {
    duck = TpchData.duckDb();
    try (Statement st = duck.createStatement()) {
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'"); // Spark's
    }
    work = TestDirs.fresh("tpch-sql");
    ddl = work.resolve("tpch.ddl");
    Files.writeString(ddl, TpchData.ddl().replace("${hivevar:tpch}", TpchData.dir().toString()));
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  static Stream<Arguments> cases() {
    return SqlResults.joinModes(TpchData.QUERIES, true);
  }

  @ParameterizedTest(name = "Q{0} {1}")
  @MethodSource("cases")
  void equalsDuckDb(int n, String joins) throws Exception {
    Configuration conf = SqlResults.joinMode(LocalConf.create(), joins, 2);
    Path query = work.resolve(String.format("q%02d.sql", n));
    Files.writeString(query, TpchData.query(n));
    Path out = work.resolve("q" + n + "-" + joins);
    SqlResults.Run run = SqlResults.run(conf, "--init", ddl.toString(), "--sql-file",
        query.toString(), "--overwrite", out.toString());
    assertEquals(0, run.code(), run.err());
    boolean ordered = TpchData.query(n).toLowerCase().contains("order by");
    SqlResults.assertSame("Q" + n + " (" + joins + ")", SqlResults.query(duck, TpchData.query(n)),
        SqlResults.read(out), ordered);
  }
}
