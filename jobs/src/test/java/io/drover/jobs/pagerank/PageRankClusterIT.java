package io.drover.jobs.pagerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pagerank through the built jar (RunJar, a separate client JVM) on mini HDFS + YARN in uber mode,
 * as {@code KMeansClusterIT} runs kmeans: the edges, the rank datasets and the checkpoints on HDFS,
 * the build job and both iterations (with the combiner; the second reads the first's committed
 * dataset) on YARN; the ranks equal to the in-test power iteration's to 1e-9. Two iterations, not
 * more: each uber job takes 10-15 s here, and the class stays near a minute.
 */
class PageRankClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  @Test
  void twoIterationsOnYarnEqualTheOracle() throws Exception {
    List<String> lines = PageRankOracle.preferentialAttachment(2_000, 7);
    Path scratch = TestDirs.fresh("pagerank-cluster");
    Path edges = scratch.resolve("edges.tsv");
    Files.write(edges, lines, StandardCharsets.UTF_8);
    FileSystem fs = cluster.fs();
    org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("/data/edges.tsv");
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(edges.toUri()), in);
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null, "pagerank",
        "--max-iter", "2", "--tol", "0", // uber mode: the runtime's default
        in.toString(), "/out/pagerank");
    assertEquals(0, r.code(), r.err());
    assertTrue(!r.err().contains("job_local"), r.err());
    assertEquals(3, cluster.yarnApplications() - appsBefore, "the build job and 2 iterations");

    Path local = Files.createDirectories(scratch.resolve("out"));
    fs.copyToLocalFile(new org.apache.hadoop.fs.Path("/out/pagerank"),
        new org.apache.hadoop.fs.Path(local.toUri()));
    Path out = local.resolve("pagerank");
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    PageRankOracle.Result want = PageRankOracle.pagerank(PageRankOracle.edges(lines), 0.85, 0, 2);
    PageRankRun.assertRanks(want.ranks(), PageRankRun.ranks(out));
    JsonNode s = PageRankRun.summary(out);
    assertEquals(2, s.get("iterations").asInt());
    assertEquals(lines.size(), s.get("edges").asLong());

    // the iteration's combiner ran on YARN and summed shares (the manifest keeps the counters)
    JsonNode jobs = new ObjectMapper().readTree(out.resolve("_drover/manifest.json").toFile())
        .get("jobs");
    assertEquals(3, jobs.size());
    JsonNode mr = jobs.get(2).get("counters").get("Map-Reduce Framework");
    long combineIn = mr.get("Combine input records").asLong();
    assertTrue(combineIn > lines.size(), "every share and vertex line: " + combineIn);
    assertTrue(mr.get("Combine output records").asLong() < combineIn / 2, mr.toString());
  }
}
