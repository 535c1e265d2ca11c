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
