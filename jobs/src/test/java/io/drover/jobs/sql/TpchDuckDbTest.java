package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TPC-H fixture itself: the generated files have the specification's SF 0.01 cardinalities and
 * dbgen's layout, and DuckDB runs each of the 22 query files unchanged over them.
 */
class TpchDuckDbTest {
  /** TPC-H's cardinalities at scale factor 0.01 (lineitem's is dbgen's for this seed). */
  static final Map<String, Long> ROWS = Map.of(
      "lineitem", 60_175L, "orders", 15_000L, "customer", 1_500L, "part", 2_000L,
      "partsupp", 8_000L, "supplier", 100L, "nation", 25L, "region", 5L);

  static Connection duck;

  @BeforeAll
  static void load() throws SQLException {
    duck = TpchData.duckDb();
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  @Test
  void filesHaveTheSpecifiedRowsAndDbgenLayout() throws IOException {
    assertEquals(ROWS.keySet().size(), TpchData.tables().size());
    for (var table : TpchData.tables()) {
      String name = table.getTableName();
      int fields = table.getColumns().size();
      long lines = 0;
      try (BufferedReader in =
          Files.newBufferedReader(TpchData.file(name), StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines++;
          assertTrue(line.endsWith("|"), name + " line " + lines + " has no trailing |: " + line);
          assertEquals(fields, line.chars().filter(c -> c == '|').count(),
              name + " line " + lines + ": " + line);
        }
      }
      assertEquals(ROWS.get(name), lines, name);
    }
  }

  @Test
  void duckDbLoadsEveryRow() throws SQLException {
    for (var e : ROWS.entrySet()) {
      try (Statement st = duck.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM " + e.getKey())) {
        rs.next();
        assertEquals(e.getValue(), rs.getLong(1), e.getKey());
      }
    }
    // no field lost to a NULL: the text columns of the last field of each table are all there
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM lineitem WHERE l_comment IS NULL OR l_shipdate IS NULL"
                + " OR l_extendedprice IS NULL")) {
      rs.next();
      assertEquals(0, rs.getLong(1));
    }
  }

  static IntStream queries() {
    return IntStream.rangeClosed(1, TpchData.QUERIES);
  }

  @ParameterizedTest(name = "Q{0}")
  @MethodSource("queries")
  void duckDbRunsTheQueryUnchanged(int n) throws SQLException {
    List<String> rows = run(TpchData.query(n));
    assertTrue(rows.size() > 0, "Q" + n + " returned no row");
  }

  @Test
  void q1HasItsFourGroupsInOrder() throws SQLException {
    List<String> rows = run(TpchData.query(1));
    List<String> keys = new ArrayList<>();
    for (String r : rows) {
      keys.add(r.substring(0, r.indexOf('|', r.indexOf('|') + 1)));
    }
    assertEquals(List.of("A|F", "N|F", "N|O", "R|F"), keys);
  }

  @Test
  void q6IsOneRowOfExactDecimal() throws SQLException {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(TpchData.query(6))) {
      assertTrue(rs.next());
      assertEquals(java.math.BigDecimal.class, rs.getObject(1).getClass());
      assertTrue(rs.getBigDecimal(1).signum() > 0);
      assertTrue(!rs.next());
    }
  }

  static List<String> run(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
