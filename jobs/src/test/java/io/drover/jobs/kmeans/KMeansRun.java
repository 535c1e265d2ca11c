package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** Runs kmeans as users do (ToolRunner) and reads what it wrote. */
final class KMeansRun {
  record Run(int code, String err) {}

  private KMeansRun() {}

  static Run run(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KMeans tool = new KMeans();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  static JsonNode centersJson(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("centers.json").toFile());
  }

  static double[][] centers(Path out) throws Exception {
    JsonNode cs = centersJson(out).get("centers");
    double[][] c = new double[cs.size()][];
    for (int m = 0; m < c.length; m++) {
      JsonNode v = cs.get(m).get("center");
      c[m] = new double[v.size()];
      for (int j = 0; j < v.size(); j++) {
        c[m][j] = v.get(j).asDouble();
      }
    }
    return c;
  }

  static long[] sizes(Path out) throws Exception {
    JsonNode cs = centersJson(out).get("centers");
    long[] s = new long[cs.size()];
    for (int m = 0; m < s.length; m++) {
      s[m] = cs.get(m).get("size").asLong();
    }
    return s;
  }

  /** history.csv's cost column (its header checked). */
  static List<Double> costs(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("iteration,cost,change,max_move,empty_clusters,records,wall_ms", lines.get(0));
    List<Double> c = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      c.add(Double.parseDouble(l.split(",")[1]));
    }
    return c;
  }

  /** history.csv's max_move column: the largest move of one center per iteration. */
  static List<Double> maxMoves(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("history.csv"));
    List<Double> c = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      c.add(Double.parseDouble(l.split(",")[3]));
    }
    return c;
  }

  /** Equal to 1e-9 relative: |a - b| <= 1e-9 max(|b|, 1e-3 ||b||) per coordinate. */
  static void assertClose(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int m = 0; m < expected.length; m++) {
      double norm = 0;
      for (double v : expected[m]) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      assertEquals(expected[m].length, actual[m].length);
      for (int j = 0; j < expected[m].length; j++) {
        double tol = 1e-9 * Math.max(Math.abs(expected[m][j]), 1e-3 * norm);
        assertEquals(expected[m][j], actual[m][j], tol, "center " + m + " coordinate " + j);
      }
    }
  }

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.abs(expected), what);
  }
}
