package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestDirs;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

class LeanJobConfTest {
  /** A client's configuration: defaults, a site-like resource, -D, the program's own settings. */
  private static JobConf client(String framework) throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("leanconf-site");
    java.nio.file.Path site = dir.resolve("my-site.xml");
    Files.writeString(site, "<?xml version=\"1.0\"?><configuration>"
        + "<property><name>io.file.buffer.size</name><value>65536</value></property>"
        + "<property><name>mapreduce.task.timeout</name><value>${drover.test.timeout}</value>"
        + "</property></configuration>");
    JobConf conf = new JobConf();
    conf.addResource(new Path(site.toUri()));
    conf.set("mapreduce.framework.name", framework, "from command line");
    conf.set("drover.test.timeout", "12345");
    conf.set("mapreduce.jobtracker.staging.root.dir", "${hadoop.tmp.dir}/staging");
    conf.setInt("mapreduce.job.reduces", 0);
    conf.set("mapreduce.job.name", "lean ÿ <&> test");
    return conf;
  }

  /** Every property with its raw (unexpanded) value. */
  private static Map<String, String> raw(Configuration c) {
    Map<String, String> m = new TreeMap<>();
    for (Map.Entry<String, String> e : c) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  @Test
  void localJobsTasksReadExactlyTheWholeConfiguration() throws Exception {
    JobConf full = client("local");
    Configuration lean = LeanJobConf.of(full);
    assertTrue(lean.size() < 40, "lean: " + lean.size() + " of " + full.size() + " properties");
    assertTrue(full.size() > 500);
    // what JobSubmitter writes and LocalJobRunner reads back: the same JobConf, key for key
    java.nio.file.Path xml = TestDirs.fresh("leanconf-job").resolve("job.xml");
    try (OutputStream out = Files.newOutputStream(xml)) {
      lean.writeXml(out);
    }
    JobConf task = new JobConf(new Path(xml.toUri()));
    assertEquals(raw(full), raw(task));
    assertEquals(12345, task.getInt("mapreduce.task.timeout", 0));
    assertEquals("lean ÿ <&> test", task.getJobName());
  }

  @Test
  void keepsWhatTheUserAndProgramSetAndWhatItRefersTo() throws Exception {
    JobConf full = client("local");
    Configuration lean = LeanJobConf.of(full);
    assertEquals("65536", lean.get("io.file.buffer.size"));
    assertEquals("local", lean.get("mapreduce.framework.name"));
    assertEquals("0", lean.get("mapreduce.job.reduces"));
    // defaults only: dropped, but for what a kept value refers to
    assertEquals(null, lean.get("mapreduce.map.memory.mb"));
    assertFalse(raw(lean).containsKey("yarn.resourcemanager.address"));
    assertEquals(full.getRaw("hadoop.tmp.dir"), lean.getRaw("hadoop.tmp.dir"));
    String staging = lean.get("mapreduce.jobtracker.staging.root.dir");
    assertEquals(full.get("mapreduce.jobtracker.staging.root.dir"), staging);
    assertTrue(staging.endsWith("/staging") && !staging.contains("${"), staging);
  }

  @Test
  void aClusterJobKeepsTheWholeConfiguration() throws Exception {
    JobConf full = client("yarn");
    Configuration copy = LeanJobConf.of(full);
    assertEquals(raw(full), raw(copy));
  }

  @Test
  void onlyDefaultFilesCountAsDefaults() {
    assertTrue(LeanJobConf.fromDefaultsOnly(new String[] {"core-default.xml"}));
    assertFalse(LeanJobConf.fromDefaultsOnly(new String[] {"mapred-default.xml", "job.xml"}));
    assertFalse(LeanJobConf.fromDefaultsOnly(new String[] {"programmatically"}));
    assertFalse(LeanJobConf.fromDefaultsOnly(null));
    assertFalse(LeanJobConf.fromDefaultsOnly(new String[0]));
  }
}
