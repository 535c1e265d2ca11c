package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.common.cli.UsageException;
import io.drover.jobs.gd.model.Loss;
import org.junit.jupiter.api.Test;

class GdOptionsTest {
  static String refused(String... args) {
    return assertThrows(UsageException.class, () -> GdOptions.parse(Loss.LOGISTIC, args))
        .getMessage();
  }

  @Test
  void defaultsAreSparksAndTheFormatFollowsTheFileName() throws Exception {
    GdOptions o = GdOptions.parse(Loss.LOGISTIC, "in.svm", "out");
    assertEquals("libsvm", o.format());
    assertEquals(1.0, o.step());
    assertEquals(100, o.maxIter());
    assertEquals(1e-3, o.tol());
    assertEquals(true, o.intercept());
    assertEquals(true, o.standardize()); // as Spark
    assertEquals("batch", o.mode());
    assertEquals("csv", GdOptions.parse(Loss.SQUARED, "--label", "y", "a.CSV.bz2", "out").format());
  }

  @Test
  void badFlagsNameTheFlagAndTheValue() {
    assertEquals("missing <input> and <output>", refused());
    assertEquals("missing <output> after the input in", refused("in"));
    assertEquals(
        "option --mode: 'sgd' is not batch, minibatch or average",
        refused("--mode", "sgd", "in", "out"));
    assertEquals(
        "option --fraction: 1.5 is not in (0, 1]",
        refused("--mode", "minibatch", "--fraction", "1.5", "in", "out"));
    assertEquals(
        "option --fraction is for --mode minibatch", refused("--fraction", "0.5", "in", "out"));
    assertEquals("option --step: must be above 0", refused("--step", "0", "in", "out"));
    assertEquals("option --step: 'fast' is not a number", refused("--step", "fast", "in", "out"));
    assertEquals("option --l2: -1 is below the minimum 0.0", refused("--l2", "-1", "in", "out"));
    assertEquals(
        "csv input needs --label COLUMN (the header's name of the label column)",
        refused("a.csv", "out"));
    assertEquals(
        "--label and --features are for csv input; libsvm lines start with the label",
        refused("--label", "y", "a.svm", "out"));
    assertEquals(
        "option --schedule: 'linear' is not one of constant, inv-sqrt, exp",
        refused("--schedule", "linear", "in", "out"));
    assertEquals("option --seed: 'x' is not a whole number", refused("--seed", "x", "in", "out"));
  }

  @Test
  void theFingerprintHoldsWhatChangesResultsButNotTheStoppingRules() throws Exception {
    GdOptions a = GdOptions.parse(Loss.LOGISTIC, "--max-iter", "5", "--tol", "0", "in", "out");
    GdOptions b = GdOptions.parse(Loss.LOGISTIC, "--keep-checkpoints", "2", "in", "out");
    assertEquals(a.resultParameters("logreg", "d"), b.resultParameters("logreg", "d"));
    GdOptions c = GdOptions.parse(Loss.LOGISTIC, "--l2", "0.1", "in", "out");
    assertEquals("0.1", c.resultParameters("logreg", "d").get("--l2"));
  }

  @Test
  void standardizationIsTheDefaultAndNoStandardizeTurnsItOff() throws Exception {
    assertEquals(false, GdOptions.parse(Loss.LOGISTIC, "--no-standardize", "a", "b").standardize());
    assertEquals(true, GdOptions.parse(Loss.LOGISTIC, "--standardize", "a", "b").standardize());
    assertEquals(
        "--standardize and --no-standardize: give one",
        assertThrows(UsageException.class,
            () -> GdOptions.parse(Loss.LOGISTIC, "--standardize", "--no-standardize", "a", "b"))
            .getMessage());
  }

  @Test
  void categoricalFlagsAreForCsvAndOneAtATime() throws Exception {
    GdOptions o = GdOptions.parse(Loss.LOGISTIC, "--label", "y", "a.csv", "out");
    assertEquals(100, o.input().maxCategories());
    assertEquals(0, o.input().hashFeatures());
    assertEquals(0, GdOptions.parse(Loss.LOGISTIC, "in.svm", "out").input().maxCategories());
    o = GdOptions.parse(Loss.LOGISTIC, "--label", "y", "--hash-features", "64", "a.csv", "out");
    assertEquals(64, o.input().hashFeatures());
    assertEquals("option --hash-features is for csv input",
        refused("--hash-features", "8", "in.svm", "out"));
    assertEquals("option --max-categories is for csv input",
        refused("--max-categories", "8", "in.svm", "out"));
    assertEquals("--max-categories (one-hot) and --hash-features: give one",
        refused("--label", "y", "--max-categories", "8", "--hash-features", "8", "a.csv", "out"));
    assertEquals("option --max-categories: 0 is below the minimum 1",
        refused("--label", "y", "--max-categories", "0", "a.csv", "out"));
  }
}
