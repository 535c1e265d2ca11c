package io.drover.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopNTest {

  @Test
  void keepsTheBestNInOrderAgainstAFullSort() {
    Random r = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(20);
      TopN top = new TopN(n);
      List<TopN.Entry> all = new ArrayList<>();
      int words = r.nextInt(100);
      for (int i = 0; i < words; i++) {
        byte[] w = ("w" + i + (r.nextBoolean() ? "é" : "")).getBytes(StandardCharsets.UTF_8);
        long count = r.nextInt(5); // many ties
        all.add(new TopN.Entry(w, count));
        top.offer(w, 0, w.length, count);
      }
      all.sort(TopN.ORDER);
      assertEquals(all.subList(0, Math.min(n, all.size())), top.result());
    }
  }

  @Test
  void tiesGoToTheSmallerWordInUnsignedByteOrder() {
    TopN top = new TopN(2);
    for (String w : new String[] {"zebra", "é", "apple", "Zulu"}) {
      byte[] b = w.getBytes(StandardCharsets.UTF_8);
      top.offer(b, 0, b.length, 3);
    }
    // unsigned: 'Z' (0x5A) < 'a' < 'z' < 0xC3 (é)
    assertEquals(List.of("Zulu", "apple"),
        top.result().stream().map(e -> new String(e.word(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void nMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new TopN(0));
  }

  @Test
  void entriesCompareByContent() {
    assertEquals(new TopN.Entry(new byte[] {1}, 2), new TopN.Entry(Arrays.copyOf(new byte[] {1}, 1), 2));
  }
}
