package io.drover.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** The oracle is Hadoop's own Text.Comparator on the same keys. */
class TextKeyPrefixTest {

  @Test
  void differentPrefixesOrderAsTextComparatorAndEqualOnesLeaveItToTheKeys() throws Exception {
    Random r = new Random(11);
    Text.Comparator hadoop = new Text.Comparator();
    int decided = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] x = key(r);
      byte[] y = r.nextInt(3) == 0 ? TextKeyComparatorTest.prefixVariant(x, r) : key(r);
      byte[] sx = TextKeyComparatorTest.serialize(x);
      byte[] sy = TextKeyComparatorTest.serialize(y);
      int expected = Integer.signum(hadoop.compare(sx, 0, sx.length, sy, 0, sy.length));
      // each key inside a larger buffer, at an offset
      byte[] bx = new byte[x.length + 3];
      System.arraycopy(x, 0, bx, 3, x.length);
      int c = Long.compare(TextKeyPrefix.of(bx, 3, x.length), TextKeyPrefix.of(y, 0, y.length));
      if (c != 0) {
        assertEquals(expected, Integer.signum(c), Arrays.toString(x) + " " + Arrays.toString(y));
        decided++;
      } else {
        // equal prefixes: the first 8 bytes agree but for zero padding
        byte[] px = Arrays.copyOf(x, 8);
        byte[] py = Arrays.copyOf(y, 8);
        assertEquals(Arrays.toString(px), Arrays.toString(py));
      }
    }
    assertEquals(true, decided > 100_000, "decided by the prefix: " + decided);
  }

  @Test
  void edges() {
    byte[] none = {};
    byte[] zero = {0};
    byte[] high = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, 1};
    assertEquals(Long.MIN_VALUE, TextKeyPrefix.of(none, 0, 0));
    assertEquals(Long.MIN_VALUE, TextKeyPrefix.of(zero, 0, 1)); // "" and "\0": the keys decide
    assertEquals(Long.MAX_VALUE, TextKeyPrefix.of(high, 0, 9));
    assertEquals(-1, Long.compare(TextKeyPrefix.of(new byte[] {0x7f}, 0, 1),
        TextKeyPrefix.of(new byte[] {(byte) 0x80}, 0, 1)));
  }

  /** Short and long keys over few byte values (so that many share prefixes), zero and high. */
  private static byte[] key(Random r) {
    byte[] b = new byte[r.nextInt(r.nextBoolean() ? 6 : 20)];
    for (int i = 0; i < b.length; i++) {
      int x = r.nextInt(6);
      b[i] = (byte) (x == 0 ? 0 : x == 1 ? 0xff : x == 2 ? 0x80 : 'a' + x);
    }
    return b;
  }
}
