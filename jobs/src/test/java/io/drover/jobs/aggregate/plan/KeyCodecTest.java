package io.drover.jobs.aggregate.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte order of encoded keys is the SQL order of the values (checked against compare()). */
class KeyCodecTest {
  static final Random RND = new Random(8);

  static Object random(Type t) {
    if (RND.nextInt(8) == 0) {
      return null;
    }
    switch (t) {
      case LONG:
      case TIMESTAMP:
        return RND.nextBoolean() ? (long) RND.nextInt(7) - 3 : RND.nextLong();
      case DOUBLE:
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -1.5, 1e300};
        return RND.nextBoolean() ? special[RND.nextInt(special.length)] : RND.nextGaussian();
      case BOOLEAN:
        return RND.nextBoolean();
      default:
        String[] s = {"", "a", "a\u0000", "a\u0000b", "ab", "b", "\u00e9", "\ud83d\ude00",
            "\uffff", "z"};
        return s[RND.nextInt(s.length)];
    }
  }

  static int sqlCompare(Object a, Object b, Type t, boolean desc, boolean nullsFirst) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      return (a == null) == nullsFirst ? -1 : 1;
    }
    int c = Values.compare(Values.normalize(a, t), Values.normalize(b, t), t);
    return desc ? -c : c;
  }

  @Test
  void byteOrderIsSqlOrderForEveryTypeDirectionAndNullPlacement() {
    for (Type t : List.of(Type.LONG, Type.DOUBLE, Type.BOOLEAN, Type.STRING, Type.TIMESTAMP)) {
      for (boolean desc : new boolean[] {false, true}) {
        for (boolean nullsFirst : new boolean[] {false, true}) {
          for (int i = 0; i < 2000; i++) {
            Object a = random(t);
            Object b = random(t);
            ByteArrayOutputStream x = new ByteArrayOutputStream();
            ByteArrayOutputStream y = new ByteArrayOutputStream();
            KeyCodec.encode(x, Values.normalize(a, t), t, desc, nullsFirst);
            KeyCodec.encode(y, Values.normalize(b, t), t, desc, nullsFirst);
            x.write(7); // a following field must not change the order
            y.write(3);
            int bytes = Integer.signum(Arrays.compareUnsigned(x.toByteArray(), y.toByteArray()));
            int sql = Integer.signum(sqlCompare(a, b, t, desc, nullsFirst));
            if (sql != 0) {
              assertEquals(sql, bytes, t + " " + a + " vs " + b + " desc=" + desc);
            }
          }
        }
      }
    }
  }

  @Test
  void groupKeysDecodeToTheirValues() {
    List<Type> types = List.of(Type.STRING, Type.LONG, Type.DOUBLE, Type.BOOLEAN, Type.TIMESTAMP);
    for (int i = 0; i < 2000; i++) {
      Object[] v = new Object[types.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = Values.normalize(random(types.get(j)), types.get(j));
      }
      byte[] k = KeyCodec.encodeKey(v, types);
      byte[] padded = new byte[k.length + 4];
      System.arraycopy(k, 0, padded, 2, k.length);
      assertArrayEquals(v, KeyCodec.decodeKey(padded, 2, k.length, types));
    }
  }

  @Test
  void minusZeroGroupsWithZeroAndNaNWithNaN() {
    List<Type> d = List.of(Type.DOUBLE);
    assertArrayEquals(KeyCodec.encodeKey(new Object[] {0.0}, d),
        KeyCodec.encodeKey(new Object[] {Values.normalize(-0.0, Type.DOUBLE)}, d));
    assertArrayEquals(KeyCodec.encodeKey(new Object[] {Double.NaN}, d),
        KeyCodec.encodeKey(new Object[] {Values.normalize(Double.longBitsToDouble(
            0x7ff0000000000001L), Type.DOUBLE)}, d));
  }
}
