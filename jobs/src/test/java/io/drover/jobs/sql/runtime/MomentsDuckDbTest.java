package io.drover.jobs.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Types;
import io.drover.jobs.sql.runtime.Accumulators.Accumulator;
import io.drover.jobs.sql.runtime.Accumulators.State;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stddev and variance (sample and population) of int, bigint, double and decimal groups against
 * DuckDB's, to 1e-9 relative: groups of no value (all NULL), one value, equal values, and many
 * around a large offset (where a naive sum of squares loses every digit); on the Drover side each
 * group's rows dealt into a few partial states that go to bytes and back and merge in random
 * order, as map tasks, combiners and a reducer would.
 */
class MomentsDuckDbTest {
  static final String[] NAMES = {"stddev_samp", "stddev_pop", "var_samp", "var_pop", "stddev",
      "variance"};

  @ParameterizedTest
  @ValueSource(strings = {"int", "bigint", "double", "decimal(15,2)"})
  void agreesWithDuckDb(String typeName) throws SQLException {
    DataType t = switch (typeName) {
      case "int" -> DataType.INT;
      case "bigint" -> DataType.BIGINT;
      case "double" -> DataType.DOUBLE;
      default -> DataType.decimal(15, 2);
    };
    Random r = new Random(typeName.hashCode());
    List<List<Object>> groups = new ArrayList<>();
    for (int g = 0; g < 40; g++) {
      int kind = g % 5;
      int n = kind == 0 ? 3 : kind == 1 ? 1 : kind == 2 ? 2 + r.nextInt(5) : 2 + r.nextInt(300);
      double offset = kind == 4 ? 1e6 : 0;
      Object same = value(t, r, offset);
      List<Object> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(kind == 0 || r.nextInt(9) == 0 ? null : kind == 2 ? same : value(t, r, offset));
      }
      groups.add(rows);
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE t (g INTEGER, x " + (t.kind() == DataType.Kind.INT ? "INTEGER"
          : typeName.toUpperCase()) + ")");
      List<String> values = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        for (Object v : groups.get(g)) {
          values.add("(" + g + ", " + (v == null ? "NULL" : v instanceof BigDecimal d
              ? d.toPlainString() : v.toString()) + ")");
        }
      }
      st.execute("INSERT INTO t VALUES " + String.join(", ", values));
      for (String name : NAMES) {
        Accumulator acc = Accumulators.compile(name, false, List.of(t),
            Types.aggregate(name, t));
        try (ResultSet rs = st.executeQuery("SELECT g, " + name + "(x) FROM t GROUP BY g")) {
          int seen = 0;
          while (rs.next()) {
            seen++;
            int g = rs.getInt(1);
            Object want = rs.getObject(2);
            Object got = drover(acc, groups.get(g), r);
            String what = name + "(" + t + ") of group " + g + " " + groups.get(g).size()
                + " rows";
            if (want == null) {
              assertNull(got, what);
            } else {
              double x = ((Number) want).doubleValue();
              double y = (Double) got;
              assertTrue(Math.abs(x - y) <= 1e-9 * Math.abs(x), what + ": DuckDB " + x
                  + " Drover " + y);
            }
          }
          assertEquals(groups.size(), seen);
        }
      }
    }
    // std is stddev_samp (Spark's alias)
    Accumulator std = Accumulators.compile("std", false, List.of(t), DataType.DOUBLE);
    Accumulator samp = Accumulators.compile("stddev_samp", false, List.of(t), DataType.DOUBLE);
    assertEquals(drover(samp, groups.get(3), new Random(1)), drover(std, groups.get(3),
        new Random(1)));
  }

  static Object value(DataType t, Random r, double offset) {
    double x = offset + r.nextGaussian() * 1000;
    return switch (t.kind()) {
      case INT, BIGINT -> (long) x;
      case DOUBLE -> x;
      default -> BigDecimal.valueOf(Math.round(x * 100), 2);
    };
  }

  /** The group's rows dealt into 1-4 states, each through bytes, merged in random order. */
  static Object drover(Accumulator acc, List<Object> rows, Random r) {
    int parts = 1 + r.nextInt(4);
    List<State> states = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      states.add(acc.newState());
    }
    for (Object v : rows) {
      states.get(r.nextInt(parts)).add(new Object[] {v});
    }
    List<State> read = new ArrayList<>();
    for (State s : states) {
      Sink out = new Sink();
      s.write(out);
      byte[] b = out.toByteArray();
      read.add(acc.read(b, 0, b.length));
    }
    Collections.shuffle(read, r);
    State total = read.get(0);
    for (int i = 1; i < read.size(); i++) {
      total.merge(read.get(i));
    }
    return total.result();
  }
}
