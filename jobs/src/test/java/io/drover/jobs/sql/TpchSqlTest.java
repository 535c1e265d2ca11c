package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
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
    List<Arguments> out = new ArrayList<>();
    for (int n = 1; n <= TpchData.QUERIES; n++) {
      out.add(Arguments.of(n, "chosen"));
      out.add(Arguments.of(n, "repartition"));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "Q{0} {1}")
  @MethodSource("cases")
  void equalsDuckDb(int n, String joins) throws Exception {
    Configuration conf = LocalConf.create();
    if (joins.equals("repartition")) {
      conf.setLong("drover.sql.broadcast.threshold", -1);
      conf.setInt("drover.sql.reducers", 2);
    }
    Path query = work.resolve(String.format("q%02d.sql", n));
    Files.writeString(query, TpchData.query(n));
    Path out = work.resolve("q" + n + "-" + joins);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Sql tool = new Sql();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(conf, tool, new String[] {"--init", ddl.toString(), "--sql-file",
        query.toString(), "--overwrite", out.toString()});
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    List<List<Object>> drover = readResult(out);
    List<List<Object>> expected = duckDb(TpchData.query(n));
    boolean ordered = TpchData.query(n).toLowerCase().contains("order by");
    if (!ordered) {
      drover.sort(ROWS);
      expected.sort(ROWS);
    }
    assertEquals(expected.size(), drover.size(), "Q" + n + " rows\n" + drover);
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      List<Object> d = drover.get(i);
      assertEquals(e.size(), d.size(), "Q" + n + " row " + i + " width");
      for (int j = 0; j < e.size(); j++) {
        if (!same(e.get(j), d.get(j))) {
          throw new AssertionError("Q" + n + " (" + joins + ") row " + i + " column " + (j + 1)
              + ": DuckDB " + e + " Drover " + d);
        }
      }
    }
  }

  static final Comparator<List<Object>> ROWS = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = String.valueOf(key(a.get(i))).compareTo(String.valueOf(key(b.get(i))));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  static Object key(Object v) {
    return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v;
  }

  static boolean same(Object e, Object d) {
    if (e == null || d == null) {
      return e == d;
    }
    if (e instanceof Double x && d instanceof BigDecimal y) {
      // Drover types avg and division of decimals as Spark and Hive do (a decimal, rounded
      // HALF_UP to its scale: avg(decimal(15,2)) is decimal(19,6)); DuckDB answers a double
      return Math.abs(x - y.doubleValue()) <= 0.5 * Math.pow(10, -y.scale()) + 1e-9 * Math.abs(x);
    }
    if (e instanceof Number || d instanceof Number) {
      if (e instanceof Double || d instanceof Double || e instanceof Float) {
        double x = ((Number) e).doubleValue();
        double y = ((Number) d).doubleValue();
        return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
      }
      return new BigDecimal(e.toString()).compareTo(new BigDecimal(d.toString())) == 0;
    }
    return e.toString().equals(d.toString());
  }

  /** The result's part files in name order, each cell typed by {@code _schema}. */
  static List<List<Object>> readResult(Path out) throws IOException {
    List<String> types = Files.readAllLines(out.resolve("_schema")).stream()
        .map(l -> l.split("\t")[1]).toList();
    List<List<Object>> rows = new ArrayList<>();
    List<Path> parts;
    try (Stream<Path> s = Files.list(out)) {
      parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    for (Path p : parts) {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        String[] cells = line.split("\t", -1);
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
          row.add(cell(cells[i], types.get(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static Object cell(String s, String type) {
    if (s.equals("\\N")) {
      return null;
    }
    if (type.startsWith("decimal")) {
      return new BigDecimal(s);
    }
    return switch (type) {
      case "int", "bigint" -> Long.parseLong(s);
      case "double" -> Double.parseDouble(s);
      default -> s.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r")
          .replace("\\\\", "\\");
    };
  }

  static List<List<Object>> duckDb(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof Number || v == null ? v : rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
