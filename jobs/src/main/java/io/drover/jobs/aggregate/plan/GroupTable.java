package io.drover.jobs.aggregate.plan;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The mapper's hash table from encoded group keys to their partial states: open addressing over
 * byte keys, so a row's key is looked up straight from a reused buffer and copied only when the
 * group is new (a {@code HashMap<ByteBuffer, V>} costs a wrapper and a copy per row).
 */
public final class GroupTable<V> {
  private byte[][] keys = new byte[64][];
  private int[] hashes = new int[64];
  private Object[] values = new Object[64];
  private int size;

  /** The value of key {@code b[0 .. len]}, or null. */
  @SuppressWarnings("unchecked")
  public V get(byte[] b, int len) {
    int h = hash(b, len);
    int mask = keys.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      byte[] k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, 0, len)) {
        return (V) values[i];
      }
    }
  }

  /** Adds a key that is not in the table (its bytes are copied). */
  public void put(byte[] b, int len, V value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    insert(Arrays.copyOf(b, len), hash(b, len), value);
    size++;
  }

  private void insert(byte[] k, int h, Object v) {
    int mask = keys.length - 1;
    int i = h & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = k;
    hashes[i] = h;
    values[i] = v;
  }

  private void grow() {
    byte[][] k = keys;
    int[] h = hashes;
    Object[] v = values;
    keys = new byte[k.length * 2][];
    hashes = new int[k.length * 2];
    values = new Object[k.length * 2];
    for (int i = 0; i < k.length; i++) {
      if (k[i] != null) {
        insert(k[i], h[i], v[i]);
      }
    }
  }

  public int size() {
    return size;
  }

  /** Each key (its own array) and value, in no particular order. */
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<byte[], V> f) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        f.accept(keys[i], (V) values[i]);
      }
    }
  }

  public void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(values, null);
    size = 0;
  }

  static int hash(byte[] b, int len) {
    int h = 1;
    for (int i = 0; i < len; i++) {
      h = 31 * h + b[i];
    }
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
