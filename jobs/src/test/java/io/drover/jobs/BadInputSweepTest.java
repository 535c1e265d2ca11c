package io.drover.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.run.DroverTool;
import io.drover.common.testing.ConsoleTraces;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.Aggregate;
import io.drover.jobs.gd.Evaluate;
import io.drover.jobs.gd.LinReg;
import io.drover.jobs.gd.LogReg;
import io.drover.jobs.gd.Predict;
import io.drover.jobs.gd.Svm;
import io.drover.jobs.kmeans.KMeans;
import io.drover.jobs.kmeans.KMeansEvaluate;
import io.drover.jobs.kmeans.KMeansPredict;
import io.drover.jobs.pagerank.PageRank;
import io.drover.jobs.wordcount.WordCount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program fed bad input as a user would (ToolRunner, as {@code bin/drover} and
 * {@code hadoop jar} run it): the exit code (2 for the command line and its paths, 1 for a job
 * that fails on its data), one message line that names the file, flag or value, no stack trace on
 * the console or in the message, no exception out of the program, and nothing written or lost:
 * every file in the work dir is byte-for-byte what it was and no new file appears.
 */
class BadInputSweepTest {
  static Path work;
  static Configuration conf;

  /** A case: the program, its arguments ({in}-style names are work dir paths), what it says. */
  record Case(String name, Supplier<DroverTool> program, int exit, String says, String... args) {}

  static final Map<String, Supplier<DroverTool>> PROGRAMS = Map.ofEntries(
      Map.entry("wordcount", WordCount::new),
      Map.entry("aggregate", Aggregate::new),
      Map.entry("logreg", LogReg::new),
      Map.entry("linreg", LinReg::new),
      Map.entry("svm", Svm::new),
      Map.entry("predict", Predict::new),
      Map.entry("evaluate", Evaluate::new),
      Map.entry("kmeans", KMeans::new),
      Map.entry("kmeans-predict", KMeansPredict::new),
      Map.entry("kmeans-evaluate", KMeansEvaluate::new),
      Map.entry("pagerank", PageRank::new));

  static Case c(String name, String program, int exit, String says, String... args) {
    return new Case(name, PROGRAMS.get(program), exit, says, args);
  }

  static final String COUNT = "SELECT city, count(*) FROM t GROUP BY city";

