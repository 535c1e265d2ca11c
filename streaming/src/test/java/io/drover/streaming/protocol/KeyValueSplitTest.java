package io.drover.streaming.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyValueSplitTest {
  private static int end(String line, String sep, int fields) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return KeyValueSplit.keyEnd(b, b.length, sep.getBytes(StandardCharsets.UTF_8), fields);
  }

  @Test
  void firstTabByDefault() {
    assertEquals(1, end("a\tb\tc", "\t", 1));
    assertEquals(3, end("a\tb\tc", "\t", 2));
  }

  @Test
  void fewerSeparatorsMeansWholeLineIsKey() {
    assertEquals(-1, end("abc", "\t", 1));
    assertEquals(-1, end("a\tb", "\t", 2));
    assertEquals(-1, end("", "\t", 1));
  }

  @Test
  void multiByteSeparators() {
    assertEquals(1, end("a::b::c", "::", 1));
    assertEquals(4, end("a::b::c", "::", 2));
    assertEquals("ä".getBytes(StandardCharsets.UTF_8).length, end("ä→b", "→", 1));
    assertEquals(-1, end("a:b", "::", 1));
  }

  @Test
  void emptyKeyAndEmptyValue() {
    assertEquals(0, end("\tv", "\t", 1));
    assertEquals(1, end("k\t", "\t", 1));
  }
}
