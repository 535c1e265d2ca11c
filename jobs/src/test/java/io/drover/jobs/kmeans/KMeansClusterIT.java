package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kmeans through the built jar (RunJar, a separate client JVM) on mini HDFS + YARN in uber mode:
 * ccpp on HDFS, the training set and checkpoints on HDFS, every job on YARN; centers and sizes
 * equal to the in-memory oracle's.
 */
class KMeansClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  @Test
  void threeIterationsOnYarnEqualTheOracle() throws Exception {
    Path ccpp = TestData.path("regression/ccpp.csv");
    FileSystem fs = cluster.fs();
    org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("/data/ccpp.csv");
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(ccpp.toUri()), in);
    Path scratch = TestDirs.fresh("kmeans-cluster");
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null, "kmeans",
        "--k", "4", "--max-iter", "3", "--tol", "0", // uber mode: the runtime's default
        in.toString(), "/out/kmeans");
    assertEquals(0, r.code(), r.err());
    assertTrue(!r.err().contains("job_local"), r.err());
    assertTrue(cluster.yarnApplications() - appsBefore >= 4,
        "parse and 3 iterations on YARN: " + (cluster.yarnApplications() - appsBefore));
    Path local = Files.createDirectories(scratch.resolve("out"));
    for (String f : new String[] {"centers.json", "history.csv", "_SUCCESS"}) {
      fs.copyToLocalFile(new org.apache.hadoop.fs.Path("/out/kmeans", f),
          new org.apache.hadoop.fs.Path(local.resolve(f).toUri()));
    }
    KMeansOracle.Fit want = KMeansOracle.csv(ccpp, null).fit(4, 42, false, 3, 0);
    KMeansRun.assertClose(want.centers(), KMeansRun.centers(local));
    assertArrayEquals(want.sizes(), KMeansRun.sizes(local));
    assertEquals(3, KMeansRun.costs(local).size());
  }
}