  static List<Case> cases() {
    List<Case> l = new ArrayList<>();
    // wordcount
    l.add(c("no arguments", "wordcount", 2, "wordcount: "));
    l.add(c("unknown flag", "wordcount", 2, "--bogus", "--bogus", "{text}", "{out}"));
    l.add(c("--top not a number", "wordcount", 2, "--top", "--top", "ten", "{text}", "{out}"));
    l.add(c("--top negative", "wordcount", 2, "--top", "--top", "-3", "{text}", "{out}"));
    l.add(c("unknown tokenizer", "wordcount", 2, "shingles", "--tokenizer", "shingles", "{text}",
        "{out}"));
    l.add(c("missing input", "wordcount", 2, "nothing-here", "{dir}/nothing-here", "{out}"));
    l.add(c("existing output", "wordcount", 2, "--overwrite", "{text}", "{old-out}"));
    l.add(c("output is the input", "wordcount", 2, "input", "{text}", "{text}"));
    l.add(c("missing stop words", "wordcount", 2, "no-stops.txt", "--stopwords",
        "{dir}/no-stops.txt", "{text}", "{out}"));
    l.add(c("--min-count zero", "wordcount", 2, "--min-count", "--min-count", "0", "{text}",
        "{out}"));
    l.add(c("truncated gzip", "wordcount", 1, "cut.txt.gz", "{cut-gz}", "{out}"));
    // aggregate
    l.add(c("no --sql", "aggregate", 2, "--sql", "{csv}", "{out}"));
    l.add(c("SQL syntax error", "aggregate", 2, "--sql", "--sql", "SELEC city FROM t", "{csv}",
        "{out}"));
    l.add(c("unknown column", "aggregate", 2, "cty", "--sql",
        "SELECT cty, count(*) FROM t GROUP BY cty", "{csv}", "{out}"));
    l.add(c("a JOIN of two tables", "aggregate", 2, "to join tables", "--sql",
        "SELECT a.city FROM t a JOIN u b ON a.city = b.city", "{csv}", "{out}"));
    l.add(c("unknown format", "aggregate", 2, "xml", "--format", "xml", "--sql", COUNT, "{csv}",
        "{out}"));
    l.add(c("--max-bad-records not a number", "aggregate", 2, "lots", "--max-bad-records",
        "lots", "--sql", COUNT, "{csv}", "{out}"));
    l.add(c("unknown time zone", "aggregate", 2, "Mars/Olympus", "--time-zone", "Mars/Olympus",
        "--sql", COUNT, "{csv}", "{out}"));
    l.add(c("missing --sql-file", "aggregate", 2, "nope.sql", "--sql-file", "{dir}/nope.sql",
        "{csv}", "{out}"));
    l.add(c("bad --schema", "aggregate", 2, "--schema", "--schema", "city strng, n bigint",
        "--sql", COUNT, "{csv}", "{out}"));
    l.add(c("quote as delimiter", "aggregate", 2, "--delimiter", "--delimiter", "\"", "--sql",
        COUNT, "{csv}", "{out}"));
    l.add(c("missing input", "aggregate", 2, "nothing-here", "--sql", COUNT,
        "{dir}/nothing-here", "{out}"));
    l.add(c("existing output", "aggregate", 2, "--overwrite", "--sql", COUNT, "{csv}",
        "{old-out}"));
    l.add(c("too many bad records", "aggregate", 1, "--max-bad-records", "--schema",
        "city string, n bigint", "--sql", COUNT, "{bad-csv}", "{out}"));
    l.add(c("truncated gzip", "aggregate", 1, "cut.txt.gz", "--format", "tsv", "--schema",
        "line string", "--sql", "SELECT count(*) FROM t", "{cut-gz}", "{out}"));
    l.add(c("unknown function", "aggregate", 2, "unknown function avgg", "--sql",
        "SELECT city, avgg(n) FROM t GROUP BY city", "{csv}", "{out}"));
    l.add(c("a column that never converts", "aggregate", 1, "n", "--schema",
        "city string, n date", "--sql", "SELECT city, max(n) FROM t GROUP BY city", "{csv}",
        "{out}"));
    // gradient descent
    l.add(c("no arguments", "logreg", 2, "logreg: "));
    l.add(c("missing input", "logreg", 2, "nothing-here", "{dir}/nothing-here", "{out}"));
    l.add(c("LIBSVM index 0", "logreg", 2, "zero.svm line 2", "{zero-svm}", "{out}"));
    // logreg takes a third label as multinomial (issue 15); svm needs exactly two
    l.add(c("a third label", "svm", 2, "three.svm line 3", "{three-svm}", "{out}"));
    l.add(c("unknown --label", "linreg", 2, "'energy'", "--label", "energy", "{num-csv}",
        "{out}"));
    // a text feature cell makes its column categorical (issue 15); a text label is still bad
    l.add(c("non-numeric CSV label", "linreg", 2, "word-label.csv line 3: label 'six'", "--label",
        "y", "{word-label-csv}", "{out}"));
    l.add(c("--max-iter not a number", "linreg", 2, "--max-iter", "--max-iter", "many",
        "{svm}", "{out}"));
    l.add(c("--step negative", "svm", 2, "--step", "--step", "-1", "{svm}", "{out}"));
    l.add(c("unknown --mode", "svm", 2, "--mode", "--mode", "stochastic", "{svm}", "{out}"));
    l.add(c("--fraction above 1", "logreg", 2, "--fraction", "--mode", "minibatch",
        "--fraction", "1.5", "{svm}", "{out}"));
    l.add(c("NaN value", "linreg", 2, "nan.svm line 2", "{nan-svm}", "{out}"));
    l.add(c("empty input", "linreg", 2, "no training records", "{empty-svm}", "{out}"));
    l.add(c("existing output", "logreg", 2, "--overwrite", "{svm}", "{old-out}"));
    // predict / evaluate
    l.add(c("no model", "predict", 2, "MODEL", "{svm}"));
    l.add(c("missing model", "predict", 2, "no-model", "{dir}/no-model", "{svm}", "{out}"));
    l.add(c("existing output", "predict", 2, "--overwrite", "{model}", "{svm}", "{old-out}"));
    l.add(c("missing model", "evaluate", 2, "no-model", "{dir}/no-model", "{svm}"));
    l.add(c("missing input", "evaluate", 2, "nothing-here", "{model}", "{dir}/nothing-here"));
    // kmeans
    l.add(c("no --k", "kmeans", 2, "--k", "{svm}", "{out}"));
    l.add(c("--label", "kmeans", 2, "--label", "--k", "2", "--label", "y", "{num-csv}",
        "{out}"));
    l.add(c("non-numeric CSV cell in a --features column", "kmeans", 2, "word.csv line 3", "--k",
        "1", "--features", "a,b,y", "{word-csv}", "{out}"));
    l.add(c("fewer records than --k", "kmeans", 2, "only 2 records", "--k", "3", "{num-csv}",
        "{out}"));
    l.add(c("fewer distinct points than --k", "kmeans", 2, "only 1 distinct", "--k", "2",
        "{same-csv}", "{out}"));
    l.add(c("existing output", "kmeans", 2, "--overwrite", "--k", "2", "{svm}", "{old-out}"));
    l.add(c("missing model", "kmeans-predict", 2, "no-model", "{dir}/no-model", "{svm}",
        "{out}"));
    l.add(c("a logreg model", "kmeans-predict", 2, "centers.json", "{model}", "{svm}",
        "{out}"));
    l.add(c("a CSV without the model's columns", "kmeans-evaluate", 2, "x2",
        "{kmeans-csv-model}", "{other-csv}"));
    // pagerank
    l.add(c("no arguments", "pagerank", 2, "pagerank: "));
    l.add(c("missing input", "pagerank", 2, "nothing-here", "{dir}/nothing-here", "{out}"));
    l.add(c("a line without a TAB", "pagerank", 2, "a.svm line 1: no TAB", "{svm}", "{out}"));
    l.add(c("a weight column", "pagerank", 2, "weighted.tsv line 2: more than one TAB",
        "{weighted-tsv}", "{out}"));
    l.add(c("--damping above 1", "pagerank", 2, "--damping", "--damping", "2", "{edges-tsv}",
        "{out}"));
    l.add(c("existing output", "pagerank", 2, "--overwrite", "{edges-tsv}", "{old-out}"));
    // what is already on disk: never replaced without asking
    l.add(c("--overwrite on a dir no job wrote", "wordcount", 2, "--overwrite=force", "--overwrite",
        "{text}", "{notes}"));
    l.add(c("--overwrite on a dir no job wrote", "aggregate", 2, "--overwrite=force",
        "--overwrite", "--sql", COUNT, "{csv}", "{notes}"));
    l.add(c("--overwrite on a dir no job wrote", "linreg", 2, "--overwrite=force", "--overwrite",
        "{svm}", "{notes}"));
    l.add(c("--overwrite=maybe", "wordcount", 2, "maybe", "--overwrite=maybe", "{text}",
        "{out}"));
    l.add(c("an output under a file", "wordcount", 2, "a.txt", "{text}", "{text}/a.txt/out"));
    l.add(c("an output under a file", "aggregate", 2, "cities.csv", "--sql", COUNT, "{csv}",
        "{csv}/out"));
    l.add(c("an output under a file", "logreg", 2, "a.svm", "{svm}", "{svm}/out"));
    l.add(c("an output under a file", "predict", 2, "a.svm", "{model}", "{svm}", "{svm}/out"));
    // input that does not fit the model
    l.add(c("a LIBSVM index beyond the model", "evaluate", 2, "wide.svm line 2", "{model}",
        "{wide-svm}"));
    l.add(c("a LIBSVM index beyond the model", "predict", 2, "wide.svm line 2", "{model}",
        "{wide-svm}", "{out}"));
    l.add(c("a CSV without the model's columns", "evaluate", 2, "x2", "{csv-model}",
        "{other-csv}"));
    l.add(c("a model that is not JSON", "evaluate", 2, "model.json", "{bad-model}", "{svm}"));
    l.add(c("a model without weights", "predict", 2, "not a Drover model", "{odd-model}",
        "{svm}", "{out}"));
    l.add(c("a quoted CSV field with a line break that never closes", "linreg", 2, "line 3",
        "--label", "y", "{open-csv}", "{out}"));
    return l;
  }

