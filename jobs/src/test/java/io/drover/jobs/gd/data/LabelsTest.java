package io.drover.jobs.gd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void twoNumbersKeepTheRuleTheSmallerIsClassZero() {
    assertEquals(List.of("-1", "1"), Labels.order("1", "-1"));
    assertEquals(List.of("2", "10"), Labels.order("10", "2")); // numerically, not as text
    assertEquals(1.0, Labels.code("1.0"));
    assertEquals(Labels.code("1"), Labels.code("1.0"));
    assertEquals("1", Labels.numberText(1.0));
    assertEquals("0.5", Labels.numberText(0.5));
  }

  @Test
  void anyTextIsOrderedByItsCharacters() {
    assertEquals(List.of("<=50K", ">50K"), Labels.order(">50K", "<=50K"));
    assertEquals(List.of("benign", "malignant"), Labels.order("malignant", "benign"));
    assertEquals(List.of("no", "yes"), Labels.order("yes", "no"));
    // one number and one text: as text ("1" < "a")
    assertEquals(List.of("1", "a"), Labels.order("a", "1"));
    assertEquals(List.of("10", "9x"), Labels.order("9x", "10"));
  }

  @Test
  void textCodesAreExactDistinctAndNotNumbersOfTheData() {
    assertNull(Labels.number("NaN"));
    assertNull(Labels.number("Infinity"));
    assertNull(Labels.number(">50K"));
    Set<Double> codes = new HashSet<>();
    for (String t : new String[] {"Aa", "BB", "<=50K", ">50K", "NaN", "é", "e\u0301", "spam"}) {
      double c = Labels.code(t);
      assertEquals(c, Double.parseDouble(Double.toString(c)), t); // survives the conf as text
      assertEquals(c, Labels.code(t));
      codes.add(c);
      assertEquals(true, c >= 0x1p60 && c < 0x1p61, t);
    }
    assertEquals(8, codes.size());
  }

  @Test
  void moreClassesSortAsNumbersWhenAllAreElseAsTexts() {
    assertEquals(List.of("-1", "2", "10"), Labels.classes(List.of("10", "2", "-1")));
    assertEquals(List.of("0", "1", "2"), Labels.classes(List.of("2", "0", "1")));
    assertEquals(List.of("10", "2", "early"), Labels.classes(List.of("early", "2", "10")));
    assertEquals(List.of("early", "late", "ontime"),
        Labels.classes(List.of("ontime", "late", "early")));
  }
}
