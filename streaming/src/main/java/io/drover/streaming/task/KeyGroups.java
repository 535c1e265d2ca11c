package io.drover.streaming.task;

import java.io.IOException;
import java.util.Arrays;

/**
 * Key/value pairs grouped by their key's bytes in one arena, then handed out with the keys in
 * unsigned byte order (the order of Hadoop's {@code Text} comparator) and each key's values in
 * arrival order. One hash probe per pair instead of a comparison sort over every pair: the map
 * side pre-combine ({@link PreCombiner}) sorts only the distinct keys.
 *
 * <p>Not thread safe. Memory is bounded by the caller: {@link #bytesUsed()} estimates what the
 * arena and its index hold.
 */
final class KeyGroups {
  /** Receives the groups in key order. */
  interface Visitor {
    /** One pair: the key is {@code key[keyOff, keyOff + keyLen)}, the value likewise. */
    void pair(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen)
        throws IOException;
  }

  // distinct keys: their bytes once, in an arena of their own
  private byte[] keyData = new byte[1 << 16];
  private int keyUsed;
  private int[] keyOff = new int[1 << 10];
  private int[] keyLen = new int[1 << 10];
  private int[] keyHash = new int[1 << 10];
  private int[] count = new int[1 << 10];
  private long[] bytes = new long[1 << 10];
  private int keys;
  // open addressing: key index + 1, 0 = free
  private int[] table = new int[1 << 11];
  // the pairs in arrival order: key index (4 bytes), value length (4 bytes), value bytes
  private byte[] log = new byte[1 << 16];
  private int logUsed;
  private int pairs;
  // the values regrouped by key for visit (length, bytes), reused across batches
  private byte[] sorted = new byte[0];

  int keys() {
    return keys;
  }

  int pairs() {
    return pairs;
  }

  /** Bytes in use: the keys, the pairs (twice: visit regroups them) and the index entries. */
  long bytesUsed() {
    return keyUsed + 2L * logUsed + 32L * keys + 4L * table.length;
  }

  /** Adds a pair; the bytes are copied. */
  void add(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) {
    int h = hash(k, kOff, kLen);
    int mask = table.length - 1;
    int slot = h & mask;
    int key;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        key = newKey(k, kOff, kLen, h);
        table[slot] = key + 1;
        if (keys * 2 > table.length) {
          rehash();
        }
        break;
      }
      int c = e - 1;
      if (keyHash[c] == h && Arrays.equals(keyData, keyOff[c], keyOff[c] + keyLen[c], k, kOff,
          kOff + kLen)) {
        key = c;
        break;
      }
      slot = (slot + 1) & mask;
    }
    count[key]++;
    bytes[key] += 4 + vLen;
    if (logUsed + 8 + vLen > log.length) {
      log = grow(log, logUsed + 8 + vLen);
    }
    putInt(log, logUsed, key);
    putInt(log, logUsed + 4, vLen);
    System.arraycopy(v, vOff, log, logUsed + 8, vLen);
    logUsed += 8 + vLen;
    pairs++;
  }

  private int newKey(byte[] k, int kOff, int kLen, int h) {
    if (keys == keyOff.length) {
      int n = keys * 2;
      keyOff = Arrays.copyOf(keyOff, n);
      keyLen = Arrays.copyOf(keyLen, n);
      keyHash = Arrays.copyOf(keyHash, n);
      count = Arrays.copyOf(count, n);
      bytes = Arrays.copyOf(bytes, n);
    }
    if (keyUsed + kLen > keyData.length) {
      keyData = grow(keyData, keyUsed + kLen);
    }
    System.arraycopy(k, kOff, keyData, keyUsed, kLen);
    int key = keys++;
    keyOff[key] = keyUsed;
    keyLen[key] = kLen;
    keyHash[key] = h;
    count[key] = 0;
    bytes[key] = 0;
    keyUsed += kLen;
    return key;
  }

  private static byte[] grow(byte[] b, long needed) {
    long n = Math.max((long) b.length * 2, needed);
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("pre-combine buffer over 2 GB");
    }
    return Arrays.copyOf(b, (int) n);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int mask = t.length - 1;
    for (int c = 0; c < keys; c++) {
      int slot = keyHash[c] & mask;
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = c + 1;
    }
    table = t;
  }

  private static int hash(byte[] b, int off, int len) {
    int h = 0x811c9dc5;
    for (int i = off; i < off + len; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x01000193;
    }
    // spread the low bits, which pick the slot
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /**
   * Every pair, keys in unsigned byte order (a prefix first), each key's values in arrival order.
   * The distinct keys are sorted; the values are regrouped by a counting sort over the pairs.
   */
  void visit(Visitor visitor) throws IOException {
    Integer[] order = new Integer[keys];
    for (int i = 0; i < keys; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keyData, keyOff[a],
        keyOff[a] + keyLen[a], keyData, keyOff[b], keyOff[b] + keyLen[b]));
    // where each key's values start in the regrouped buffer, in key order
    int[] at = new int[keys];
    int total = 0;
    for (int key : order) {
      at[key] = total;
      total += (int) bytes[key];
    }
    if (sorted.length < total) {
      sorted = new byte[Math.max(total, sorted.length * 2)];
    }
    for (int p = 0; p < logUsed; ) {
      int key = getInt(log, p);
      int len = getInt(log, p + 4);
      int to = at[key];
      System.arraycopy(log, p + 4, sorted, to, 4 + len);
      at[key] = to + 4 + len;
      p += 8 + len;
    }
    int p = 0;
    for (int key : order) {
      for (int i = 0; i < count[key]; i++) {
        int len = getInt(sorted, p);
        visitor.pair(keyData, keyOff[key], keyLen[key], sorted, p + 4, len);
        p += 4 + len;
      }
    }
  }

  /** Empties the groups, keeping the allocated buffers. */
  void clear() {
    Arrays.fill(table, 0);
    keyUsed = 0;
    keys = 0;
    logUsed = 0;
    pairs = 0;
  }
}
