package io.drover.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Oracles: the JDK's strict UTF-8 decoder and encoder. */
class Utf8Test {

  static boolean jdkValid(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void validityAgreesWithTheJdkOnRandomBytes() {
    Random r = new Random(7);
    int[] pool = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x8F, 0x90};
    for (int i = 0; i < 200_000; i++) {
      byte[] b = new byte[r.nextInt(6)];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) pool[r.nextInt(pool.length)];
      }
      assertEquals(jdkValid(b), Utf8.isValid(b, 0, b.length), () -> java.util.HexFormat.of().formatHex(b));
    }
  }

  @Test
  void decodeAndEncodeRoundTripEveryScalarValue() {
    byte[] buf = new byte[4];
    for (int cp = 0; cp <= 0x10FFFF; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      int n = Utf8.encode(cp, buf, 0);
      byte[] jdk = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      assertEquals(jdk.length, n);
      assertEquals(cp, Utf8.decode(buf, 0, n));
      assertEquals(n, Utf8.width(cp));
    }
  }

  @Test
  void lowerCaseGrowthFitsTheDocumentedBound() {
    // U+023A (2 bytes) lower-cases to U+2C65 (3 bytes): the worst growth, 1.5x
    byte[] in = "\u023A\u023A".getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length * 3];
    int n = Utf8.toLowerCase(in, 0, in.length, out);
    assertEquals("\u2C65\u2C65", new String(out, 0, n, StandardCharsets.UTF_8));
  }
}
