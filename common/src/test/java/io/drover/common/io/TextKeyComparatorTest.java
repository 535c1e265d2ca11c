package io.drover.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** The oracle is Hadoop's own Text.Comparator on the same serialized bytes. */
class TextKeyComparatorTest {

  static byte[] serialize(byte[] key) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    new Text(key).write(new DataOutputStream(b));
    return b.toByteArray();
  }

  @Test
  void ordersExactlyLikeTextComparator() throws Exception {
    Random r = new Random(5);
    Text.Comparator hadoop = new Text.Comparator();
    TextKeyComparator ours = new TextKeyComparator();
    for (int i = 0; i < 200_000; i++) {
      byte[] x = randomKey(r);
      byte[] y = r.nextInt(4) == 0 ? prefixVariant(x, r) : randomKey(r);
      byte[] sx = serialize(x);
      byte[] sy = serialize(y);
      // each key inside a larger buffer, at an offset, as in a sort buffer
      byte[] bx = new byte[sx.length + 3];
      byte[] by = new byte[sy.length + 5];
      System.arraycopy(sx, 0, bx, 3, sx.length);
      System.arraycopy(sy, 0, by, 5, sy.length);
      int expected = Integer.signum(hadoop.compare(bx, 3, sx.length, by, 5, sy.length));
      assertEquals(expected, Integer.signum(ours.compare(bx, 3, sx.length, by, 5, sy.length)));
    }
  }

  static byte[] randomKey(Random r) {
    int len = r.nextInt(10) == 0 ? 100 + r.nextInt(300) : r.nextInt(20);
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(3) : r.nextInt(256));
    }
    return b;
  }

  static byte[] prefixVariant(byte[] x, Random r) {
    byte[] y = Arrays.copyOf(x, Math.max(0, x.length + r.nextInt(5) - 2));
    if (y.length > 0 && r.nextBoolean()) {
      y[r.nextInt(y.length)] ^= (byte) 0x80;
    }
    return y;
  }
}
