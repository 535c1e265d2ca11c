package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** logreg end to end on Hadoop's LocalJobRunner over the whole a9a, against the oracle. */
class LogRegLocalTest {
  static Path a9a;
  static GdOracle train;
  static GdOracle test;
  Path work;
  Configuration conf;

  @BeforeAll
  static void data() throws Exception {
    a9a = TestData.path("classification/a9a");
    train = GdOracle.libsvm(a9a, 123);
    test = GdOracle.libsvm(TestData.path("classification/a9a.t"), 123);
  }

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("logreg");
    conf = LocalConf.create();
  }

  static String percent(long correct, long n) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * correct / n);
  }

  @Test
  void a9aTenBatchIterationsMatchTheOracleAndTheReferenceAccuracy() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r = GdRun.run(conf, new LogReg(), "--max-iter", "10", a9a.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    double[] w = GdRun.weights(out);
    double[] oracle = train.train(true, 1, 1.0, 10, 0);
    GdRun.assertClose(oracle, w);
    assertEquals(16_281, test.y.length);
    assertEquals("82.40%", percent(test.correct(w, 1), test.y.length));
    assertEquals(test.correct(oracle, 1), test.correct(w, 1));
    assertEquals(10, GdRun.model(out).get("iterations").asInt());
    assertEquals("max-iter", GdRun.model(out).get("stop").asText());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(11, history.size());
    // iteration 1 starts from w = 0: the loss is log 2 (up to the rounding of 32,561 terms)
    assertEquals(Math.log(2), Double.parseDouble(history.get(1).split(",")[1]), 1e-12);
    assertEquals("iteration,loss,grad_norm,step,weight_change,records,wall_ms,step_scale,note", history.get(0));
    assertTrue(r.err().contains("logreg: labels -1 -> 0 (negative, 24,720 records), 1 -> 1 (positive, 7,841 records)"), r.err());
    assertTrue(r.err().contains("logreg: iteration 10/100") || r.err().contains("logreg: iteration 10/10 "), r.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }
}
