package io.drover.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.wordcount.WordCount;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMAppState;
import org.apache.hadoop.yarn.server.resourcemanager.rmcontainer.RMContainer;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.AbstractYarnScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults injected with the mini clusters' own controls while a word count runs on 2 DataNodes
 * (replication 2) and 2 NodeManagers: a client killed with SIGKILL and rerun at once, a DataNode
 * lost, a NodeManager lost. Each run must end with output byte-identical to the undisturbed
 * run's. Every fault is triggered on an observed event (the job's maps have progressed and a
 * task's container runs), never after a sleep. One cluster for all: the NodeManager goes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsClusterIT {
  /**
   * A NodeManager that stops (as one that crashes) is noticed by the ResourceManager only when its
   * heartbeats have been missing this long (Hadoop's default: 10 minutes); heartbeats come every
   * 200 ms here.
   */
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension(2, 2)
      .with("yarn.nm.liveness-monitor.expiry-interval-ms", "5000");

  static final Path IN = new Path("/data/gutenberg");
  /**
   * The killed client's job: 18 maps run one at a time, so it is sure to run on well after the
   * rerun has started (which is what the rerun must deal with), however slow the machine.
   */
  static final String[] SLOW = {"-D", "drover.input.split.max-bytes=200000",
      "-D", "mapreduce.job.running.map.limit=1"};
  static final long BOUND_MS = TimeUnit.MINUTES.toMillis(3);
  static List<byte[]> reference;
  static ExecutorService background = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void uploadAndRunUndisturbed() throws Exception {
    FileSystem fs = cluster.fs();
    fs.mkdirs(IN.getParent());
    fs.copyFromLocalFile(false, true, new Path(TestData.path("text/gutenberg").toUri()), IN);
    assertEquals(0, ToolRunner.run(cluster.conf(), new WordCount(), args("/ref")));
    reference = parts("/ref");
    assertTrue(reference.size() == 1 && reference.get(0).length > 500_000, "a real reference");
  }

  @AfterAll
  static void stopBackground() {
    background.shutdownNow();
  }

  static String[] args(String out) {
    return new String[] {IN.toString(), out};
  }

  /** The bytes of each part file of {@code dir}, in name order. */
  static List<byte[]> parts(String dir) throws Exception {
    FileSystem fs = cluster.fs();
    FileStatus[] files = fs.globStatus(new Path(dir, "part-*"));
    Arrays.sort(files);
    List<byte[]> out = new ArrayList<>();
    for (FileStatus f : files) {
      try (var in = fs.open(f.getPath())) {
        out.add(in.readAllBytes());
      }
    }
    return out;
  }

  static void assertSameAsUndisturbed(String dir) throws Exception {
    List<byte[]> got = parts(dir);
    assertEquals(reference.size(), got.size(), "part files of " + dir);
    for (int i = 0; i < got.size(); i++) {
      assertTrue(Arrays.equals(reference.get(i), got.get(i)), "part " + i + " of " + dir);
    }
    assertTrue(cluster.fs().exists(new Path(dir, "_SUCCESS")));
  }

  /** Polls {@code event} every 50 ms until it holds; fails after {@link #BOUND_MS}. */
  static void await(String what, BooleanSupplier event) throws Exception {
    long deadline = System.currentTimeMillis() + BOUND_MS;
    while (!event.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, "timed out waiting: " + what);
      Thread.sleep(50);
    }
  }

  /** The applications the ResourceManager knows, newest last. */
  static List<RMApp> apps() {
    List<RMApp> a = new ArrayList<>(
        cluster.yarnCluster().getResourceManager().getRMContext().getRMApps().values());
    a.sort((x, y) -> x.getApplicationId().compareTo(y.getApplicationId()));
    return a;
  }

  /** The application submitted after the first {@code before} ones, once there is one. */
  static ApplicationId newApp(int before) throws Exception {
    await("a new YARN application", () -> apps().size() > before);
    return apps().get(before).getApplicationId();
  }

  static RMApp app(ApplicationId id) {
    return cluster.yarnCluster().getResourceManager().getRMContext().getRMApps().get(id);
  }

  /** The nodes where a task (not the ApplicationMaster) of {@code app} has a running container. */
  static List<NodeId> taskNodes(ApplicationId app) {
    var rm = cluster.yarnCluster().getResourceManager();
    var scheduler = (AbstractYarnScheduler<?, ?>) rm.getResourceScheduler();
    List<NodeId> nodes = new ArrayList<>();
    for (NodeId n : rm.getRMContext().getRMNodes().keySet()) {
      var node = scheduler.getSchedulerNode(n);
      if (node == null) {
        continue;
      }
      for (RMContainer c : node.getCopiedListOfRunningContainers()) {
        if (!c.isAMContainer()
            && c.getApplicationAttemptId().getApplicationId().equals(app)) {
          nodes.add(n);
          break;
        }
      }
    }
    return nodes;
  }

  /** The node of {@code app}'s ApplicationMaster, if it runs. */
  static Optional<NodeId> amNode(ApplicationId app) {
    var attempt = app(app).getCurrentAppAttempt();
    return attempt == null || attempt.getMasterContainer() == null ? Optional.empty()
        : Optional.of(attempt.getMasterContainer().getNodeId());
  }

  /** The job's map progress as its ApplicationMaster reports it (0 before it can tell). */
  static float mapProgress(Cluster jobs, ApplicationId app) {
    try {
      Job job = jobs.getJob(new JobID(String.valueOf(app.getClusterTimestamp()), app.getId()));
      return job == null ? 0 : job.mapProgress();
    } catch (Exception e) {
      return 0; // not known to the client protocol yet
    }
  }

  /** Waits until {@code app}'s maps have progressed and a task's container runs on some node. */
  static void awaitTasksRunning(ApplicationId app) throws Exception {
    Cluster jobs = new Cluster(cluster.conf());
    try {
      await("maps progressing and a task running for " + app,
          () -> app(app).getState() == RMAppState.RUNNING && !taskNodes(app).isEmpty()
              && mapProgress(jobs, app) > 0);
    } finally {
      jobs.close();
    }
  }

  static boolean ended(ApplicationId app) {
    RMAppState s = app(app).getState();
    return s == RMAppState.FINISHED || s == RMAppState.FAILED || s == RMAppState.KILLED;
  }

  /** The hidden work dirs ({@code .NAME.drover-*}) beside the outputs under /out. */
  static List<String> workDirs() throws Exception {
    List<String> left = new ArrayList<>();
    if (cluster.fs().exists(new Path("/out"))) {
      for (FileStatus f : cluster.fs().listStatus(new Path("/out"))) {
        if (f.getPath().getName().contains(".drover-")) {
          left.add(f.getPath().getName());
        }
      }
    }
    return left;
  }

  @Test
  @Order(1)
  void aClientKilledMidJobIsRerunAtOnceAndItsOrphanJobIsStopped() throws Exception {
    java.nio.file.Path scratch = TestDirs.fresh("faults-client");
    java.nio.file.Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    List<String> cmd = new ArrayList<>(List.of("wordcount"));
    cmd.addAll(Arrays.asList(SLOW));
    cmd.addAll(Arrays.asList(args("/out/wc")));
    int before = apps().size();
    Process client = BuiltJar.startJar(BuiltJar.of("jobs"), confDir, scratch,
        scratch.resolve("killed.log"), cmd.toArray(new String[0]));
    ApplicationId orphan;
    try {
      orphan = newApp(before);
      awaitTasksRunning(orphan);
    } finally {
      client.destroyForcibly();
    }
    assertEquals(137, client.waitFor(),
        "SIGKILL: " + Files.readString(scratch.resolve("killed.log")));
    assertFalse(ended(orphan), "the killed client's job runs on");
    assertEquals(1, workDirs().size(), "the killed client could not clean up: " + workDirs());

    long start = System.currentTimeMillis();
    BuiltJar.Result rerun = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null,
        "wordcount", IN.toString(), "/out/wc");
    long rerunMs = System.currentTimeMillis() - start;
    assertEquals(0, rerun.code(), rerun.err());
    // nothing of the dead run may come back: wait (bounded) until its job has ended for good
    await("the orphan " + orphan + " to end", () -> ended(orphan));
    assertEquals(List.of(), workDirs(), "no work dir left beside the output");
    assertEquals(FinalApplicationStatus.KILLED, app(orphan).getFinalApplicationStatus(),
        "the orphan was stopped, not left to finish (rerun took " + rerunMs + " ms)");
    assertTrue(rerun.err().contains("stopping " + orphan), rerun.err());
    assertSameAsUndisturbed("/out/wc");
  }

  @Test
  @Order(2)
  void aDataNodeLostMidJobAtReplicationTwo() throws Exception {
    MiniDFSCluster dfs = cluster.dfsCluster();
    assertEquals(2, dfs.getDataNodes().size());
    assertEquals(2, cluster.fs().listFiles(IN, true).next().getReplication());
    int before = apps().size();
    Future<Integer> run =
        background.submit(() -> ToolRunner.run(cluster.conf(), new WordCount(), args("/out/dn")));
    ApplicationId app = newApp(before);
    awaitTasksRunning(app);
    MiniDFSCluster.DataNodeProperties lost = dfs.stopDataNode(1);
    assertEquals(0, run.get(BOUND_MS, TimeUnit.MILLISECONDS), "the job survives the lost DataNode");
    assertEquals(1, dfs.getDataNodes().size());
    assertSameAsUndisturbed("/out/dn");
    assertTrue(dfs.restartDataNode(lost, true));
    dfs.waitActive();
  }

  @Test
  @Order(3)
  void aNodeManagerLostWhileItsTasksRun() throws Exception {
    int before = apps().size();
    Configuration conf = cluster.conf();
    // the ApplicationMaster stops its containers on the lost node through that node: by default
    // it retries the connection for 3 minutes per container before it gives up
    conf.set("yarn.client.nodemanager-connect.max-wait-ms", "3000");
    conf.set("yarn.client.nodemanager-connect.retry-interval-ms", "500");
    Future<Integer> run =
        background.submit(() -> ToolRunner.run(conf, new WordCount(), args("/out/nm")));
    ApplicationId app = newApp(before);
    awaitTasksRunning(app);
    // a node running tasks, preferably not the ApplicationMaster's (whose loss is a restart)
    List<NodeId> candidates = taskNodes(app);
    Optional<NodeId> am = amNode(app);
    NodeId victim = candidates.stream().filter(n -> !Optional.of(n).equals(am)).findFirst()
        .orElse(candidates.get(0));
    NodeManager lost = null;
    for (int i = 0; i < 2; i++) {
      NodeManager nm = cluster.yarnCluster().getNodeManager(i);
      if (nm.getNMContext().getNodeId().equals(victim)) {
        lost = nm;
      }
    }
    assertTrue(lost != null, "the node " + victim + " is one of ours");
    lost.stop();
    assertEquals(0, run.get(BOUND_MS, TimeUnit.MILLISECONDS), "the job survives the lost node");
    assertSameAsUndisturbed("/out/nm");
  }
}
