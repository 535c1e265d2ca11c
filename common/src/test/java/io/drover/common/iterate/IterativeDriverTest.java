package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver over an algorithm whose state is a dataset on the file system: PageRank's power
 * iteration on a 5-vertex graph with a dangling vertex, one rank per line, each step reading the
 * committed ranks and writing the next ones as a "job" would. Checked against an in-memory power
 * iteration, through a crash and a resume (same bits), and the fingerprint's refusals.
 */
class IterativeDriverTest {
  static final int[][] OUT = {{1, 2}, {2}, {0}, {0, 2}, {}};
  static final int N = OUT.length;

  FileSystem fs;
  Path out;
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    out = new Path(TestDirs.fresh("driver").toUri().toString(), "run");
  }

  static double[] next(double[] r) {
    double dangling = 0;
    for (int v = 0; v < N; v++) {
      if (OUT[v].length == 0) {
        dangling += r[v];
      }
    }
    double[] n = new double[N];
    for (int v = 0; v < N; v++) {
      n[v] = 0.15 / N + 0.85 * dangling / N;
    }
    for (int v = 0; v < N; v++) {
      for (int w : OUT[v]) {
        n[w] += 0.85 * r[v] / OUT[v].length;
      }
    }
    return n;
  }

  static double l1(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s;
  }

  class Ranks implements IterativeAlgorithm<Path> {
    final double tol;
    int failAt = -1;
    int steps;
    int inits;

    Ranks(double tol) {
      this.tol = tol;
    }

    @Override
    public String name() {
      return "ranks";
    }

    @Override
    public Map<String, String> resultParameters() {
      return Map.of("tol", Double.toString(tol));
    }

    @Override
    public List<String> outputs() {
      return List.of("ranks.txt");
    }

    @Override
    public Initial initialState(Run run) throws IOException {
      inits++;
      double[] r = new double[N];
      java.util.Arrays.fill(r, 1.0 / N);
      Path d = new Path(run.attempt(), "initial");
      write(d, r);
      return new Initial(new double[0], d);
    }

    @Override
    public Path runStep(Run run, Step step) throws IOException {
      steps++;
      if (step.iteration() == failAt) {
        throw new IOException("killed at " + step.iteration());
      }
      Path d = new Path(step.jobDir(), "ranks");
      write(d, next(read(step.dataDir())));
      return d;
    }

    @Override
    public StepOutcome readStep(Run run, Step step, Path d) throws IOException {
      double[] before = read(step.dataDir());
      double[] after = read(d);
      return StepOutcome.ofDataset(
          new double[0], d, l1(after, before), Double.NaN, N, Map.of());
    }

    @Override
    public ConvergenceRule convergence() {
      return ConvergenceRule.changeBelow(tol);
    }

    @Override
    public boolean hasLoss() {
      return false;
    }

    @Override
    public void finish(Run run, IterativeJob.Result r) throws IOException {
      Path last = run.checkpoints().dataDir(r.iterations());
      fs.rename(new Path(last, "part-00000"), new Path(run.output(), "ranks.txt"));
    }
  }

  void write(Path dir, double[] r) throws IOException {
    fs.mkdirs(dir);
    try (FSDataOutputStream o = fs.create(new Path(dir, "part-00000"), false)) {
      StringBuilder b = new StringBuilder();
      for (int v = 0; v < r.length; v++) {
        b.append(v).append('\t').append(r[v]).append('\n');
      }
      o.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  double[] read(Path dir) throws IOException {
    List<Double> l = new ArrayList<>();
    try (var in = fs.open(new Path(dir, "part-00000"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        l.add(Double.parseDouble(line.split("\t")[1]));
      }
    }
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  IterativeJob.Result run(Ranks a, int maxIter, boolean restart, Overwrite ow) throws Exception {
    return IterativeDriver.run(
        new Configuration(),
        List.of(),
        out,
        a,
        new IterativeDriver.Settings(maxIter, 0, restart, ow),
        err);
  }

  @Test
  void aDatasetStateConvergesToThePowerIteration() throws Exception {
    IterativeJob.Result r = run(new Ranks(1e-10), 200, false, Overwrite.NO);
    assertEquals(IterativeJob.Stop.CONVERGED, r.stop());
    double[] oracle = new double[N];
    java.util.Arrays.fill(oracle, 1.0 / N);
    int t = 0;
    double change;
    List<Double> changes = new ArrayList<>();
    do {
      double[] n = next(oracle);
      change = l1(n, oracle);
      changes.add(change);
      oracle = n;
      t++;
    } while (!(change < 1e-10));
    assertEquals(t, r.iterations());
    // history.csv is the runtime's: what the client line shows, for an algorithm that wrote none
    List<String> history = java.nio.file.Files.readAllLines(
        java.nio.file.Path.of(new Path(out, "history.csv").toUri()));
    assertEquals("iteration,change,records,wall_ms", history.get(0));
    assertEquals(t + 1, history.size());
    for (int i = 1; i <= t; i++) {
      String[] row = history.get(i).split(",");
      assertEquals(List.of(Integer.toString(i), Double.toString(changes.get(i - 1)),
          Integer.toString(N)), List.of(row[0], row[1], row[2]));
    }
    double[] got = read(out, "ranks.txt");
    double sum = 0;
    for (int v = 0; v < N; v++) {
      assertEquals(oracle[v], got[v], 1e-15);
      sum += got[v];
    }
    assertEquals(1.0, sum, 1e-12);
    assertTrue(fs.exists(new Path(out, RunFingerprint.FINISHED)));
    assertFalse(fs.exists(new Path(out, IterativeDriver.WORK)));
    assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("ranks: iteration 1/200 "));
  }

  double[] read(Path runOut, String file) throws IOException {
    Path d = new Path(runOut.getParent(), "copy");
    fs.delete(d, true);
    fs.mkdirs(d);
    org.apache.hadoop.fs.FileUtil.copy(
        fs, new Path(runOut, file), fs, new Path(d, "part-00000"), false, new Configuration());
    return read(d);
  }

  @Test
  void aCrashedRunResumesToTheSameBitsAndTheFingerprintGuardsIt() throws Exception {
    run(new Ranks(0), 15, false, Overwrite.NO);
    double[] straight = read(out, "ranks.txt");
    fs.delete(out, true);

    Ranks crashing = new Ranks(0);
    crashing.failAt = 9;
    assertThrows(IOException.class, () -> run(crashing, 15, false, Overwrite.NO));
    assertFalse(fs.exists(new Path(out, RunFingerprint.FINISHED)));
    // other parameters: refused without --restart
    UsageException e =
        assertThrows(UsageException.class, () -> run(new Ranks(1e-3), 15, false, Overwrite.NO));
    assertTrue(e.getMessage().contains("--restart"), e.getMessage());

    Ranks again = new Ranks(0);
    IterativeJob.Result r = run(again, 15, false, Overwrite.NO);
    assertTrue(r.resumed());
    assertEquals(0, again.inits);
    assertEquals(7, again.steps); // iterations 9..15
    double[] resumed = read(out, "ranks.txt");
    for (int v = 0; v < N; v++) {
      assertEquals(Double.doubleToRawLongBits(straight[v]), Double.doubleToRawLongBits(resumed[v]));
    }
    // finished: refused without --overwrite; --overwrite starts over
    assertThrows(UsageException.class, () -> run(new Ranks(0), 15, false, Overwrite.NO));
    Ranks fresh = new Ranks(0);
    run(fresh, 3, false, Overwrite.JOB_OUTPUT);
    assertEquals(1, fresh.inits);
    assertEquals(3, fresh.steps);
  }

  @Test
  void restartStartsOverAnUnfinishedRunWithOtherParameters() throws Exception {
    Ranks crashing = new Ranks(0);
    crashing.failAt = 4;
    assertThrows(IOException.class, () -> run(crashing, 10, false, Overwrite.NO));
    Ranks other = new Ranks(1e-3);
    IterativeJob.Result r = run(other, 10, true, Overwrite.NO);
    assertFalse(r.resumed());
    assertEquals(1, other.inits);
  }

  @Test
  void onAClusterJobsRunUberHeartbeatAndArePolledOftenUnlessTheUserSaidOtherwise() {
    Configuration local = new Configuration(false);
    IterativeDriver.clusterDefaults(local);
    assertEquals(null, local.get(IterativeDriver.UBER)); // the local runner: nothing to set
    assertEquals(null, local.get(io.drover.common.run.Jobs.POLL_MS));
    assertEquals(null, local.get("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms"));

    Configuration yarn = new Configuration(false);
    yarn.set("mapreduce.framework.name", "yarn");
    IterativeDriver.clusterDefaults(yarn);
    assertEquals("true", yarn.get(IterativeDriver.UBER));
    assertEquals("200", yarn.get(io.drover.common.run.Jobs.POLL_MS));
    assertEquals("100", yarn.get("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms"));

    Configuration users = new Configuration(false);
    users.set("mapreduce.framework.name", "yarn");
    users.set(IterativeDriver.UBER, "false");
    users.set(io.drover.common.run.Jobs.POLL_MS, "1000");
    users.set("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", "1000");
    IterativeDriver.clusterDefaults(users);
    assertEquals("false", users.get(IterativeDriver.UBER));
    assertEquals("1000", users.get(io.drover.common.run.Jobs.POLL_MS));
    assertEquals("1000", users.get("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms"));

    // Hadoop's own default (mapred-default.xml, 1000) is not the user's choice: the runtime's wins
    Configuration stock = new org.apache.hadoop.mapred.JobConf();
    stock.set("mapreduce.framework.name", "yarn");
    assertEquals("1000", stock.get("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms"));
    IterativeDriver.clusterDefaults(stock);
    assertEquals("100", stock.get("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms"));
  }
}