  @BeforeAll
  static void fixtures() throws Exception {
    work = TestDirs.fresh("bad-input-sweep");
    conf = LocalConf.create();
    Path text = Files.createDirectories(work.resolve("text"));
    Files.writeString(text.resolve("a.txt"), "the quick brown fox\njumps over the lazy dog\n");
    Files.writeString(work.resolve("cities.csv"), "city,n\nOslo,1\nRome,2\nOslo,3\n");
    Files.writeString(work.resolve("bad-cities.csv"), "city,n\nOslo,1\nRome,2,3\"\n\"Oslo,x\n");
    Files.writeString(work.resolve("a.svm"), "1 1:0.5 2:1\n-1 1:-1 2:0.25\n1 1:2\n-1 2:-2\n");
    Files.writeString(work.resolve("zero.svm"), "1 1:0.5\n-1 0:1 3:1\n");
    Files.writeString(work.resolve("three.svm"), "1 1:1\n-1 1:2\n2 1:3\n");
    Files.writeString(work.resolve("nan.svm"), "1 1:1\n2 4:NaN\n");
    Files.writeString(work.resolve("empty.svm"), "");
    Files.writeString(work.resolve("num.csv"), "a,b,y\n1,2,3\n4,5,6\n");
    Files.writeString(work.resolve("word.csv"), "a,b,y\n1,2,3\n4,five,6\n");
    Files.writeString(work.resolve("word-label.csv"), "a,b,y\n1,2,3\n4,five,six\n");
    Path old = Files.createDirectories(work.resolve("old-out"));
    Files.writeString(old.resolve("part-r-00000"), "an earlier result\n");
    Files.writeString(old.resolve("_SUCCESS"), "");
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 20_000; i++) {
        z.write(("line " + i + " of words\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path cut = Files.createDirectories(work.resolve("cut"));
    Files.write(cut.resolve("cut.txt.gz"),
        java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    Path model = work.resolve("model");
    int trained = ToolRunner.run(new Configuration(conf), new LogReg(),
        new String[] {"--max-iter", "2", work.resolve("a.svm").toString(), model.toString()});
    assertEquals(0, trained, "training the fixture model");
    Files.writeString(work.resolve("wide.svm"), "1 1:0.5\n-1 1:1 9:2\n");
    Files.writeString(work.resolve("xy.csv"), "x1,x2,y\n1,2,0\n2,1,1\n3,5,0\n4,4,1\n");
    Files.writeString(work.resolve("other.csv"), "x1,x3,y\n1,2,0\n2,1,1\n");
    Files.writeString(work.resolve("open.csv"), "a,y\n1,2\n\"3,4\n5,6\n");
    Path notes = Files.createDirectories(work.resolve("notes"));
    Files.writeString(notes.resolve("thesis.tex"), "months of work\n");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new LogReg(), new String[] {
        "--max-iter", "2", "--label", "y", work.resolve("xy.csv").toString(),
        work.resolve("csv-model").toString()}), "training the CSV fixture model");
    Files.writeString(work.resolve("same.csv"), "a,b\n1,1\n1,1\n1,1\n");
    Files.writeString(work.resolve("edges.tsv"), "a\tb\nb\tc\n");
    Files.writeString(work.resolve("weighted.tsv"), "a\tb\nb\tc\t0.5\n");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new KMeans(), new String[] {
        "--k", "2", "--features", "x1,x2", work.resolve("xy.csv").toString(),
        work.resolve("kmeans-csv-model").toString()}), "training the kmeans fixture model");
    Path badModel = Files.createDirectories(work.resolve("bad-model"));
    Files.writeString(badModel.resolve("model.json"), "{\"weights\": [1, 2");
    Path oddModel = Files.createDirectories(work.resolve("odd-model"));
    Files.writeString(oddModel.resolve("model.json"), "{\"loss\": \"hinge\", \"w\": []}");
  }

  static String arg(String a) {
    Map<String, String> paths = Map.ofEntries(Map.entry("{dir}", work.toString()),
        Map.entry("{out}", work.resolve("out").toString()),
        Map.entry("{old-out}", work.resolve("old-out").toString()),
        Map.entry("{text}", work.resolve("text").toString()),
        Map.entry("{csv}", work.resolve("cities.csv").toString()),
        Map.entry("{bad-csv}", work.resolve("bad-cities.csv").toString()),
        Map.entry("{svm}", work.resolve("a.svm").toString()),
        Map.entry("{zero-svm}", work.resolve("zero.svm").toString()),
        Map.entry("{three-svm}", work.resolve("three.svm").toString()),
        Map.entry("{nan-svm}", work.resolve("nan.svm").toString()),
        Map.entry("{empty-svm}", work.resolve("empty.svm").toString()),
        Map.entry("{num-csv}", work.resolve("num.csv").toString()),
        Map.entry("{word-csv}", work.resolve("word.csv").toString()),
        Map.entry("{word-label-csv}", work.resolve("word-label.csv").toString()),
        Map.entry("{cut-gz}", work.resolve("cut").toString()),
        Map.entry("{model}", work.resolve("model").toString()),
        Map.entry("{bad-model}", work.resolve("bad-model").toString()),
        Map.entry("{wide-svm}", work.resolve("wide.svm").toString()),
        Map.entry("{csv-model}", work.resolve("csv-model").toString()),
        Map.entry("{other-csv}", work.resolve("other.csv").toString()),
        Map.entry("{open-csv}", work.resolve("open.csv").toString()),
        Map.entry("{odd-model}", work.resolve("odd-model").toString()),
        Map.entry("{same-csv}", work.resolve("same.csv").toString()),
        Map.entry("{edges-tsv}", work.resolve("edges.tsv").toString()),
        Map.entry("{weighted-tsv}", work.resolve("weighted.tsv").toString()),
        Map.entry("{kmeans-csv-model}", work.resolve("kmeans-csv-model").toString()),
        Map.entry("{notes}", work.resolve("notes").toString()));
    for (Map.Entry<String, String> e : paths.entrySet()) {
      a = a.replace(e.getKey(), e.getValue());
    }
    return a;
  }

  /** A Java class name as a stack trace or a raw exception message shows it. */
  static final Pattern CLASS_NAME =
      Pattern.compile("\\b(java|javax|org|io|com)\\.[a-z0-9_.]+\\.[A-Z]\\w*(Exception|Error)\\b");

  @TestFactory
  Stream<DynamicTest> everyProgramRefusesBadInputInOneLineAndWritesNothing() {
    List<Case> all = cases();
    assertTrue(all.size() >= 40, "cases: " + all.size());
    return all.stream().map(k -> DynamicTest.dynamicTest(
        name(k.program().get()) + ": " + k.name(),
        () -> check(k)));
  }

  static void check(Case k) throws Exception {
    Map<String, String> before = TestDirs.digests(work);
    DroverTool tool = k.program().get();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] args = Stream.of(k.args()).map(BadInputSweepTest::arg).toArray(String[]::new);
    ConsoleTraces.Result<Integer> run =
        ConsoleTraces.during(() -> ToolRunner.run(new Configuration(conf), tool, args));
    int code = run.value();
    List<String> traces = run.traces();
    String err = bytes.toString(StandardCharsets.UTF_8);
    String name = String.join(" ", args);
    assertEquals(k.exit(), code, name + "\n" + err);
    List<String> lines = err.lines().filter(s -> s.startsWith(name(tool) + ": ")).toList();
    assertFalse(lines.isEmpty(), "no '" + name(tool) + ": ' line: " + err);
    String message = lines.get(lines.size() - 1); // the verdict: progress lines come before
    assertTrue(message.contains(arg(k.says())), "should say " + arg(k.says()) + ": " + err);
    assertFalse(err.contains("\tat "), "a stack trace: " + err);
    assertFalse(CLASS_NAME.matcher(err).find(), "a Java class name: " + err);
    assertEquals(List.of(), traces, "stack traces on the console; the program said: " + err);
    Map<String, String> after = TestDirs.digests(work);
    assertEquals(before, after, "written or lost: " + err);
  }

  /** The program's name as it starts its messages (its class's name in lower case). */
  /** The program's name as the driver lists it (kmeans-predict for KMeansPredict). */
  static String name(DroverTool tool) {
    for (Map.Entry<String, Supplier<DroverTool>> e : PROGRAMS.entrySet()) {
      if (e.getValue().get().getClass() == tool.getClass()) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("not in PROGRAMS: " + tool.getClass());
  }
}
