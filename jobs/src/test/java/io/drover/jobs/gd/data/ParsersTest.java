package io.drover.jobs.gd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.jobs.aggregate.input.BadRecordException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {
  final LibsvmParser svm = new LibsvmParser();

  @Test
  void libsvmTrailingBlanksCrTabsAndComments() throws Exception {
    Example e = svm.parse("+1 3:1\t11:0.5 123:0 \r");
    assertEquals(1.0, e.label());
    assertArrayEquals(new int[] {2, 10, 122}, e.indices());
    assertArrayEquals(new double[] {1, 0.5, 0}, e.values());
    Example c = svm.parse("-1 2:3e-2 # a comment");
    assertArrayEquals(new int[] {1}, c.indices());
    assertArrayEquals(new double[] {0.03}, c.values());
    assertEquals(0, svm.parse("0").indices().length);
    assertNull(svm.parse("   \r"));
    assertNull(svm.parse("# only a comment"));
  }

  @Test
  void libsvmMistakesSayWhatIsWrong() {
    assertEquals("feature '3' is not index:value", msg(() -> svm.parse("1 3")));
    assertEquals("feature '3:' is not index:value", msg(() -> svm.parse("1 3:")));
    assertEquals("feature index 'a' is not a whole number", msg(() -> svm.parse("1 a:1")));
    assertEquals(
        "feature index -2 in '-2:1': LIBSVM indices start at 1", msg(() -> svm.parse("1 -2:1")));
    assertEquals(
        "feature index 4 after 4: indices must be strictly ascending",
        msg(() -> svm.parse("1 4:1 4:2")));
    assertEquals("label 'yes' is not a number", msg(() -> svm.parse("yes 1:1")));
    assertEquals(
        "value of feature 1 is Infinity; only finite numbers can be trained on",
        msg(() -> svm.parse("1 1:Infinity")));
  }

  /** An independent reading of a LIBSVM line: String.split, as the parser once did. */
  static String oracle(String line) {
    String l = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
    l = l.strip();
    if (l.isEmpty()) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    String[] tokens = l.split("[ \t]+");
    try {
      out.append(Double.parseDouble(tokens[0]));
    } catch (NumberFormatException e) {
      return "label '" + tokens[0] + "' is not a number";
    }
    int last = 0;
    for (int t = 1; t < tokens.length; t++) {
      String tok = tokens[t];
      int colon = tok.indexOf(':');
      if (colon <= 0 || colon == tok.length() - 1) {
        return "feature '" + tok + "' is not index:value";
      }
      int index;
      try {
        index = Integer.parseInt(tok.substring(0, colon));
      } catch (NumberFormatException e) {
        return "feature index '" + tok.substring(0, colon) + "' is not a whole number";
      }
      if (index < 1) {
        return "feature index " + index + " in '" + tok + "': LIBSVM indices start at 1";
      }
      if (index <= last) {
        return "feature index " + index + " after " + last + ": indices must be strictly ascending";
      }
      last = index;
      double v;
      try {
        v = Double.parseDouble(tok.substring(colon + 1));
      } catch (NumberFormatException e) {
        return "value of feature " + index + " '" + tok.substring(colon + 1) + "' is not a number";
      }
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return "value of feature " + index + " is " + tok.substring(colon + 1)
            + "; only finite numbers can be trained on";
      }
      out.append(' ').append(index - 1).append('=').append(v);
    }
    return out.toString();
  }

  @Test
  void libsvmLinesReadAsSplittingThemReadsThem() {
    String[] parts = {"1", "+1", "-1", "2:1", "3:0.5", "7:-2e3", "9:1:2", ":1", "4:", "a:1", "0:1",
        "5:x", "6:NaN", "8:Infinity", "12:1.5e-300", "1e2", " ", "  ", "\t", " \t ", "#c", "3:+4"};
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder();
      for (int k = rnd.nextInt(7); k >= 0; k--) {
        line.append(parts[rnd.nextInt(parts.length)]);
        if (rnd.nextInt(3) > 0) {
          line.append(rnd.nextBoolean() ? " " : "\t");
        }
      }
      String text = line.toString();
      String got;
      try {
        Example e = svm.parse(text);
        if (e == null) {
          got = "null";
        } else {
          StringBuilder b = new StringBuilder().append(e.label());
          for (int j = 0; j < e.indices().length; j++) {
            b.append(' ').append(e.indices()[j]).append('=').append(e.values()[j]);
          }
          got = b.toString();
        }
      } catch (BadRecordException e) {
        got = e.getMessage();
      }
      assertEquals(oracle(text), got, "line '" + text + "'");
    }
  }

  interface Call {
    Object run() throws Exception;
  }

  static String msg(Call c) {
    return assertThrows(BadRecordException.class, c::run).getMessage();
  }

  @Test
  void csvHeaderWithBomCrlfQuotesAndAFeatureSubsetInItsOrder() throws Exception {
    CsvParser p = CsvParser.fromHeader("\uFEFF\"t\", v ,p,y\r", "y", List.of("p", "t"));
    assertArrayEquals(new String[] {"p", "t"}, p.featureNames());
    assertEquals(2, p.dimension());
    Example e = p.parse("14.96, 41.76 ,\"1024.07\",463.26\r");
    assertEquals(463.26, e.label());
    assertArrayEquals(new int[] {0, 1}, e.indices());
    assertArrayEquals(new double[] {1024.07, 14.96}, e.values());
    assertNull(p.parse("\r"));
    CsvParser all = CsvParser.fromHeader("a,y,b", "y", null);
    assertArrayEquals(new String[] {"a", "b"}, all.featureNames());
    assertArrayEquals(new double[] {1, 3}, all.parse("1,2,3").values());
  }

  @Test
  void csvMistakes() throws Exception {
    CsvParser p = CsvParser.fromHeader("a,b,y", "y", null);
    assertEquals("2 fields where the header has 3", msg(() -> p.parse("1,2")));
    assertEquals("column 'b' '' is not a number", msg(() -> p.parse("1,,3")));
    assertEquals(
        "the header has no column 'c' named in --features; columns: a,b,y",
        msg(() -> CsvParser.fromHeader("a,b,y", "y", List.of("c"))));
    assertEquals(
        "--features names the label column 'y'",
        msg(() -> CsvParser.fromHeader("a,b,y", "y", List.of("a", "y"))));
    assertEquals(
        "no feature columns besides the label 'y'",
        msg(() -> CsvParser.fromHeader("y", "y", null)));
    CsvParser scoring = CsvParser.fromHeader("b,a", "y", List.of("a", "b"), true);
    Example e = scoring.parse("2,1");
    assertEquals(Double.NaN, e.label());
    assertArrayEquals(new double[] {1, 2}, e.values());
  }
}
