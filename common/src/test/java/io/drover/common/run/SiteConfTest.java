package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestDirs;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

/** A configuration dump written as site files: the site's choices kept, Hadoop's defaults not. */
class SiteConfTest {
  static final String UBER = "mapreduce.job.ubertask.enable";

  @Test
  void aFullDumpBecomesWhatTheSiteChose() throws Exception {
    Path dir = TestDirs.fresh("site-conf");
    JobConf cluster = new JobConf(); // every default loaded, as a mini cluster's dump holds them
    cluster.set("mapreduce.framework.name", "yarn");
    cluster.set("drover.example", "1");
    cluster.set("fs.defaultFS", "hdfs://localhost:9000");
    Path dump = dir.resolve("cluster.xml");
    try (OutputStream out = Files.newOutputStream(dump)) {
      cluster.writeXml(out);
    }
    assertTrue(Files.readString(dump).contains(UBER)); // the dump pins the default

    SiteConf.main(new String[] {dump.toString(), dir.resolve("conf").toString()});

    for (String f : SiteConf.SITE_FILES) {
      Configuration site = new Configuration(false);
      site.addResource(new org.apache.hadoop.fs.Path(dir.resolve("conf").resolve(f).toUri()));
      assertEquals("yarn", site.get("mapreduce.framework.name"), f);
      assertEquals("1", site.get("drover.example"), f);
      assertEquals("hdfs://localhost:9000", site.get("fs.defaultFS"), f);
      assertNull(site.get(UBER), f + " leaves a default alone");
      assertTrue(site.size() < 100, f + ": " + site.size() + " properties, not the dump's ~1,100");
    }
    // a client reading them gets the cluster, and may set a default of its own
    Configuration client = new Configuration(false);
    client.addResource(new org.apache.hadoop.fs.Path(
        dir.resolve("conf").resolve("mapred-site.xml").toUri()));
    JobConf job = new JobConf(client);
    assertEquals("yarn", job.get("mapreduce.framework.name"));
    Jobs.setDefault(job, UBER, "true");
    assertEquals("true", job.get(UBER));
  }
}
