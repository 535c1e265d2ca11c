package io.drover.jobs.pagerank.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure parts of pagerank: edge lines, state lines, exact sums, stats lines. */
class PageRankModelTest {
  static int split(String line) throws EdgeLine.Malformed {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return EdgeLine.split(b, b.length);
  }

  static String refused(String line) {
    return assertThrows(EdgeLine.Malformed.class, () -> split(line)).getMessage();
  }

  @Test
  void edgeLines() throws Exception {
    assertEquals(1, split("a\tb"));
    assertEquals(3, split("x y\tü z")); // spaces and UTF-8 are part of names
    assertEquals(1, split("a\ta")); // a self-loop is an edge
    assertTrue(refused("").startsWith("a blank line"));
    assertTrue(refused("  \r").startsWith("a blank line"));
    assertTrue(refused("a b").startsWith("no TAB"));
    assertTrue(refused("a\tb\t1.5").startsWith("more than one TAB"));
    assertTrue(refused("\tb").startsWith("an empty source"));
    assertTrue(refused("a\t").startsWith("an empty destination"));
    assertTrue(refused("\t").startsWith("an empty source"));
  }

  @Test
  void stateLines() throws Exception {
    StateLine l = new StateLine();
    byte[] b = "x y\t0.25\tb\tü\tb".getBytes(StandardCharsets.UTF_8);
    l.parse(b, b.length, 0);
    assertEquals(3, l.nameEnd());
    assertEquals(0.25, l.rank(b, 4));
    assertEquals(3, l.outDegree());
    List<String> edges = new ArrayList<>();
    l.forEachEdge(b, (s, e) -> edges.add(new String(b, s, e - s, StandardCharsets.UTF_8)));
    assertEquals(List.of("b", "ü", "b"), edges);

    byte[] initial = "v\t".getBytes(StandardCharsets.UTF_8); // the initial state: 1/N
    l.parse(initial, initial.length, 0);
    assertEquals(0.2, l.rank(initial, 5));
    assertEquals(0, l.outDegree());
    byte[] dangling = "v\t0.5".getBytes(StandardCharsets.UTF_8);
    l.parse(dangling, dangling.length, 0);
    assertEquals(0, l.outDegree());
    assertEquals(0.5, l.rank(dangling, 5));
    byte[] bad = "v".getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> l.parse(bad, bad.length, 3));
  }

  @Test
  void exactSumsDoNotDependOnOrder() {
    Random r = new Random(1);
    List<Double> terms = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      terms.add(r.nextDouble() * Math.pow(10, -r.nextInt(12)));
    }
    ExactSum a = new ExactSum();
    terms.forEach(a::add);
    Collections.shuffle(terms, r);
    ExactSum b = new ExactSum();
    ExactSum c = new ExactSum();
    for (int i = 0; i < terms.size(); i++) {
      (i % 3 == 0 ? b : c).add(terms.get(i));
    }
    b.add(c.exact());
    assertEquals(a.exact(), b.exact());
    assertEquals(Double.doubleToRawLongBits(a.value()), Double.doubleToRawLongBits(b.value()));
    // 1e16 + 1 - 1e16 is 0 in doubles; the exact sum rounds once, at the end
    ExactSum d = new ExactSum();
    d.add(1e16);
    d.add(1);
    d.add(-1e16);
    assertEquals(0.0, 1e16 + 1 - 1e16);
    assertEquals(1.0, d.value());
    assertThrows(IllegalArgumentException.class, () -> d.add(Double.NaN));
  }

  @Test
  void exactSumsEqualBigDecimalSumsAtEveryScale() {
    // the oracle: java.math's own exact decimal sum of the same doubles
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      ExactSum s = new ExactSum();
      BigDecimal want = BigDecimal.ZERO;
      int n = r.nextInt(50);
      for (int i = 0; i < n; i++) {
        double v =
            switch (r.nextInt(5)) {
              case 0 -> Double.MIN_VALUE * r.nextInt(1000); // subnormal
              case 1 -> -r.nextDouble() * Math.pow(2, r.nextInt(200) - 100);
              case 2 -> Math.scalb(1.0, r.nextInt(2000) - 1000);
              default -> r.nextDouble() * Math.pow(10, -r.nextInt(12));
            };
        s.add(v);
        want = want.add(new BigDecimal(v));
      }
      assertEquals(0, want.compareTo(s.exact()), "round " + round);
      assertEquals(want.stripTrailingZeros(), s.exact().stripTrailingZeros());
      assertEquals(Double.doubleToRawLongBits(want.doubleValue()),
          Double.doubleToRawLongBits(s.value()), "round " + round);
      // a decimal sum (as _stats holds them) adds back to the same binary value
      ExactSum back = new ExactSum();
      back.add(want);
      assertEquals(s.mantissa(), back.mantissa());
      assertEquals(s.exponent(), back.exponent());
      assertTrue(s.mantissa().signum() == 0 || s.mantissa().testBit(0), "odd mantissa");
    }
    ExactSum huge = new ExactSum();
    huge.add(Double.MAX_VALUE);
    huge.add(Double.MAX_VALUE);
    assertEquals(Double.POSITIVE_INFINITY, huge.value());
    ExactSum tiny = new ExactSum();
    tiny.add(Double.MIN_VALUE);
    tiny.add(Double.MIN_VALUE);
    assertEquals(2 * Double.MIN_VALUE, tiny.value());
    assertThrows(IllegalArgumentException.class, () -> tiny.add(new BigDecimal("0.1")));
  }

  @Test
  void statsLinesRoundTripExactly() {
    StepStats s =
        new StepStats(7, 10, 2, new BigDecimal(0.1), new BigDecimal(1e-300), new BigDecimal(0.3));
    assertEquals(s, StepStats.parse(s.format(), "f"));
    StepStats sum = s.plus(s);
    assertEquals(14, sum.vertices());
    assertEquals(new BigDecimal(0.1).multiply(BigDecimal.valueOf(2)), sum.rankSum());
    assertThrows(IllegalArgumentException.class, () -> StepStats.parse("1\t2", "f"));
  }

  @Test
  void rankMath() {
    assertEquals(0.25, RankMath.initial(4));
    assertEquals(0.5 / 3, RankMath.share(0.5, 3));
    // N 4, d 0.85, dangling mass 0.2, shares 0.1: 0.15/4 + 0.85 (0.1 + 0.05)
    assertEquals(0.0375 + 0.85 * 0.15, RankMath.next(0.85, 4, 0.2, 0.1), 1e-17);
    assertEquals(0.75, RankMath.initialDanglingMass(4, 3));
  }
}
