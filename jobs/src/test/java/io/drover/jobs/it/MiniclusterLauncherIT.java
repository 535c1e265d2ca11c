package io.drover.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;

/**
 * `bin/drover minicluster` as a user runs it: start a real multi-process HDFS + YARN, put files,
 * run wordcount on it through HADOOP_CONF_DIR, read the result back, stop; nothing is left.
 */
class MiniclusterLauncherIT {
  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  static final Path SAMPLE = ROOT.resolve("src/sample/text");

  BuiltJar.Result drover(Path scratch, Path confDir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("env", "DROVER_SCRATCH_DIR=" + scratch));
    if (confDir != null) {
      cmd.add("HADOOP_CONF_DIR=" + confDir);
    }
    cmd.add(ROOT.resolve("bin/drover").toString());
    cmd.addAll(List.of(args));
    return BuiltJar.exec(cmd, ROOT);
  }

  @Test
  void startRunWordCountOnYarnAndStopLeavingNothing() throws Exception {
    Path scratch = TestDirs.fresh("minicluster").resolve("scratch");
    Path mc = scratch.resolve("minicluster");
    BuiltJar.Result bad = drover(scratch, null, "minicluster", "start", "--datanodes", "two");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("--datanodes 'two' is not a number"), bad.err());
    assertFalse(Files.exists(mc));
    BuiltJar.Result start = drover(scratch, null, "minicluster", "start",
        "--datanodes", "2", "--nodemanagers", "2");
    long pid = -1;
    try {
      assertEquals(0, start.code(), start.err());
      assertTrue(start.err().contains("mini cluster ready"), start.err());
      pid = Long.parseLong(Files.readString(mc.resolve("pid")).trim());
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      Path conf = mc.resolve("conf");
      Configuration client = new Configuration(false);
      client.addResource(new org.apache.hadoop.fs.Path(conf.resolve("yarn-site.xml").toUri()));
      try (var dfs = (DistributedFileSystem) FileSystem.newInstance(client)) {
        assertEquals(2, dfs.getDataNodeStats().length, "--datanodes 2");
      }
      YarnClient yarn = YarnClient.createYarnClient();
      yarn.init(client);
      yarn.start();
      try {
        assertEquals(2, yarn.getNodeReports(NodeState.RUNNING).size(), "--nodemanagers 2");
      } finally {
        yarn.stop();
      }

      assertEquals(0, drover(scratch, conf, "fs", "-mkdir", "-p", "/in").code());
      BuiltJar.Result put = drover(scratch, conf, "fs", "-put", SAMPLE.toString(), "/in");
      assertEquals(0, put.code(), put.err());
      BuiltJar.Result wc = drover(scratch, conf, "wordcount", "--top", "4", "/in/text", "/out");
      assertEquals(0, wc.code(), wc.err());
      assertTrue(wc.err().contains("job 'drover wordcount' (job_") && !wc.err().contains("job_local"),
          wc.err());
      BuiltJar.Result cat = drover(scratch, conf, "fs", "-cat", "/out/part-r-00000");
      assertEquals(0, cat.code(), cat.err());
      assertEquals(expectedTop(4), cat.out().lines().toList());
    } finally {
      BuiltJar.Result stop = drover(scratch, null, "minicluster", "stop");
      assertEquals(0, stop.code(), stop.err());
    }
    assertFalse(Files.exists(mc), "stop removes everything the cluster wrote");
    final long jvm = pid;
    assertFalse(ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false), "cluster JVM ended");
  }

  /** StringTokenizer counts of the sample, most frequent first, ties by word. */
  static List<String> expectedTop(int n) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path f : files.toList()) {
        StringTokenizer st = new StringTokenizer(Files.readString(f, StandardCharsets.UTF_8));
        while (st.hasMoreTokens()) {
          counts.merge(st.nextToken(), 1L, Long::sum);
        }
      }
    }
    return counts.entrySet().stream()
        .sorted((a, b) -> a.getValue().equals(b.getValue())
            ? java.util.Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)) // the product's order: UTF-8 bytes
            : Long.compare(b.getValue(), a.getValue()))
        .limit(n)
        .map(e -> e.getKey() + "\t" + e.getValue())
        .toList();
  }
}
