package io.drover.jobs.gd.data;

/**
 * The tests' own MurmurHash3 x86 32-bit, written from Austin Appleby's reference
 * (MurmurHash3.cpp), to check the hashing that the job takes from commons-codec.
 */
public final class Murmur3Oracle {
  private Murmur3Oracle() {}

  public static int hash(byte[] data, int seed) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = seed;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8
          | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int k = 0;
    switch (data.length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[tail] & 0xff;
        k *= c1;
        k = Integer.rotateLeft(k, 15);
        k *= c2;
        h ^= k;
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** scikit-learn FeatureHasher's feature of {@code text} among n, and its sign (+1 or -1). */
  public static int[] feature(String text, int n) {
    int h = hash(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
    long abs = Math.abs((long) h);
    return new int[] {(int) (abs % n), h >= 0 ? 1 : -1};
  }
}
