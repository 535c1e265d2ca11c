package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** Runs logreg / linreg as users do (ToolRunner) and reads what they wrote. */
public final class GdRun {
  record Run(int code, String err) {}

  private GdRun() {}

  static Run run(Configuration conf, GdTool tool, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** {@code first} followed by {@code rest}: one more flag in front of a shared argument list. */
  static String[] plus(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  static JsonNode model(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("model.json").toFile());
  }

  /** model.json's weights followed by its intercept. */
  static double[] weights(Path out) throws Exception {
    JsonNode m = model(out);
    JsonNode w = m.get("weights");
    double[] a = new double[w.size() + 1];
    for (int j = 0; j < w.size(); j++) {
      a[j] = w.get(j).asDouble();
    }
    a[w.size()] = m.get("intercept").asDouble();
    return a;
  }

  /** Equal to 1e-9 relative: |a_j - b_j| <= 1e-9 max(|b_j|, ||b|| 1e-3). */
  public static void assertClose(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    double norm = 0;
    for (double v : expected) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (int j = 0; j < expected.length; j++) {
      double tol = 1e-9 * Math.max(Math.abs(expected[j]), 1e-3 * norm);
      assertEquals(expected[j], actual[j], tol, "weight " + j);
    }
  }
}
