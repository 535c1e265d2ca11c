package io.drover.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.wordcount.WordCount;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster path: input on HDFS (MiniDFSCluster), jobs on YARN (MiniMRYarnCluster), the built
 * jar submitted from a separate JVM through RunJar, exactly as {@code hadoop jar} does.
 */
class WordCountClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  static final org.apache.hadoop.fs.Path IN = new org.apache.hadoop.fs.Path("/data/gutenberg");

  @BeforeAll
  static void upload() throws Exception {
    FileSystem fs = cluster.fs();
    fs.mkdirs(IN.getParent());
    fs.copyFromLocalFile(false, true,
        new org.apache.hadoop.fs.Path(TestData.path("text/gutenberg").toUri()), IN);
  }

  @Test
  void builtJarThroughRunJarCountsAndTopsOnYarn() throws Exception {
    Path scratch = TestDirs.fresh("runjar-cluster");
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null, "wordcount", "--top", "6", IN.toString(), "/out/top");
    assertEquals(0, r.code(), r.err());
    assertEquals(appsBefore + 2, cluster.yarnApplications(), "count and top jobs ran on YARN");
    assertEquals(
        List.of("the\t32700", "to\t18990", "of\t18323", "and\t17645", "a\t13981", "I\t10563"),
        lines(cluster.conf(), "/out/top"));
    // it really ran on YARN, not in the client
    assertTrue(r.err().contains("job 'drover wordcount top 6' (job_"), r.err());
    assertTrue(r.err().contains("/proxy/application_"), "the tracking URL on YARN: " + r.err());
    assertTrue(!r.err().contains("job_local"), r.err());
    // the chain's intermediate dir is gone: only the output is left beside it
    FileStatus[] left = cluster.fs().listStatus(new org.apache.hadoop.fs.Path("/out"));
    assertEquals(1, left.length);

    BuiltJar.Result exists = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null, "wordcount", IN.toString(), "/out/top");
    assertEquals(2, exists.code(), exists.err());
    assertTrue(exists.err().contains("already exists; pass --overwrite"), exists.err());
  }

  @Test
  void fullCountsOnHdfsMatchTheOracle() throws Exception {
    Configuration conf = cluster.conf();
    int appsBefore = cluster.yarnApplications();
    int code = ToolRunner.run(conf, new WordCount(), new String[] {"--reducers", "2", IN.toString(), "/out/all"});
    assertEquals(0, code);
    assertEquals(appsBefore + 1, cluster.yarnApplications(), "the job ran on YARN");
    Map<String, Long> got = new HashMap<>();
    for (String line : lines(conf, "/out/all")) {
      int tab = line.lastIndexOf('\t');
      assertEquals(null, got.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))));
    }
    // oracle: StringTokenizer over the very files read back from HDFS
    Map<String, Long> expected = new HashMap<>();
    FileSystem fs = cluster.fs();
    for (var it = fs.listFiles(IN, true); it.hasNext(); ) {
      var f = it.next();
      try (var in = fs.open(f.getPath())) {
        StringTokenizer st = new StringTokenizer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (st.hasMoreTokens()) {
          expected.merge(st.nextToken(), 1L, Long::sum);
        }
      }
    }
    assertEquals(64_166, got.size());
    assertEquals(expected, got);
  }

  @Test
  void stopwordsOnHdfsReachTheTasksThroughTheDistributedCache() throws Exception {
    Configuration conf = cluster.conf();
    org.apache.hadoop.fs.Path stop = new org.apache.hadoop.fs.Path("/conf/stopwords.txt");
    try (var out = cluster.fs().create(stop)) {
      out.write("the and\nof to\n".getBytes(StandardCharsets.UTF_8));
    }
    int code = ToolRunner.run(conf, new WordCount(),
        new String[] {"--stopwords", stop.toString(), "--top", "3", IN.toString(), "/out/stop"});
    assertEquals(0, code);
    // the reference top 7 is the, to, of, and, a, I, in (testdata/README.md): without the stop
    // words, a, I and in lead
    assertEquals(List.of("a\t13981", "I\t10563", "in\t9981"), lines(conf, "/out/stop"));
  }

  static List<String> lines(Configuration conf, String dir) throws Exception {
    FileSystem fs = FileSystem.get(conf);
    List<String> out = new ArrayList<>();
    FileStatus[] parts = fs.globStatus(new org.apache.hadoop.fs.Path(dir, "part-*"));
    java.util.Arrays.sort(parts);
    for (FileStatus p : parts) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p.getPath()), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          out.add(l);
        }
      }
    }
    return out;
  }
}
