package io.drover.jobs.pagerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pagerank on the LocalJobRunner against {@link PageRankOracle}: ranks to 1e-9, iterations. */
class PageRankLocalTest {
  /**
   * A small graph with every special case: a dangling vertex (d), one only seen as a destination
   * (e, dangling too), a self-loop (c), a duplicate edge (a to b twice), a name with a space and
   * one in UTF-8, and a line ending in CR LF.
   */
  static final List<String> SMALL =
      List.of("a\tb", "a\tb", "a\tc", "b\tc", "c\ta", "c\tc", "x y\td", "ü\tx y", "b\te", "ü\ta");

  @Test
  void aSmallGraphConvergesToTheOraclesRanksInTheSameIterations() throws Exception {
    Path work = TestDirs.fresh("pagerank-small");
    Path in = work.resolve("edges.tsv");
    Files.writeString(
        in,
        String.join("\n", SMALL.subList(0, SMALL.size() - 1))
            + "\n"
            + SMALL.get(SMALL.size() - 1)
            + "\r\n",
        StandardCharsets.UTF_8);
    Path out = work.resolve("out");
    PageRankRun.Run r =
        PageRankRun.run(LocalConf.create(), "--tol", "1e-10", in.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    PageRankOracle.Result want =
        PageRankOracle.pagerank(PageRankOracle.edges(SMALL), 0.85, 1e-10, 100);
    assertTrue(want.converged());
    PageRankRun.assertRanks(want.ranks(), PageRankRun.ranks(out));
    JsonNode s = PageRankRun.summary(out);
    assertEquals(want.iterations(), s.get("iterations").asInt(), r.err());
    assertTrue(s.get("converged").asBoolean());
    assertEquals(7, s.get("vertices").asLong());
    assertEquals(10, s.get("edges").asLong());
    assertEquals(2, s.get("dangling").asLong());
    assertEquals(want.change(), s.get("change").asDouble(), 1e-12);
    assertTrue(s.get("change").asDouble() < 1e-10);
    assertEquals(1e-10, s.get("tol").asDouble());
    assertTrue(s.get("threshold") == null, "no N x tol any more: " + s);
    // history.csv, the runtime's: the L1 change of every iteration, as the oracle's
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("iteration,change,dangling_mass,rank_sum,records,wall_ms", history.get(0));
    assertEquals(want.iterations() + 1, history.size());
    for (int t = 1; t <= want.iterations(); t++) {
      String[] row = history.get(t).split(",");
      assertEquals(Integer.toString(t), row[0]);
      assertEquals(want.changes().get(t - 1), Double.parseDouble(row[1]), 1e-13, history.get(t));
      assertEquals(1.0, Double.parseDouble(row[3]), 1e-12, history.get(t));
      assertEquals("7", row[4]);
    }
    assertEquals(s.get("change").asDouble(),
        Double.parseDouble(history.get(want.iterations()).split(",")[1]));
    assertTrue(r.err().contains("pagerank: iteration 1/200 "), r.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));

    // three reducers: other part files, the same bits (every sum is exact)
    Path out3 = work.resolve("out3");
    PageRankRun.Run r3 =
        PageRankRun.run(
            LocalConf.create(),
            "-D",
            "mapreduce.job.reduces=3",
            "--tol",
            "1e-10",
            in.toString(),
            out3.toString());
    assertEquals(0, r3.code(), r3.err());
    assertEquals(3, PageRankRun.parts(out3).size());
    assertEquals(PageRankRun.ranks(out), PageRankRun.ranks(out3)); // Double.equals: same bits

    // the default tol (1e-10, absolute) and max-iter (200) and another damping: where the L1 rule
    // says, and the ranks within d/(1-d) tol of the fixed point (here the oracle run to 1e-15)
    Path out2 = work.resolve("out2");
    PageRankRun.Run r2 =
        PageRankRun.run(LocalConf.create(), "--damping", "0.5", in.toString(), out2.toString());
    assertEquals(0, r2.code(), r2.err());
    PageRankOracle.Result want2 =
        PageRankOracle.pagerank(PageRankOracle.edges(SMALL), 0.5, 1e-10, 200);
    assertTrue(want2.converged());
    PageRankRun.assertRanks(want2.ranks(), PageRankRun.ranks(out2));
    JsonNode s2 = PageRankRun.summary(out2);
    assertEquals(want2.iterations(), s2.get("iterations").asInt());
    assertEquals(1e-10, s2.get("tol").asDouble());
    PageRankOracle.Result fixed =
        PageRankOracle.pagerank(PageRankOracle.edges(SMALL), 0.5, 1e-15, 1000);
    assertTrue(fixed.converged());
    double l1 = 0;
    for (var e : fixed.ranks().entrySet()) {
      l1 += Math.abs(e.getValue() - PageRankRun.ranks(out2).get(e.getKey()));
    }
    assertTrue(l1 < 0.5 / (1 - 0.5) * 1e-10, "L1 distance to the fixed point " + l1);
  }

  @Test
  void aGeneratedGraphOfFiftyThousandEdgesInSeveralMapTasksAndThreeReducers() throws Exception {
    Path work = TestDirs.fresh("pagerank-pa");
    List<String> lines = PageRankOracle.preferentialAttachment(11_000, 42);
    Path in = work.resolve("edges.tsv");
    Files.write(in, lines, StandardCharsets.UTF_8);
    long split = 100_000;
    assertTrue(Files.size(in) > 4 * split, "at least 5 map tasks: " + Files.size(in));
    Path out = work.resolve("out");
    long t0 = System.nanoTime();
    PageRankRun.Run r =
        PageRankRun.run(
            LocalConf.create(),
            "-D",
            "mapreduce.input.fileinputformat.split.maxsize=" + split,
            "-D",
            "mapreduce.job.reduces=3",
            "--tol",
            "1e-3", // 27 iterations: the splits and reducers are what this test is about
            in.toString(),
            out.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, r.code(), r.err());
    PageRankOracle.Result want =
        PageRankOracle.pagerank(PageRankOracle.edges(lines), 0.85, 1e-3, 100);
    assertTrue(want.converged());
    JsonNode s = PageRankRun.summary(out);
    System.out.println("pagerank on " + lines.size() + " edges: " + s + " in " + ms + " ms");
    assertEquals(3, PageRankRun.parts(out).size());
    PageRankRun.assertRanks(want.ranks(), PageRankRun.ranks(out));
    assertEquals(want.iterations(), s.get("iterations").asInt());
    assertEquals(lines.size(), s.get("edges").asLong());
    assertEquals(want.ranks().size(), s.get("vertices").asLong());
  }
}
