package io.drover.common.testing;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * The configuration tests use for Hadoop's LocalJobRunner: exactly what users get from
 * {@code bin/drover}, read from the repo's {@code conf/local/*.xml} (its one home), with the
 * launcher's two properties set as it sets them: one map slot per core and every scratch dir
 * under the module's {@code target/}.
 */
public final class LocalConf {
  private LocalConf() {}

  /** The repo's {@code conf/local}. */
  public static Path dir() {
    return TestData.root().getParent().resolve("conf").resolve("local");
  }

  public static Configuration create() {
    Configuration conf = new Configuration();
    conf.set("drover.scratch.dir", TestDirs.target().resolve("drover-scratch").toString());
    conf.setInt("drover.local.slots", Runtime.getRuntime().availableProcessors());
    for (String site : new String[] {"core-site.xml", "mapred-site.xml"}) {
      conf.addResource(new org.apache.hadoop.fs.Path(dir().resolve(site).toUri()));
    }
    return conf;
  }
}
