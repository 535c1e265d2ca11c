package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gd reads CSV as RFC 4180 records, the way aggregate does: quoted fields holding the delimiter,
 * line breaks and doubled quotes, CRLF line ends and a BOM; checked against the oracle fed with
 * the rows commons-csv parses from the same bytes.
 */
class GdCsvTest {
  Path work;
  Configuration conf;
  Path csv;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-csv");
    conf = LocalConf.create();
    csv = work.resolve("rows.csv");
    Files.write(csv, text(300).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code id,note,x1,x2,y,c}: note is free text, y = 3 x1 - 2 x2 + 1 + noise, c a class. */
  static String text(int rows) {
    return text(rows, "0", "1");
  }

  /** As {@link #text(int)} with class c written as {@code zero} or {@code one}. */
  static String text(int rows, String zero, String one) {
    Random r = new Random(7);
    String[] notes = {
      "plain", "\"a, b, c\"", "\"two\r\nlines, and a comma\"", "\"said \"\"hi\"\"\"", "",
      "\"one\nLF\"", "\",\"", "\"\r\n\""
    };
    StringBuilder b = new StringBuilder("\uFEFFid,note,x1,\"x2\",y,c\r\n");
    for (int i = 0; i < rows; i++) {
      double x1 = Math.round(r.nextGaussian() * 1000) / 1000.0;
      double x2 = Math.round(r.nextGaussian() * 1000) / 1000.0;
      double y = Math.round((3 * x1 - 2 * x2 + 1 + 0.5 * r.nextGaussian()) * 1000) / 1000.0;
      int c = x1 + x2 + 0.7 * r.nextGaussian() > 0 ? 1 : 0;
      String note = notes[i % notes.length];
      String x2Field = i % 3 == 0 ? "\"" + x2 + "\"" : Double.toString(x2);
      b.append(i).append(',').append(note).append(',').append(x1).append(',').append(x2Field)
          .append(',').append(y).append(',').append(c == 1 ? one : zero).append("\r\n");
    }
    return b.toString();
  }

  /** The oracle over the rows as commons-csv reads them: features x1, x2; label {@code label}. */
  static GdOracle oracle(Path file, String label) throws Exception {
    return oracle(file, label, "1");
  }

  /** As {@link #oracle(Path, String)}; label {@code c} is 1 where it reads {@code one}, else 0. */
  static GdOracle oracle(Path file, String label, String one) throws Exception {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    try (CSVParser p =
        CSVParser.parse(
            new StringReader(s),
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord rec : p) {
        x.add(new double[] {Double.parseDouble(rec.get("x1")), Double.parseDouble(rec.get("x2")),
            1});
        y.add(label.equals("c") ? (rec.get(label).strip().equals(one) ? 1.0 : 0.0)
            : Double.parseDouble(rec.get(label)));
      }
    }
    return new GdOracle(x.toArray(new double[0][]), y.stream().mapToDouble(v -> v).toArray());
  }

