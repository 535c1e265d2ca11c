package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.run.DroverTool;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** predict and evaluate refuse input that does not fit the model, and warn on absent features. */
class GdScoringFitTest {
  Path work;
  Configuration conf;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-fit");
    conf = LocalConf.create();
  }

  static GdRun.Run run(Configuration conf, DroverTool tool, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new GdRun.Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** {@code rows} LIBSVM lines over features 1..{@code d}; line {@code badLine} has index 7. */
  static String libsvm(int rows, int d, int badLine) {
    Random r = new Random(3);
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= rows; i++) {
      b.append(String.format(Locale.ROOT, "%.3f", r.nextGaussian()));
      for (int j = 1; j <= d; j++) {
        b.append(' ').append(j).append(':').append(String.format(Locale.ROOT, "%.3f",
            r.nextGaussian()));
      }
      if (i == badLine) {
        b.append(" 7:1");
      }
      b.append('\n');
    }
    return b.toString();
  }

  Path linregModel() throws Exception {
    Path train = work.resolve("train.svm");
    Files.writeString(train, libsvm(40, 5, -1));
    Path model = work.resolve("model");
    GdRun.Run r = GdRun.run(conf, new LinReg(), "--no-standardize",
        "--max-iter", "3", train.toString(),
        model.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(5, GdRun.model(model).get("features").asInt());
    return model;
  }

  static void assertOneLineNoTrace(GdRun.Run r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void libsvmIndicesBeyondTheModelAreRefusedNamingFileAndLine() throws Exception {
    Path model = linregModel();
    Path bad = work.resolve("bad.svm");
    Files.writeString(bad, libsvm(100, 5, 77));
    GdRun.Run ev = run(conf, new Evaluate(), model.toString(), bad.toString());
    assertEquals(2, ev.code(), ev.err());
    assertTrue(ev.err().contains("bad.svm line 77: feature index 7 is beyond the model's 5"
        + " features"), ev.err());
    assertOneLineNoTrace(ev);

    // split into several tasks: the line is still the file's
    Path preds = work.resolve("preds");
    GdRun.Run pr = run(conf, new Predict(), "-D", "mapreduce.input.fileinputformat.split.maxsize=700",
        model.toString(), bad.toString(), preds.toString());
    assertEquals(2, pr.code(), pr.err());
    assertTrue(pr.err().contains("bad.svm line 77: feature index 7 is beyond the model's 5"
        + " features"), pr.err());
    assertOneLineNoTrace(pr);
    assertFalse(Files.exists(preds), "nothing written");
    try (var s = Files.list(work)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".")).toList(), "no staging left beside the output");
    }
  }

  @Test
  void libsvmFeaturesOfTheModelThatNeverAppearGetAWarning() throws Exception {
    Path model = linregModel();
    Path fewer = work.resolve("fewer.svm");
    Files.writeString(fewer, libsvm(30, 3, -1));
    GdRun.Run ev = run(conf, new Evaluate(), model.toString(), fewer.toString());
    assertEquals(0, ev.code(), ev.err());
    assertTrue(ev.err().contains("evaluate: warning: 2 of the model's 5 features never appear in"),
        ev.err());
    assertTrue(ev.err().contains("(4, 5): their values read as 0"), ev.err());

    Path all = work.resolve("all.svm");
    Files.writeString(all, libsvm(30, 5, -1));
    GdRun.Run ok = run(conf, new Evaluate(), model.toString(), all.toString());
    assertEquals(0, ok.code(), ok.err());
    assertFalse(ok.err().contains("warning"), ok.err());
  }

  @Test
  void csvWithoutTheModelsColumnsIsRefusedNamingThem() throws Exception {
    Path train = work.resolve("train.csv");
    StringBuilder b = new StringBuilder("a,b,y\n");
    Random r = new Random(5);
    for (int i = 0; i < 30; i++) {
      b.append(r.nextInt(10)).append(',').append(r.nextInt(10)).append(',').append(r.nextInt(10))
          .append('\n');
    }
    Files.writeString(train, b.toString());
    Path model = work.resolve("model");
    assertEquals(0, GdRun.run(conf, new LinReg(), "--no-standardize",
        "--max-iter", "2", "--label", "y",
        train.toString(), model.toString()).code());
    Path other = work.resolve("other.csv");
    Files.writeString(other, "a,c,y\n1,2,3\n");
    GdRun.Run ev = run(conf, new Evaluate(), model.toString(), other.toString());
    assertEquals(2, ev.code(), ev.err());
    assertTrue(ev.err().contains("other.csv line 1: the model's column(s) b are not in the header"
        + " (the model reads a,b and the label y; the file has a,c,y)"), ev.err());
    assertFalse(ev.err().contains("--label") || ev.err().contains("--features"), ev.err());
    assertOneLineNoTrace(ev);

    Path noLabel = work.resolve("nolabel.csv");
    Files.writeString(noLabel, "b,a\n1,2\n");
    GdRun.Run ev2 = run(conf, new Evaluate(), model.toString(), noLabel.toString());
    assertEquals(2, ev2.code(), ev2.err());
    assertTrue(ev2.err().contains("nolabel.csv line 1: the model's column(s) y are not in"),
        ev2.err());
    // predict needs no label
    GdRun.Run pr = run(conf, new Predict(), model.toString(), noLabel.toString(),
        work.resolve("preds").toString());
    assertEquals(0, pr.code(), pr.err());
  }
}
