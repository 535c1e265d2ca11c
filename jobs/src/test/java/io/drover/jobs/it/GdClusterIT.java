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
    assertUsedTheSharedJar(fs, out, 2);
    // the figure the README quotes: seconds per iteration on the mini cluster
    System.out.println(
        "GdClusterIT uber="
            + uber
            + " wall_ms per iteration: "
            + history.subList(1, history.size()).stream().map(l -> l.split(",")[6]).toList());
  }

  /**
   * Iteration {@code t}'s job ran with the one shared copy of the built jar (content-addressed in
   * the user's home dir, world-readable) as a PUBLIC resource, as its ApplicationMaster's
   * configuration (the job history's conf file) says.
   */
  static void assertUsedTheSharedJar(FileSystem fs, String out, int t) throws Exception {
    JsonNode manifest;
    try (var in = fs.open(new org.apache.hadoop.fs.Path(out, "_drover/manifest.json"))) {
      manifest = new ObjectMapper().readTree(in);
    }
    String id = null;
    for (JsonNode j : manifest.get("jobs")) {
      if (j.get("name").asText().equals("drover gd iteration " + t)) {
        id = j.get("id").asText();
      }
    }
    assertTrue(id != null, manifest.toString());
    Path built = BuiltJar.of("jobs");
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest
        .getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(built)));
    org.apache.hadoop.fs.Path shared = fs.makeQualified(new org.apache.hadoop.fs.Path(
        "/user/" + System.getProperty("user.name") + "/.drover/jars/" + sha + ".jar"));
    org.apache.hadoop.conf.Configuration jc = historyConf(fs, id);
    assertEquals(shared.toString(), jc.get("mapreduce.job.jar"), id);
    assertEquals("true", jc.get("mapreduce.job.jobjar.visibility"), id);
    assertEquals("rw-r--r--", fs.getFileStatus(shared).getPermission().toString());
  }

  /** The configuration job {@code id} ran with: its conf file in the job history dirs. */
  static org.apache.hadoop.conf.Configuration historyConf(FileSystem fs, String id)
      throws Exception {
    org.apache.hadoop.conf.Configuration c = cluster.conf();
    // the intermediate dir first: the history server moves files from there to the done dir
    for (String prefix : List.of(
        org.apache.hadoop.mapreduce.v2.jobhistory.JobHistoryUtils
            .getConfiguredHistoryIntermediateDoneDirPrefix(c),
        org.apache.hadoop.mapreduce.v2.jobhistory.JobHistoryUtils
            .getConfiguredHistoryServerDoneDirPrefix(c))) {
      org.apache.hadoop.fs.Path dir = fs.makeQualified(new org.apache.hadoop.fs.Path(prefix));
      if (!fs.exists(dir)) {
        continue;
      }
      var files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        org.apache.hadoop.fs.Path p = files.next().getPath();
        if (p.getName().equals(id + "_conf.xml")) {
          org.apache.hadoop.conf.Configuration jc = new org.apache.hadoop.conf.Configuration(false);
          try (var in = fs.open(p)) {
            jc.addResource(in, p.toString());
            jc.size(); // parsed while the stream is open
          }
          return jc;
        }
      }
    }
    throw new AssertionError("no history conf file of " + id);
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