  @Test
  void linregOnQuotedFieldsWithCommasAndLineBreaksMatchesTheOracle() throws Exception {
    GdOracle raw = oracle(csv, "y");
    assertEquals(300, raw.y.length);
    Path out = work.resolve("linreg");
    GdRun.Run r =
        GdRun.run(conf, new LinReg(), "--standardize", "--step", "0.5", "--max-iter", "30",
            "--tol", "0", "--label", "y", "--features", "x1,x2", csv.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    GdOracle z = raw.standardized();
    double[] w = GdRun.weights(out);
    GdRun.assertClose(z.unstandardize(z.train(false, 0, 0.5, 30, 0)), w);
    assertEquals(300, GdRun.model(out).get("records").asInt());

    // evaluate reads the same records
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev,
        new String[] {"-D", "drover.input.split.max-bytes=1000", out.toString(), csv.toString()}));
    Map<String, Object> m = ev.metrics();
    assertEquals(raw.rmse(w), (Double) m.get("rmse"), 1e-9 * raw.rmse(w));
  }

  @Test
  void logregOnQuotedFieldsWithCommasAndLineBreaksMatchesTheOracle() throws Exception {
    Path out = work.resolve("logreg");
    GdRun.Run r =
        GdRun.run(conf, new LogReg(), "--no-standardize",
            "--max-iter", "10", "--tol", "0", "--label", "c",
            "--features", "x1,x2", csv.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    GdRun.assertClose(oracle(csv, "c").train(true, 1, 1.0, 10, 0), GdRun.weights(out));
  }

  @Test
  void logregOnTextLabelsMapsThemInSortedOrderAndPredictWritesThem() throws Exception {
    Path census = work.resolve("census.csv");
    // '<' sorts before '>': <=50K is class 0, >50K class 1; a blank around a label is dropped
    Files.writeString(census, text(300, " <=50K", ">50K "));
    Path out = work.resolve("census-model");
    GdRun.Run r =
        GdRun.run(conf, new LogReg(), "--no-standardize",
            "--max-iter", "10", "--tol", "0", "--label", "c",
            "--features", "x1,x2", census.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    GdOracle o = oracle(census, "c", ">50K");
    GdRun.assertClose(o.train(true, 1, 1.0, 10, 0), GdRun.weights(out));
    // the same weights as with labels 0/1
    GdRun.assertClose(oracle(csv, "c").train(true, 1, 1.0, 10, 0), GdRun.weights(out));
    long positives = Arrays.stream(o.y).filter(v -> v == 1).count();
    assertTrue(r.err().contains("logreg: labels '<=50K' -> 0 (negative, " + (300 - positives)
        + " records), '>50K' -> 1 (positive, " + positives + " records)"), r.err());
    JsonNode labels = GdRun.model(out).get("labels");
    assertEquals("<=50K", labels.get("negative").asText());
    assertEquals(">50K", labels.get("positive").asText());

    // predict writes the original label strings: the label as read, the predicted class's label
    Path preds = work.resolve("census-preds");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new Predict(),
        new String[] {out.toString(), census.toString(), preds.toString()}));
    double[] w = GdRun.weights(out);
    List<String> lines = Files.readAllLines(preds.resolve("part-m-00000"));
    assertEquals(300, lines.size());
    for (int i = 0; i < 300; i++) {
      String[] f = lines.get(i).split("\t", -1);
      assertEquals(o.y[i] == 1 ? ">50K" : "<=50K", f[0]);
      double m = w[2] + w[0] * o.x[i][0] + w[1] * o.x[i][1];
      assertEquals(m > 0 ? ">50K" : "<=50K", f[2]);
    }

    // --keep passes columns through as commons-csv reads them (the note holds commas, quotes,
    // line breaks), escaped to stay on one line; _schema names the columns as aggregate's does
    Path kept = work.resolve("census-kept");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new Predict(), new String[] {
        "-D", "drover.input.split.max-bytes=2000", "--keep", "id, note", out.toString(),
        census.toString(), kept.toString()}));
    List<String> keptLines = new ArrayList<>();
    try (var parts = Files.list(kept)) {
      for (Path part : parts.filter(q -> q.getFileName().toString().startsWith("part-")).sorted()
          .toList()) {
        keptLines.addAll(Files.readAllLines(part));
      }
    }
    assertEquals(300, keptLines.size());
    String s = Files.readString(census, StandardCharsets.UTF_8).substring(1);
    List<String> expectedKept = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(new StringReader(s),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      int i = 0;
      for (CSVRecord rec : p) {
        String note = rec.get("note").strip().replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r");
        expectedKept.add(rec.get("id") + "\t" + note + "\t" + lines.get(i++));
      }
    }
    // the packed splits' tasks need not be in file order
    expectedKept.sort(null);
    keptLines.sort(null);
    assertEquals(expectedKept, keptLines);
    assertEquals("id\tstring\nnote\tstring\nlabel\tstring\nscore\tdouble\nprediction\tstring\n",
        Files.readString(kept.resolve("_schema")));

    // evaluate compares with the model's labels; a label that is neither fails the job
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev,
        new String[] {out.toString(), census.toString()}));
    Path other = work.resolve("other.csv");
    Files.writeString(other, "x1,x2,c\n1,2,>50K.\n");
    assertEquals(1, ToolRunner.run(new Configuration(conf), new Evaluate(),
        new String[] {out.toString(), other.toString()}));
  }

  @Test
  void moreThanTwoTextLabelsAreClassesInTextOrderForLogregAndRefusedBySvm() throws Exception {
    Path three = work.resolve("three.csv");
    Files.writeString(three, "x,c\n1,ham\n2,spam\n3,ham\n4,eggs\n");
    GdRun.Run r = GdRun.run(conf, new Svm(), "--label", "c", three.toString(),
        work.resolve("m").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(three + " line 5: a third label value 'eggs' (earlier lines have"
        + " 'ham' and 'spam'); label values seen: 'ham' (2 records), 'spam' (1), 'eggs' (1);"
        + " svm needs exactly two classes (logreg takes more: multinomial); nothing was"
        + " written"), r.err());
    // logreg: multinomial, the classes sorted as text, the mapping printed and in model.json
    Path out = work.resolve("m3");
    GdRun.Run lr = GdRun.run(conf, new LogReg(), "--label", "c", "--max-iter", "5",
        three.toString(), out.toString());
    assertEquals(0, lr.code(), lr.err());
    assertTrue(lr.err().contains("logreg: 3 classes, multinomial (softmax): labels 'eggs' -> 0 (1"
        + " records), 'ham' -> 1 (2), 'spam' -> 2 (1)"), lr.err());
    assertEquals("[\"eggs\",\"ham\",\"spam\"]", GdRun.model(out).get("classes").toString());
    Path preds = work.resolve("p3");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new Predict(),
        new String[] {out.toString(), three.toString(), preds.toString()}));
    assertEquals("label\tstring\nscore\tdouble\nprediction\tstring\nprobability_eggs\tdouble\n"
        + "probability_ham\tdouble\nprobability_spam\tdouble\n",
        Files.readString(preds.resolve("_schema")));
    for (String line : Files.readAllLines(preds.resolve("part-m-00000"))) {
      String[] f = line.split("\t");
      assertTrue(List.of("eggs", "ham", "spam").contains(f[2]), line);
    }
    // evaluate: a label that is none of the classes fails the job naming it
    Path other = work.resolve("other3.csv");
    Files.writeString(other, "x,c\n1,ham\n2,bacon\n");
    assertEquals(1, ToolRunner.run(new Configuration(conf), new Evaluate(),
        new String[] {out.toString(), other.toString()}));
    // linreg still needs numbers
    GdRun.Run lin = GdRun.run(conf, new LinReg(), "--label", "c", three.toString(),
        work.resolve("m").toString());
    assertEquals(2, lin.code(), lin.err());
    assertTrue(lin.err().contains("line 2: label 'ham' is not a number"), lin.err());
  }

  @Test
  void headerThatDoesNotDescribeTheRowsIsIgnoredOrAbsent() throws Exception {
    // sklearn's load_breast_cancer CSV: "569,30,malignant,benign" above rows of 30 features and
    // the target; here 200 rows of 2 features and a 0/1 target
    Random r = new Random(11);
    StringBuilder rows = new StringBuilder();
    double[][] x = new double[200][];
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      double a = Math.round(r.nextGaussian() * 100) / 100.0;
      double b = Math.round(r.nextGaussian() * 100) / 100.0;
      y[i] = a - b + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
      x[i] = new double[] {a, b, 1};
      rows.append(a).append(',').append(b).append(',').append((int) y[i]).append('\n');
    }
    double[] expected = new GdOracle(x, y).train(true, 1, 1.0, 10, 0);
    Path sk = work.resolve("breast_cancer.csv");
    Files.writeString(sk, "200,2,malignant,benign\n" + rows);
    Path plain = work.resolve("plain.csv");
    Files.writeString(plain, rows.toString());

    Path out = work.resolve("sk-model");
    GdRun.Run run = GdRun.run(conf, new LogReg(), "--no-standardize",
        "--ignore-header", "--max-iter", "10", "--tol",
        "0", "--label", "c3", sk.toString(), out.toString());
    assertEquals(0, run.code(), run.err());
    GdRun.assertClose(expected, GdRun.weights(out));
    JsonNode m = GdRun.model(out);
    assertEquals("[\"c1\",\"c2\"]", m.get("feature_names").toString());
    assertEquals("ignore", m.get("csv_header").asText());

    Path out2 = work.resolve("plain-model");
    run = GdRun.run(conf, new LogReg(), "--no-standardize",
        "--no-header", "--max-iter", "10", "--tol", "0",
        "--label", "c3", "--features", "c1,c2", plain.toString(), out2.toString());
    assertEquals(0, run.code(), run.err());
    GdRun.assertClose(expected, GdRun.weights(out2));

    // predict reads as the model was trained unless told: --no-header on the plain rows
    Path preds = work.resolve("sk-preds");
    assertEquals(0, ToolRunner.run(new Configuration(conf), new Predict(), new String[] {
        "--no-header", out.toString(), plain.toString(), preds.toString()}));
    List<String> lines = Files.readAllLines(preds.resolve("part-m-00000"));
    assertEquals(200, lines.size());
    assertEquals(Integer.toString((int) y[0]), lines.get(0).split("\t")[0]);
    Evaluate ev = new Evaluate();
    assertEquals(0, ToolRunner.run(new Configuration(conf), ev, new String[] {
        "-D", "drover.input.split.max-bytes=500", out.toString(), sk.toString()}));
    assertEquals(200L, ((Number) ev.metrics().get("records")).longValue());

    // a row with another field count names what it is compared with
    Files.writeString(plain, "1,2,1\n1,2\n");
    run = GdRun.run(conf, new LogReg(), "--no-header", "--label", "c3", plain.toString(),
        work.resolve("bad").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("plain.csv line 2: 2 fields where the first record has 3"),
        run.err());
  }
}
