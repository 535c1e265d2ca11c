package io.drover.streaming.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReporterLineTest {
  private static ReporterLine p(String line) {
    return ReporterLine.parse(line, ReporterLine.DEFAULT_PREFIX);
  }

  @Test
  void counter() {
    ReporterLine r = p("reporter:counter:My Group,My Counter,42");
    assertEquals(ReporterLine.Kind.COUNTER, r.kind());
    assertEquals("My Group", r.group());
    assertEquals("My Counter", r.counter());
    assertEquals(42, r.amount());
  }

  @Test
  void counterTrimmedAndTrailingCommaDroppedAsHadoopDoes() {
    assertEquals(7, p("reporter:counter: g,c,7  ").amount());
    assertEquals(ReporterLine.Kind.COUNTER, p("reporter:counter:g,c,7,").kind());
    assertEquals(-3, p("reporter:counter:g,c,-3").amount());
  }

  @Test
  void commaInNameIsMalformedWithReason() {
    ReporterLine r = p("reporter:counter:a,b,c,1");
    assertEquals(ReporterLine.Kind.MALFORMED, r.kind());
    assertTrue(r.text().contains("cannot contain commas"), r.text());
  }

  @Test
  void badAmountAndMissingFields() {
    assertTrue(p("reporter:counter:g,c,x").text().contains("'x' is not a whole number"));
    assertTrue(p("reporter:counter:g,c, 5").text().contains("not a whole number"));
    assertTrue(p("reporter:counter:g,c").text().contains("expected GROUP,COUNTER,AMOUNT"));
    assertEquals(ReporterLine.Kind.MALFORMED, p("reporter:progress").kind());
  }

  @Test
  void statusAndPlain() {
    assertEquals(ReporterLine.Kind.STATUS, p("reporter:status: halfway ").kind());
    assertEquals("halfway", p("reporter:status: halfway ").text());
    assertEquals(ReporterLine.Kind.PLAIN, p("Traceback (most recent call last):").kind());
    assertEquals(ReporterLine.Kind.PLAIN, p(" reporter:counter:g,c,1").kind());
    assertEquals(ReporterLine.Kind.COUNTER, ReporterLine.parse("X:counter:g,c,1", "X:").kind());
  }
}
