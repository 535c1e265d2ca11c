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

  static double[] state(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return io.drover.common.iterate.CheckpointStore.readState(in, file.toString());
    }
  }

  /** One 100-iteration run; iteration 10's checkpoint gives the 10-iteration figures. */
  @Test
  void a9aBatchMatchesTheOracleAndTheReferenceAccuracyAt10And100Iterations() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r = GdRun.run(conf, new LogReg(), "--no-standardize", a9a.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(16_281, test.y.length);

    double[] ten = state(out.resolve("iterations/iter-00010/state.bin"));
    double[] oracle10 = train.train(true, 1, 1.0, 10, 0);
    GdRun.assertClose(oracle10, ten);
    assertEquals("82.40%", percent(test.correct(ten, 1), test.y.length));
    assertEquals(test.correct(oracle10, 1), test.correct(ten, 1));

    double[] w = GdRun.weights(out);
    double[] oracle = train.train(true, 1, 1.0, 100, 0);
    GdRun.assertClose(oracle, w);
    assertEquals("84.76%", percent(test.correct(w, 1), test.y.length));
    assertEquals(test.correct(oracle, 1), test.correct(w, 1));

    // the default --tol 1e-3 (Spark's) does not stop plain GD on a9a before 100 iterations
    assertEquals(100, GdRun.model(out).get("iterations").asInt());
    assertEquals("max-iter", GdRun.model(out).get("stop").asText());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(101, history.size());
    assertEquals(
        "iteration,loss,grad_norm,step,weight_change,records,wall_ms,task_ms,step_scale,"
            + "failed_tasks,note",
        history.get(0));
    // iteration 1 starts from w = 0: the loss is log 2 (up to the rounding of 32,561 terms)
    assertEquals(Math.log(2), Double.parseDouble(history.get(1).split(",")[1]), 1e-12);
    assertTrue(
        r.err()
            .contains(
                "logreg: labels -1 -> 0 (negative, 24,720 records), 1 -> 1 (positive, 7,841"
                    + " records)"),
        r.err());
    assertTrue(r.err().contains("logreg: iteration 100/100 "), r.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals(101, Files.list(out.resolve("iterations")).count());
  }

  @Test
  void aHugeStepIsHalvedUntilTheLossStopsExploding() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r =
        GdRun.run(
            conf,
            new LogReg(),
            "--no-standardize",
            "--step",
            "1e6",
            "--max-iter",
            "5",
            "--tol",
            "0",
            "--keep-checkpoints",
            "4",
            a9a.toString(),
            out.toString());
    List<String> history =
        r.code() == 0 ? Files.readAllLines(out.resolve("history.csv")) : List.of();
    assertEquals(0, r.code(), r.err());
    assertEquals(6, history.size());
    String[] first = history.get(1).split(",", 11);
    assertTrue(
        first[10].startsWith("\"rolled back to iteration 0: loss of state 1 is "), history.get(1));
    double scale = Double.parseDouble(first[8]);
    assertTrue(scale < 1e-4, "scale " + scale);
    // the kept iterations all ran at one halved step: plain GD at that step from w = 0
    double step = 1e6 * scale;
    for (String row : history.subList(1, history.size())) {
      assertEquals(step, Double.parseDouble(row.split(",")[3]), 0.0, row);
    }
    GdRun.assertClose(train.train(true, 1, step, 5, 0), GdRun.weights(out));
    assertTrue(r.err().contains("diverged (loss of state 1 is "), r.err());
    assertEquals(
        List.of("iter-00002", "iter-00003", "iter-00004", "iter-00005"),
        Files.list(out.resolve("iterations"))
            .map(p -> p.getFileName().toString())
            .sorted()
            .toList());
  }

  @Test
  void divergenceBeyondTheHalvingBoundStopsWithExit1NamingTheStep() throws Exception {
    Path out = work.resolve("model");
    GdRun.Run r =
        GdRun.run(
            conf,
            new LogReg(),
            "--no-standardize",
            "--step",
            "1e6",
            "--max-halvings",
            "2",
            a9a.toString(),
            out.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "after 2 halvings of the step (scale now 0.25); base --step 1000000.0:"
                    + " rerun with a smaller --step"),
        r.err());
    assertTrue(!Files.exists(out.resolve("model.json")));
  }
}
