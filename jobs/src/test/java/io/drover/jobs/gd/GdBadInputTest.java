package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input stops before the first iteration with exit 2, file and line, and nothing written. */
class GdBadInputTest {
  Path work;
  Configuration conf;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-bad");
    conf = LocalConf.create();
  }

  GdRun.Run refused(GdTool tool, String name, String text, String... flags) throws Exception {
    Path in = work.resolve(name);
    Files.writeString(in, text);
    String[] args = new String[flags.length + 2];
    System.arraycopy(flags, 0, args, 0, flags.length);
    args[flags.length] = in.toString();
    args[flags.length + 1] = work.resolve("out").toString();
    GdRun.Run r = GdRun.run(conf, tool, args);
    assertEquals(2, r.code(), r.err());
    try (var s = Files.list(work)) {
      assertEquals(
          List.of(name), s.map(p -> p.getFileName().toString()).toList(), "written: " + r.err());
    }
    assertTrue(r.err().contains(in.getFileName().toString()), r.err());
    return r;
  }

  static void assertSays(GdRun.Run r, String text) {
    assertTrue(r.err().contains(text), r.err());
  }

  @Test
  void libsvmIndexZero() throws Exception {
    GdRun.Run r = refused(new LogReg(), "a.svm", "1 1:0.5 \n-1 0:1 3:1\n");
    assertSays(
        r,
        "a.svm line 2: feature index 0 in '0:1': LIBSVM indices start at 1; nothing was written");
  }

  @Test
  void libsvmIndicesOutOfOrder() throws Exception {
    assertSays(refused(new LinReg(), "a.svm", "1 3:1 2:1\n"), "line 1: feature index 2 after 3");
  }

  @Test
  void nonNumericValue() throws Exception {
    assertSays(
        refused(new LogReg(), "a.svm", "1 1:1\n1 1:1\n-1 7:abc\n"),
        "a.svm line 3: value of feature 7 'abc' is not a number");
  }

  @Test
  void nanValue() throws Exception {
    assertSays(
        refused(new LinReg(), "a.svm", "1 1:1\n2 4:NaN\n"),
        "a.svm line 2: value of feature 4 is NaN; only finite numbers can be trained on");
  }

  @Test
  void aThirdLabelForSvm() throws Exception {
    assertSays(
        refused(new Svm(), "a.svm", "1 1:1\n\n-1 1:2\n1 2:1\n2 1:3\n-1 1:1\n"),
        "a.svm line 5: a third label value 2 (earlier lines have 1 and -1); label values seen: 1"
            + " (2 records), -1 (2), 2 (1); svm needs exactly two classes (logreg takes more:"
            + " multinomial); nothing was written");
  }

  @Test
  void moreThanAHundredClassesForLogreg() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      b.append(i * 0.5).append(" 1:").append(i).append('\n');
    }
    assertSays(
        refused(new LogReg(), "a.svm", b.toString()),
        "the label has 101 distinct values in [file:" + work.resolve("a.svm") + "] (0 (1 records),"
            + " 0.5 (1), 1 (1), 1.5 (1), 2 (1), 2.5 (1), 3 (1), 3.5 (1), 4 (1), 4.5 (1), ..."
            + " (101 values)), more than the 100 classes logreg takes; a label with that many"
            + " values is rarely a class: predict a number with linreg, or bin the label; nothing"
            + " was written");
  }

  @Test
  void modelAveragingIsForTwoClasses() throws Exception {
    assertSays(
        refused(new LogReg(), "a.svm", "1 1:1\n2 1:2\n3 1:3\n", "--mode", "average"),
        "has 3 values (1 (1 records), 2 (1), 3 (1)) and model averaging is for two classes; use"
            + " --mode batch or minibatch for multinomial logistic regression; nothing was"
            + " written");
  }

  @Test
  void emptyInput() throws Exception {
    assertSays(refused(new LinReg(), "empty.svm", ""), "no training records in [");
  }

  @Test
  void csvTextAmongTooManyDistinctNumbersNamesItsColumnAndLine() throws Exception {
    // a value that is not a number makes its column categorical (issue 15): refused only when
    // the column's numbers are too many to have been counted as its values
    StringBuilder b = new StringBuilder("\uFEFFa,b,y\r\n");
    for (int i = 0; i <= io.drover.jobs.gd.data.ColumnValues.MAX_NUMBERS; i++) {
      b.append(i % 7).append(',').append(i).append(',').append(i % 5).append("\r\n");
    }
    b.append("4,five,6\r\n");
    GdRun.Run r = refused(new LinReg(), "p.csv", b.toString(), "--label", "y");
    assertSays(r, "column 'b' is categorical (its value 'five' (");
    assertSays(r, "p.csv line 10003) is not a number) but also holds more than 10,000 distinct"
        + " numbers: if it is numeric, write that value as missing (? or empty); else leave the"
        + " column out with --features; nothing was written");
  }

  @Test
  void csvLineNumbersCountTheLineBreaksInsideQuotedFields() throws Exception {
    GdRun.Run r =
        refused(new LinReg(), "q.csv", "a,note,y\r\n1,\"x,\r\ny\n\",2\r\n3,z,bad\r\n",
            "--label", "y", "--features", "a");
    assertSays(r, "q.csv line 5: label 'bad' is not a number");
  }

  @Test
  void csvUnclosedQuote() throws Exception {
    GdRun.Run r = refused(new LinReg(), "u.csv", "a,y\n1,2\n\"3,4\n5,6\n", "--label", "y");
    assertSays(r, "u.csv line 3: broken quotes: EOF reached before encapsulated token finished;");
  }

  @Test
  void csvUnknownLabelColumn() throws Exception {
    assertSays(
        refused(new LinReg(), "p.csv", "a,b\n1,2\n", "--label", "energy"),
        "p.csv line 1: the header has no column 'energy' for --label; columns: a,b");
  }
}
