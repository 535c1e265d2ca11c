package io.drover.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.GdOracle;
import io.drover.jobs.gd.GdRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * logreg through the built jar (RunJar, a separate client JVM) on the mini HDFS + YARN: input,
 * binary training set and checkpoints on HDFS, every job on YARN, with and without uber mode.
 */
class GdClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  static final org.apache.hadoop.fs.Path IN = new org.apache.hadoop.fs.Path("/data/a9a");
  static GdOracle oracle;

  @BeforeAll
  static void upload() throws Exception {
    Path a9a = TestData.path("classification/a9a");
    cluster.fs().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(a9a.toUri()), IN);
    oracle = GdOracle.libsvm(a9a, 123);
  }

  static double[] weights(FileSystem fs, String out) throws Exception {
    JsonNode m;
    try (var in = fs.open(new org.apache.hadoop.fs.Path(out, "model.json"))) {
      m = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    JsonNode w = m.get("weights");
    double[] a = new double[w.size() + 1];
    for (int j = 0; j < w.size(); j++) {
      a[j] = w.get(j).asDouble();
    }
    a[w.size()] = m.get("intercept").asDouble();
    return a;
  }

  void trainOnYarn(boolean uber, int iterations, String out) throws Exception {
    Path scratch = TestDirs.fresh("gd-cluster");
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r =
        BuiltJar.runJar(
            BuiltJar.of("jobs"),
            confDir,
            scratch,
            null,
            "logreg",
            "-D",
            "mapreduce.job.ubertask.enable=" + uber,
            "--no-standardize",
            "--max-iter",
            Integer.toString(iterations),
            "--tol",
            "0",
            IN.toString(),
            out);
    assertEquals(0, r.code(), r.err());
    assertEquals(
        appsBefore + 1 + iterations, cluster.yarnApplications(), "parse + iterations on YARN");
    assertTrue(!r.err().contains("job_local"), r.err());
    FileSystem fs = cluster.fs();
    for (int i = 0; i <= iterations; i++) {
      assertTrue(
          fs.exists(
              new org.apache.hadoop.fs.Path(
                  out, String.format("iterations/iter-%05d/_SUCCESS", i))));
    }
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out, "data/part-00000-0000.bin")));
    GdRun.assertClose(oracle.train(true, 1, 1.0, iterations, 0), weights(fs, out));
    List<String> history;
    try (var in = fs.open(new org.apache.hadoop.fs.Path(out, "history.csv"))) {
      history = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    assertEquals(iterations + 1, history.size());
    // the figure the README quotes: seconds per iteration on the mini cluster
    System.out.println(
        "GdClusterIT uber="
            + uber
            + " wall_ms per iteration: "
            + history.subList(1, history.size()).stream().map(l -> l.split(",")[6]).toList());
  }

  @Test
  void threeIterationsInUberMode() throws Exception {
    trainOnYarn(true, 3, "/out/uber");
  }

  @Test
  void twoIterationsWithoutUberMode() throws Exception {
    trainOnYarn(false, 2, "/out/plain");
  }

  /** Every map task of iteration 2 fails once; Hadoop retries it; nothing changes. */
  @Test
  void aMapTaskThatFailsOnceIsRetriedAndChangesNothing() throws Exception {
    int appsBefore = cluster.yarnApplications();
    int code =
        org.apache.hadoop.util.ToolRunner.run(
            cluster.conf(),
            new io.drover.jobs.gd.LogReg(),
            new String[] {
              "-D",
              "drover.gd.test.fail-first-attempt=2",
              "--no-standardize",
              "--max-iter",
              "2",
              "--tol",
              "0",
              IN.toString(),
              "/out/retried"
            });
    assertEquals(0, code);
    assertEquals(appsBefore + 3, cluster.yarnApplications());
    FileSystem fs = cluster.fs();
    List<String> history;
    try (var in = fs.open(new org.apache.hadoop.fs.Path("/out/retried/history.csv"))) {
      history = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    assertEquals("0", history.get(1).split(",")[9], history.get(1)); // failed_tasks
    assertEquals("1", history.get(2).split(",")[9], history.get(2));
    GdRun.assertClose(oracle.train(true, 1, 1.0, 2, 0), weights(fs, "/out/retried"));
  }
}
