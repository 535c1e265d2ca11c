package io.drover.common.testing;

import org.apache.hadoop.conf.Configuration;

/**
 * The configuration tests use for Hadoop's LocalJobRunner: the same settings as
 * {@code conf/local} (local file system, one map slot per core, fast completion polling) with
 * every scratch dir under {@code target/}.
 */
public final class LocalConf {
  private LocalConf() {}

  public static Configuration create() {
    Configuration conf = new Configuration();
    String tmp = TestDirs.target().resolve("hadoop-tmp").toString();
    conf.set("fs.defaultFS", "file:///");
    conf.set("mapreduce.framework.name", "local");
    conf.set("hadoop.tmp.dir", tmp);
    conf.set("mapreduce.jobtracker.staging.root.dir", tmp + "/staging");
    conf.set("mapreduce.cluster.local.dir", tmp + "/mapred/local");
    conf.setInt("mapreduce.local.map.tasks.maximum", Runtime.getRuntime().availableProcessors());
    conf.setInt("mapreduce.local.reduce.tasks.maximum", Runtime.getRuntime().availableProcessors());
    conf.setInt("mapreduce.client.completion.pollinterval", 50);
    return conf;
  }
}
