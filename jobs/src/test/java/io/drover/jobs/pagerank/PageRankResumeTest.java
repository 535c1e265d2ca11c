package io.drover.jobs.pagerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.GdResumeTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Resume after a killed driver, as {@link GdResumeTest} does it for gd: a separate driver JVM is
 * killed with SIGKILL after its third committed iteration; the same command then resumes (the rank
 * dataset of the newest checkpoint is the state; no edge is read again) and writes the same part
 * files and summary.json bytes as an uninterrupted run. The generated graph (49,654 edges) is read
 * in 6 splits and ranked by 3 reducers, so the tasks finish in varying order.
 */
class PageRankResumeTest {
  static String[] args(String... tail) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "-D",
                "mapreduce.input.fileinputformat.split.maxsize=100000",
                "-D",
                "mapreduce.job.reduces=3",
                "--max-iter",
                "8",
                "--tol",
                "0"));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  @Test
  void aDriverKilledMidRunResumesToTheSameBytes() throws Exception {
    Path work = TestDirs.fresh("pagerank-resume");
    List<String> lines = PageRankOracle.preferentialAttachment(11_000, 42);
    Path in = work.resolve("edges.tsv");
    Files.write(in, lines, StandardCharsets.UTF_8);
    Configuration conf = LocalConf.create();
    Path straight = work.resolve("straight");
    Path resumed = work.resolve("resumed");

    PageRankRun.Run r = PageRankRun.run(conf, args(in.toString(), straight.toString()));
    assertEquals(0, r.code(), r.err());

    GdResumeTest.killAfter(
        PageRank.class, "pagerank: iteration 3/8 ", args(in.toString(), resumed.toString()));
    assertTrue(
        !Files.exists(resumed.resolve("_SUCCESS")) && !Files.exists(resumed.resolve("ranks")));
    Path iterations = resumed.resolve("iterations");
    int latest = GdResumeTest.latestCommitted(iterations);
    assertTrue(latest >= 3 && latest < 8, "latest committed " + latest);

    // a changed parameter is refused, naming it; nothing is touched
    PageRankRun.Run changed =
        PageRankRun.run(conf, args("--damping", "0.9", in.toString(), resumed.toString()));
    assertEquals(2, changed.code(), changed.err());
    assertTrue(
        changed.err().contains("--damping (the unfinished run used 0.85, this command 0.9)"),
        changed.err());
    assertEquals(latest, GdResumeTest.latestCommitted(iterations));

    // the newest checkpoint loses its _SUCCESS: it must be ignored and computed again
    Files.delete(iterations.resolve(String.format("iter-%05d", latest)).resolve("_SUCCESS"));

    PageRankRun.Run again = PageRankRun.run(conf, args(in.toString(), resumed.toString()));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resuming the unfinished run"), again.err());
    assertTrue(!again.err().contains("reading the edges"), "no second read: " + again.err());
    assertTrue(again.err().contains("pagerank: iteration " + latest + "/8 "), again.err());
    assertTrue(!again.err().contains("pagerank: iteration " + (latest - 1) + "/8 "), again.err());

    List<Path> parts = PageRankRun.parts(straight);
    assertEquals(3, parts.size());
    assertEquals(
        parts.stream().map(p -> p.getFileName().toString()).toList(),
        PageRankRun.parts(resumed).stream().map(p -> p.getFileName().toString()).toList());
    for (Path p : parts) {
      assertArrayEquals(
          Files.readAllBytes(p),
          Files.readAllBytes(resumed.resolve("ranks").resolve(p.getFileName())),
          p.getFileName().toString());
    }
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("summary.json")),
        Files.readAllBytes(resumed.resolve("summary.json")));
    // and both equal the oracle's 8th iterate
    PageRankOracle.Result want = PageRankOracle.pagerank(PageRankOracle.edges(lines), 0.85, 0, 8);
    PageRankRun.assertRanks(want.ranks(), PageRankRun.ranks(resumed));
    assertEquals(8, PageRankRun.summary(resumed).get("iterations").asInt());

    PageRankRun.Run finished = PageRankRun.run(conf, args(in.toString(), resumed.toString()));
    assertEquals(2, finished.code(), finished.err());
    assertTrue(finished.err().contains("holds a finished run; pass --overwrite"), finished.err());
  }
}
