package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mini-batch and model-averaging modes on a9a, against oracles that follow the documented
 * randomness contract (io.drover.jobs.gd.model.Sampling) with their own code.
 */
class GdModesTest {
  static Path a9a;
  static GdOracle train;
  static GdOracle test;
  static int[] nnz; // per record, for the chunking rule
  Path work;
  Configuration conf;

  @BeforeAll
  static void data() throws Exception {
    a9a = TestData.path("classification/a9a");
    train = GdOracle.libsvm(a9a, 123);
    test = GdOracle.libsvm(TestData.path("classification/a9a.t"), 123);
    List<String> lines = java.nio.file.Files.readAllLines(a9a);
    nnz =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.trim().split("\\s+").length - 1)
            .toArray();
  }

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-modes");
    conf = LocalConf.create();
  }

  static SplittableRandom rng(long seed, int t, String chunk) {
    return new SplittableRandom(seed ^ (t * 0x9E3779B97F4A7C15L) ^ ((long) chunk.hashCode() << 32));
  }

  static double dot(double[] w, double[] x) {
    double m = 0;
    for (int j = 0; j < w.length; j++) {
      m += w[j] * x[j];
    }
    return m;
  }

  @Test
  void minibatchFollowsTheSeededSampleAndReaches84PercentIn20Iterations() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r =
        GdRun.run(
            conf,
            new LogReg(),
            "--no-standardize",
            "--mode",
            "minibatch",
            "--fraction",
            "0.5",
            "--step",
            "2",
            "--max-iter",
            "20",
            "--tol",
            "0",
            a9a.toString(),
            out.toString());
    assertEquals(0, r.code(), r.err());
    int n = train.y.length;
    double[] w = new double[124];
    for (int t = 1; t <= 20; t++) {
      SplittableRandom rng = rng(42, t, "part-00000-0000.bin");
      double[] g = new double[124];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (rng.nextDouble() < 0.5) {
          double y = train.y[i];
          double s = -y / (1 + Math.exp(y * dot(w, train.x[i])));
          for (int j = 0; j < 124; j++) {
            g[j] += s * train.x[i][j];
          }
          k++;
        }
      }
      for (int j = 0; j < 124; j++) {
        w[j] -= 2 * g[j] / k;
      }
    }
    double[] got = GdRun.weights(out);
    GdRun.assertClose(w, got);
    double acc = (double) test.correct(got, 1) / test.y.length;
    assertTrue(acc >= 0.840, "accuracy " + acc);
  }

  @Test
  void averagingLocalSgdEpochsOverTwoChunksReaches84PercentIn20Iterations() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r =
        GdRun.run(
            conf,
            new LogReg(),
            "-D",
            "drover.gd.chunk.bytes=3000000",
            "--no-standardize",
            "--mode",
            "average",
            "--step",
            "0.01",
            "--max-iter",
            "20",
            "--tol",
            "0",
            a9a.toString(),
            out.toString());
    assertEquals(0, r.code(), r.err());
    // the chunking rule: a record starts a new chunk once the current one holds >= 3,000,000 bytes
    List<List<Integer>> chunks = new ArrayList<>();
    long written = Long.MAX_VALUE;
    for (int i = 0; i < nnz.length; i++) {
      if (written >= 3_000_000) {
        chunks.add(new ArrayList<>());
        written = 0;
      }
      chunks.get(chunks.size() - 1).add(i);
      written += 12 + 12L * nnz[i];
    }
    assertEquals(2, chunks.size());
    double[] w = new double[124];
    for (int t = 1; t <= 20; t++) {
      double[] sum = new double[124];
      for (int c = 0; c < chunks.size(); c++) {
        List<Integer> rows = chunks.get(c);
        SplittableRandom rng = rng(42, t, String.format("part-00000-%04d.bin", c));
        int[] p = new int[rows.size()];
        for (int i = 0; i < p.length; i++) {
          p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int tmp = p[i];
          p[i] = p[j];
          p[j] = tmp;
        }
        double[] v = w.clone();
        for (int k : p) {
          int i = rows.get(k);
          double y = train.y[i];
          double s = -y / (1 + Math.exp(y * dot(v, train.x[i])));
          for (int j = 0; j < 124; j++) {
            v[j] -= 0.01 * s * train.x[i][j];
          }
        }
        for (int j = 0; j < 124; j++) {
          sum[j] += v[j] * rows.size();
        }
      }
      for (int j = 0; j < 124; j++) {
        w[j] = sum[j] / nnz.length;
      }
    }
    double[] got = GdRun.weights(out);
    GdRun.assertClose(w, got);
    double acc = (double) test.correct(got, 1) / test.y.length;
    assertTrue(acc >= 0.840, "accuracy " + acc);
  }
}
