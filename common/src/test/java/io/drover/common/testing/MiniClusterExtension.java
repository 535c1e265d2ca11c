package io.drover.common.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-JVM HDFS (MiniDFSCluster) and YARN with MapReduce (MiniMRYarnCluster) per test class:
 * {@code @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();}.
 * Settings are the ones measured to work on these machines, kept in the repo's
 * {@code conf/minicluster/settings.properties} (which {@code bin/drover minicluster} uses too):
 * disk-health thresholds, small containers, fast heartbeats and shutdown. Data lives under
 * {@code target/test/data}; container logs stay there for post-mortems.
 */
public final class MiniClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private final int dataNodes;
  private final int nodeManagers;
  private final Properties extra = new Properties();
  private MiniDFSCluster dfs;
  private MiniMRYarnCluster yarn;
  private Configuration conf;

  /** One DataNode, one NodeManager. */
  public MiniClusterExtension() {
    this(1, 1);
  }

  /**
   * A cluster to inject faults into ({@link #dfsCluster()}, {@link #yarnCluster()}): with more
   * than one DataNode, files are written with replication min(DataNodes, 3).
   */
  public MiniClusterExtension(int dataNodes, int nodeManagers) {
    this.dataNodes = dataNodes;
    this.nodeManagers = nodeManagers;
  }

  /** Sets {@code key} on the cluster too, beside the shared settings (before it starts). */
  public MiniClusterExtension with(String key, String value) {
    extra.setProperty(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String name = context.getRequiredTestClass().getSimpleName();
    Configuration base = new Configuration();
    base.set("hadoop.tmp.dir", TestDirs.target().resolve("hadoop-tmp").toString());
    base.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
        TestDirs.target().resolve("test/data/dfs-" + name).toString());
    if (dataNodes > 1) {
      base.setInt("dfs.replication", Math.min(dataNodes, 3));
    }
    dfs = new MiniDFSCluster.Builder(base).numDataNodes(dataNodes).format(true).build();
    dfs.waitActive();

    Configuration c = new Configuration(dfs.getConfiguration(0));
    settings().forEach((k, v) -> c.set((String) k, (String) v));
    extra.forEach((k, v) -> c.set((String) k, (String) v));
    c.set("test.build.data", TestDirs.target().resolve("test/data").toString());
    yarn = new MiniMRYarnCluster(name, nodeManagers);
    yarn.init(c);
    yarn.start();
    conf = new Configuration(yarn.getConfig());
    conf.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
  }

  /** The repo's {@code conf/minicluster/settings.properties}, which bin/drover uses too. */
  static Properties settings() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(
        LocalConf.dir().getParent().resolve("minicluster").resolve("settings.properties"))) {
      p.load(r);
    }
    return p;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  /** Client configuration: HDFS as the default file system, MapReduce on the mini YARN. */
  public Configuration conf() {
    return new Configuration(conf);
  }

  /** The HDFS itself, for its own controls ({@code stopDataNode}, {@code restartDataNode}). */
  public MiniDFSCluster dfsCluster() {
    return dfs;
  }

  /** YARN itself, for its own controls ({@code getNodeManager(i).stop()}, the RM's state). */
  public MiniMRYarnCluster yarnCluster() {
    return yarn;
  }

  public FileSystem fs() throws IOException {
    return dfs.getFileSystem();
  }

  /** YARN applications the cluster has accepted so far (proves a job really ran on YARN). */
  public int yarnApplications() {
    return yarn.getResourceManager().getRMContext().getRMApps().size();
  }

  /**
   * Writes the client configuration into {@code dir} as core-, hdfs-, mapred- and yarn-site.xml
   * ({@link io.drover.common.run.SiteConf}: what differs from Hadoop's defaults, as a real
   * cluster's site files), so a separate JVM (RunJar, FsShell) can use the cluster with {@code dir}
   * first on its classpath.
   */
  public Path writeConfDir(Path dir) throws IOException {
    Configuration client = new Configuration(conf);
    // the AM and tasks need MRAppMaster & co., which a client classpath lacks; a real cluster
    // names its install here, the mini cluster the test JVM's classpath
    client.set("mapreduce.application.classpath", System.getProperty("java.class.path"));
    io.drover.common.run.SiteConf.writeSiteFiles(client, dir);
    return dir;
  }
}
