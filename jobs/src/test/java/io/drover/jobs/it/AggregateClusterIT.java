package io.drover.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.Aggregate;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * aggregate on the cluster path: the built jar through RunJar in its own JVM, the .bz2 input on
 * HDFS, the group-by and the ORDER BY/LIMIT job on YARN, with an approximate aggregate; the
 * output equals the same query's local run.
 */
class AggregateClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  static final String SQL = "SELECT origin, count(*) n, avg(delay) a, "
      + "approx_count_distinct(destination) dests, percentile_approx(delay, 0.9) p90 "
      + "FROM flights WHERE distance > 300 GROUP BY origin HAVING count(*) > 500 "
      + "ORDER BY n DESC, origin LIMIT 8";

  @Test
  void builtJarOnYarnOverHdfsEqualsTheLocalRun() throws Exception {
    FileSystem fs = cluster.fs();
    org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("/data/flights-200k.csv.bz2");
    fs.copyFromLocalFile(false, true,
        new org.apache.hadoop.fs.Path(TestData.compressed("events/flights-200k.csv").toUri()), in);
    Path scratch = TestDirs.fresh("agg-cluster");
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null, "aggregate",
        "--sql", SQL,
        in.toString(), "/out/agg");
    assertEquals(0, r.code(), r.err());
    assertEquals(appsBefore + 2, cluster.yarnApplications(), "group-by and order jobs on YARN");
    assertTrue(!r.err().contains("job_local"), r.err());
    List<String> onYarn = WordCountClusterIT.lines(cluster.conf(), "/out/agg");

    Path local = scratch.resolve("local");
    int code = ToolRunner.run(LocalConf.create(), quiet(new Aggregate()), new String[] {"--sql",
        SQL, TestData.compressed("events/flights-200k.csv").toString(), local.toString()});
    assertEquals(0, code);
    List<String> expected = new ArrayList<>(Files.readAllLines(local.resolve("part-r-00000"),
        StandardCharsets.UTF_8));
    assertEquals(8, expected.size());
    assertTrue(expected.get(0).startsWith("ORD\t"), expected.get(0));
    // exact columns equal; the sketches are equal too here, but only their bounds are promised
    assertEquals(strip(expected), strip(onYarn));
    try (var s = fs.open(new org.apache.hadoop.fs.Path("/out/agg/_schema"))) {
      assertEquals("origin\tstring\nn\tbigint\na\tdouble\ndests\tbigint\np90\tbigint\n",
          new String(s.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static Aggregate quiet(Aggregate a) {
    a.setErr(new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return a;
  }

  /** origin, n and avg: the exact columns. */
  static List<String> strip(List<String> rows) {
    List<String> out = new ArrayList<>();
    for (String l : rows) {
      String[] f = l.split("\t");
      out.add(f[0] + "\t" + f[1] + "\t" + f[2]);
    }
    return out;
  }
}
