package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.params.provider.Arguments;

/**
 * A {@code sql} result read back and compared with DuckDB's: strings, integers and dates
 * exactly (a {@code char(n)} column checked to be padded to n, then compared without the
 * padding), decimals exactly by value (where DuckDB answers a double for a decimal avg or
 * quotient, Drover's decimal is that double rounded to the decimal's scale), doubles to 1e-9
 * relative; rows in order when the query orders them, else as multisets.
 */
final class SqlResults {
  private SqlResults() {}

  /** A run of the {@code sql} program: its exit code and what it printed on stderr. */
  record Run(int code, String err) {}

  static Run run(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Sql tool = new Sql();
    tool.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(conf, tool, args);
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  /** Query indexes 0..n-1 (or numbers 1..n when {@code from1}), each "chosen" and "repartition". */
  static Stream<Arguments> joinModes(int n, boolean from1) {
    List<Arguments> out = new ArrayList<>();
    for (int i = from1 ? 1 : 0; i < (from1 ? n + 1 : n); i++) {
      out.add(Arguments.of(i, "chosen"));
      out.add(Arguments.of(i, "repartition"));
    }
    return out.stream();
  }

  /** {@code conf} with broadcasting off and {@code reducers} per shuffle for "repartition". */
  static Configuration joinMode(Configuration conf, String mode, int reducers) {
    if (mode.equals("repartition")) {
      conf.setLong("drover.sql.broadcast.threshold", -1);
      conf.setInt("drover.sql.reducers", reducers);
    }
    return conf;
  }

  static void assertSame(String what, List<List<Object>> expected, List<List<Object>> drover,
      boolean ordered) {
    if (!ordered) {
      expected.sort(ROWS);
      drover.sort(ROWS);
    }
    assertEquals(expected.size(), drover.size(), what + " rows\nDuckDB " + expected
        + "\nDrover " + drover);
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      List<Object> d = drover.get(i);
      assertEquals(e.size(), d.size(), what + " row " + i + " width");
      for (int j = 0; j < e.size(); j++) {
        if (!same(e.get(j), d.get(j))) {
          throw new AssertionError(what + " row " + i + " column " + (j + 1) + ": DuckDB " + e
              + " Drover " + d);
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
  static List<List<Object>> read(Path out) throws IOException {
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
    if (type.startsWith("char(")) {
      // written padded to n, as Hive writes a CHAR(n); compared without the padding (DuckDB's
      // CHAR is a VARCHAR)
      int n = Integer.parseInt(type.substring(5, type.length() - 1));
      assertEquals(n, s.codePointCount(0, s.length()), "a " + type + " value is padded: '" + s
          + "'");
      return s.stripTrailing();
    }
    return switch (type) {
      case "int", "bigint" -> Long.parseLong(s);
      case "double" -> Double.parseDouble(s);
      default -> s.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r")
          .replace("\\\\", "\\");
    };
  }

  static List<List<Object>> query(Connection duck, String sql) throws SQLException {
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
