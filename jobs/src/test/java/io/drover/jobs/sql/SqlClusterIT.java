package io.drover.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * sql on the cluster path: the built jar through RunJar in its own JVM, the TPC-H tables (SF
 * 0.01) on HDFS, Q3 (three tables, two joins, group-by, ORDER BY with LIMIT) on YARN with a
 * threshold that broadcasts one join side (read from HDFS by each map task) and repartitions the
 * other join over two reducers; one YARN job per stage of the plan --explain printed; equal to
 * DuckDB's answer.
 */
class SqlClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  @Test
  void q3OnYarnOverHdfsBroadcastAndRepartitionedEqualsDuckDb() throws Exception {
    FileSystem fs = cluster.fs();
    for (String t : new String[] {"customer", "orders", "lineitem"}) {
      fs.copyFromLocalFile(false, true,
          new org.apache.hadoop.fs.Path(TpchData.file(t).toUri()),
          new org.apache.hadoop.fs.Path("/tpch/" + t + ".tbl"));
    }
    Path scratch = TestDirs.fresh("sql-cluster");
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    Path ddl = scratch.resolve("tpch.ddl");
    // the DDL's other tables point at files that are not on HDFS: keep the three Q3 reads
    StringBuilder three = new StringBuilder();
    for (String stmt : TpchData.ddl().split(";")) {
      if (stmt.contains("TABLE customer ") || stmt.contains("TABLE orders ")
          || stmt.contains("TABLE lineitem ")) {
        three.append(stmt.replace("${hivevar:tpch}", "/tpch")).append(";\n");
      }
    }
    Files.writeString(ddl, three);
    Path query = scratch.resolve("q03.sql");
    Files.writeString(query, TpchData.query(3));
    java.util.List<java.util.List<Object>> expected;
    try (Connection duck = TpchData.duckDb(); Statement st = duck.createStatement()) {
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
      expected = SqlResults.query(duck, TpchData.query(3));
    }
    assertEquals(10, expected.size());

    // customer (240 KB) under the threshold, orders and lineitem over it: one query, both
    // strategies (customer broadcast into the orders side of the repartition join)
    String[] mode = {"-D", "drover.sql.broadcast.threshold=300000", "-D", "drover.sql.reducers=2"};
    BuiltJar.Result plan = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null,
        args(mode, "--explain", "--init", ddl.toString(), "--sql-file", query.toString()));
    assertEquals(0, plan.code(), plan.err());
    assertTrue(plan.out().contains("broadcast INNER join") && plan.out().contains(
        "shuffle: repartition INNER join"), plan.out());
    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r = BuiltJar.runJar(BuiltJar.of("jobs"), confDir, scratch, null,
        args(mode, "--init", ddl.toString(), "--sql-file", query.toString(), "/out/q3"));
    assertEquals(0, r.code(), r.err());
    assertTrue(!r.err().contains("job_local"), r.err());
    int stages = (int) plan.out().lines().filter(l -> l.startsWith("Stage ")).count();
    assertEquals(stages, cluster.yarnApplications() - appsBefore, "one YARN job per stage");
    Path local = Files.createDirectories(scratch.resolve("q3"));
    for (org.apache.hadoop.fs.FileStatus f
        : fs.listStatus(new org.apache.hadoop.fs.Path("/out/q3"))) {
      fs.copyToLocalFile(f.getPath(), new org.apache.hadoop.fs.Path(
          local.resolve(f.getPath().getName()).toUri()));
    }
    SqlResults.assertSame("Q3 on YARN", expected, SqlResults.read(local), true);
  }

  private static String[] args(String[] generic, String... rest) {
    java.util.List<String> a = new java.util.ArrayList<>();
    a.add("sql");
    a.addAll(java.util.List.of(generic));
    a.addAll(java.util.List.of(rest));
    return a.toArray(new String[0]);
  }
}
