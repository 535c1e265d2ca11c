package io.drover.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteCountsTest {

  static Map<String, Long> asMap(ByteCounts c) {
    Map<String, Long> m = new HashMap<>();
    for (int e = c.first(); e != 0; e = c.next(e)) {
      m.put(new String(c.keyBytes(), c.keyOffset(e), c.keyLength(e), StandardCharsets.ISO_8859_1), c.count(e));
    }
    return m;
  }

  @Test
  void countsLikeAHashMapThroughGrowthAndClear() {
    Random r = new Random(3);
    ByteCounts c = new ByteCounts(4);
    Map<String, Long> oracle = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 100_000; i++) {
        byte[] key = new byte[r.nextInt(5)];
        for (int j = 0; j < key.length; j++) {
          key[j] = (byte) (r.nextInt(12) + (r.nextBoolean() ? 0 : 200));
        }
        long delta = 1 + r.nextInt(3);
        // put the key inside a larger buffer to exercise offsets
        byte[] buf = new byte[key.length + 4];
        System.arraycopy(key, 0, buf, 2, key.length);
        c.add(buf, 2, key.length, delta);
        oracle.merge(new String(key, StandardCharsets.ISO_8859_1), delta, Long::sum);
      }
      assertEquals(oracle, asMap(c));
      assertEquals(oracle.size(), c.size());
      byte[] absent = {99, 99, 99, 99, 99, 99};
      assertFalse(c.contains(absent, 0, absent.length));
      String any = oracle.keySet().iterator().next();
      byte[] present = any.getBytes(StandardCharsets.ISO_8859_1);
      assertTrue(c.contains(present, 0, present.length));
      c.clear();
      oracle.clear();
      assertEquals(0, c.size());
    }
  }

  @Test
  void theEmptyKeyIsAKey() {
    ByteCounts c = new ByteCounts();
    c.add(new byte[0], 0, 0, 5);
    c.add(new byte[3], 1, 0, 2);
    assertEquals(Map.of("", 7L), asMap(c));
  }
}
