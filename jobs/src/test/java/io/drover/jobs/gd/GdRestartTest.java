package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** --restart and --overwrite on an existing output, and the reuse of the binary training set. */
class GdRestartTest {
  /** What a driver that died after its last iteration leaves: no model, no _SUCCESS. */
  static void unfinish(Path out) throws Exception {
    Files.delete(out.resolve("_SUCCESS"));
    Files.delete(out.resolve("model.json"));
  }

  @Test
  void restartReusesTheTrainingSetUnlessTheInputChanged() throws Exception {
    Path work = TestDirs.fresh("gd-restart");
    Configuration conf = LocalConf.create();
    Path in = work.resolve("train.svm");
    // the first 200 lines of a9a
    List<String> lines = Files.readAllLines(TestData.path("classification/a9a")).subList(0, 200);
    Files.write(in, lines);
    Path out = work.resolve("out");
    String[] base = {"--no-standardize",
        "--max-iter", "3", "--tol", "0", in.toString(), out.toString()};
    GdRun.Run first = GdRun.run(conf, new LogReg(), base);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("parsing 1 input file(s)"), first.err());
    unfinish(out);

    String[] halfStep = {"--no-standardize",
        "--step", "0.5", "--max-iter", "3", "--tol", "0", in.toString(),
        out.toString()};
    GdRun.Run restarted = GdRun.run(conf, new LogReg(), GdRun.plus("--restart", halfStep));
    assertEquals(0, restarted.code(), restarted.err());
    assertFalse(restarted.err().contains("parsing"), "training set reused: " + restarted.err());
    assertFalse(restarted.err().contains("resuming"), restarted.err());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(4, history.size());
    for (String row : history.subList(1, 4)) {
      assertEquals("0.5", row.split(",")[3], row);
    }
    GdOracle oracle = GdOracle.libsvm(in, GdRun.weights(out).length - 1);
    GdRun.assertClose(oracle.train(true, 1, 0.5, 3, 0), GdRun.weights(out));

    // a changed input: refused without --restart (the input is a result parameter) ...
    Files.write(in, lines.subList(0, 150));
    unfinish(out);
    GdRun.Run changed = GdRun.run(conf, new LogReg(), halfStep);
    assertEquals(2, changed.code(), changed.err());
    assertTrue(
        changed.err().contains("other parameters: input (the unfinished run used"), changed.err());
    // ... and parsed again with it
    GdRun.Run again = GdRun.run(conf, new LogReg(), GdRun.plus("--restart", halfStep));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("parsing 1 input file(s)"), again.err());
    assertEquals(150L, GdRun.model(out).get("records").asLong());

    // --overwrite replaces a finished run
    GdRun.Run over = GdRun.run(conf, new LogReg(), "--overwrite", "--max-iter", "2", "--tol", "0",
        in.toString(), out.toString());
    assertEquals(0, over.code(), over.err());
    assertEquals(2, GdRun.model(out).get("iterations").asInt());
    try (var s = Files.list(out.resolve("iterations"))) {
      assertEquals(3, s.count());
    }

    // an --overwrite run that fails (a value that is not a number) puts the old output back
    String before = Files.readString(out.resolve("model.json"));
    Path bad = work.resolve("bad-value.svm");
    Files.writeString(bad, "1 1:1\n-1 2:1\n1 3:x\n");
    GdRun.Run failed =
        GdRun.run(conf, new LogReg(), "--overwrite", bad.toString(), out.toString());
    assertEquals(2, failed.code(), failed.err());
    assertTrue(failed.err().contains("the old output is back in place"), failed.err());
    assertEquals(before, Files.readString(out.resolve("model.json")));
    try (var s = Files.list(work)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".")).toList(), "no hidden dirs left beside the output");
    }
  }
}
