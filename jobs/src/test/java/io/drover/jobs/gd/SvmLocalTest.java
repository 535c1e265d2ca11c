package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;

/** svm (hinge loss) on a9a: the same driver and jobs as logreg, another loss. */
class SvmLocalTest {
  @Test
  void a9aHingeWithL2MatchesTheOracle() throws Exception {
    Path a9a = TestData.path("classification/a9a");
    Path a9at = TestData.path("classification/a9a.t");
    Path out = TestDirs.fresh("svm").resolve("model");
    Configuration conf = LocalConf.create();
    GdRun.Run r =
        GdRun.run(
            conf,
            new Svm(),
            "--no-standardize",
            "--l2",
            "0.01",
            "--max-iter",
            "10",
            "--tol",
            "0",
            a9a.toString(),
            out.toString());
    assertEquals(0, r.code(), r.err());
    double[] w = GdRun.weights(out);
    double[] oracle = GdOracle.libsvm(a9a, 123).trainHinge(1, 1.0, 10, 0.01);
    GdRun.assertClose(oracle, w);
    GdOracle test = GdOracle.libsvm(a9at, 123);
    Evaluate ev = new Evaluate();
    assertEquals(
        0,
        ToolRunner.run(
            new Configuration(conf), ev, new String[] {out.toString(), a9at.toString()}));
    Map<String, Object> m = ev.metrics();
    assertEquals((double) test.correct(oracle, 1) / test.y.length, (Double) m.get("accuracy"), 0.0);
    assertTrue((Double) m.get("accuracy") > 0.7638, "better than the majority class: " + m);
    assertFalse(m.containsKey("log_loss"), m.toString());
    assertEquals("hinge", GdRun.model(out).get("loss").asText());
  }
}
