package io.drover.jobs.pagerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** Runs pagerank as users do (ToolRunner) and reads what it wrote. */
final class PageRankRun {
  record Run(int code, String err) {}

  private PageRankRun() {}

  static Run run(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PageRank tool = new PageRank();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** The part files of {@code out/ranks}, by name. */
  static List<Path> parts(Path out) throws Exception {
    try (var s = Files.list(out.resolve("ranks"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  /** Every vertex's rank from the part files; a vertex twice fails. */
  static Map<String, Double> ranks(Path out) throws Exception {
    Map<String, Double> m = new TreeMap<>();
    for (Path p : parts(out)) {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", -1);
        assertEquals(2, f.length, line);
        assertNull(m.put(f[0], Double.parseDouble(f[1])), "twice: " + f[0]);
      }
    }
    return m;
  }

  static JsonNode summary(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
  }

  /**
   * Same vertices, each rank within 1e-9 of the oracle's, relative (so to far better than 1e-9
   * absolute: ranks are below 1); the ranks sum to 1 within 1e-12.
   */
  static void assertRanks(Map<String, Double> expected, Map<String, Double> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    double sum = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertEquals(e.getValue(), actual.get(e.getKey()), 1e-9 * e.getValue(), e.getKey());
      sum += actual.get(e.getKey());
    }
    assertEquals(1.0, sum, 1e-12);
  }
}
