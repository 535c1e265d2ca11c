package io.drover.streaming.task;

import io.drover.common.io.TextKeyPrefix;
import java.io.IOException;
import java.util.Arrays;

/**
 * Key/value pairs grouped by their key's bytes in one arena, then handed out with the keys in
 * unsigned byte order (the order of Hadoop's {@code Text} comparator) and each key's values in
 * arrival order. One hash probe per pair instead of a comparison sort over every pair: the map
 * side pre-combine ({@link PreCombiner}) sorts only the distinct keys.
 *
 * <p>A key's leading run of equal short values (a word count's "1"s) is a count beside the key,
 * not a log entry each: those pairs cost no log bytes and no regrouping. A key's values after its
 * first different (or long) one are logged in arrival order.
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
  // per distinct key, side by side: its offset in keyData, its length, the values of its leading
  // run (equal values of at most 8 bytes, held here: their count, length and bytes), then its
  // logged values: their count and their bytes in the log (4 + length each)
  private static final int OFF = 0;
  private static final int LEN = 1;
  private static final int RUN = 2;
  private static final int RUN_LEN = 3;
  private static final int RUN_HI = 4;
  private static final int RUN_LO = 5;
  private static final int LOGGED = 6;
  private static final int BYTES = 7;
  private static final int META = 8;
  /** Longest value a run holds beside its key. */
  private static final int RUN_MAX = 8;
  private int[] meta = new int[META << 10];
  private int keys;
  // open addressing, two longs a slot: the key's hash << 32 | (key index + 1), 0 = free; then the
  // key's word (see word()), so that most hits are settled without touching meta or keyData
  private long[] table = new long[2 << 11];
  // the logged pairs in arrival order: key index (4 bytes), value length (4 bytes), value bytes
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

  /** Bytes in use: the keys, the logged pairs (twice: visit regroups them), the index entries. */
  long bytesUsed() {
    return keyUsed + 2L * logUsed + (4L * META + 16) * keys + 8L * table.length;
  }

  /** Adds a pair; the bytes are copied. */
  void add(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) {
    int h = hash(k, kOff, kLen);
    long tag = (long) h << 32;
    long word = word(k, kOff, kLen);
    int mask = (table.length >>> 1) - 1;
    int slot = h & mask;
    int m;
    while (true) {
      long e = table[slot << 1];
      if (e == 0) {
        int key = newKey(k, kOff, kLen);
        table[slot << 1] = tag | (key + 1);
        table[(slot << 1) + 1] = word;
        if (keys * 4 > table.length) {
          rehash();
        }
        m = key * META;
        break;
      }
      if ((e & 0xffffffff00000000L) == tag && table[(slot << 1) + 1] == word) {
        int c = ((int) e - 1) * META;
        if (word != LONG_KEY) {
          m = c; // the word holds the whole key
          break;
        }
        int off = meta[c + OFF];
        if (Arrays.equals(keyData, off, off + meta[c + LEN], k, kOff, kOff + kLen)) {
          m = c;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    pairs++;
    if (vLen <= RUN_MAX && meta[m + LOGGED] == 0) {
      long val = pack(v, vOff, vLen);
      int hi = (int) (val >>> 32);
      int lo = (int) val;
      if (meta[m + RUN] == 0) { // the key's first value starts its run
        meta[m + RUN] = 1;
        meta[m + RUN_LEN] = vLen;
        meta[m + RUN_HI] = hi;
        meta[m + RUN_LO] = lo;
        return;
      }
      if (meta[m + RUN_LEN] == vLen && meta[m + RUN_HI] == hi && meta[m + RUN_LO] == lo) {
        meta[m + RUN]++;
        return;
      }
    }
    meta[m + LOGGED]++;
    meta[m + BYTES] += 4 + vLen;
    if (logUsed + 8 + vLen > log.length) {
      log = grow(log, logUsed + 8 + vLen);
    }
    putInt(log, logUsed, m / META);
    putInt(log, logUsed + 4, vLen);
    System.arraycopy(v, vOff, log, logUsed + 8, vLen);
    logUsed += 8 + vLen;
  }

  /** A value of at most 8 bytes as one long, big-endian, zero-padded (its length apart). */
  private static long pack(byte[] v, int off, int len) {
    long w = 0;
    for (int i = 0; i < len; i++) {
      w = w << 8 | (v[off + i] & 0xff);
    }
    return len == 0 ? 0 : w << (8 * (8 - len));
  }

  private int newKey(byte[] k, int kOff, int kLen) {
    if ((keys + 1) * META > meta.length) {
      meta = Arrays.copyOf(meta, meta.length * 2);
    }
    if (keyUsed + kLen > keyData.length) {
      keyData = grow(keyData, keyUsed + kLen);
    }
    System.arraycopy(k, kOff, keyData, keyUsed, kLen);
    int key = keys++;
    int m = key * META;
    Arrays.fill(meta, m, m + META, 0);
    meta[m + OFF] = keyUsed;
    meta[m + LEN] = kLen;
    meta[m + RUN_LEN] = -1;
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

  /** The word of a key that does not fit in one: its bytes are compared in keyData. */
  private static final long LONG_KEY = 0xff;

  /**
   * A key of up to 7 bytes as one long: its bytes big-endian in the top 7 bytes, zero-padded, and
   * its length in the lowest, so equal words mean equal keys; any longer key is {@link
   * #LONG_KEY}, which no short key's word equals.
   */
  static long word(byte[] k, int off, int len) {
    if (len > 7) {
      return LONG_KEY;
    }
    long w = 0;
    for (int i = 0; i < len; i++) {
      w = w << 8 | (k[off + i] & 0xff);
    }
    return w << (8 * (8 - len)) | len;
  }

  private void rehash() {
    long[] t = new long[table.length * 2];
    int mask = (t.length >>> 1) - 1;
    for (int i = 0; i < table.length; i += 2) {
      long e = table[i];
      if (e != 0) {
        int slot = (int) (e >>> 32) & mask;
        while (t[slot << 1] != 0) {
          slot = (slot + 1) & mask;
        }
        t[slot << 1] = e;
        t[(slot << 1) + 1] = table[i + 1];
      }
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
   * Every pair, keys in unsigned byte order (a prefix first), each key's values in arrival order:
   * its run, then its logged values. The distinct keys are sorted; the logged values are regrouped
   * by a counting sort.
   */
  void visit(Visitor visitor) throws IOException {
    int[] order = sortedKeys();
    // where each key's logged values start in the regrouped buffer, in key order
    int[] at = new int[keys];
    int total = 0;
    for (int key : order) {
      at[key] = total;
      total += meta[key * META + BYTES];
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
    byte[] run = new byte[RUN_MAX];
    int p = 0;
    for (int key : order) {
      int m = key * META;
      int off = meta[m + OFF];
      int len = meta[m + LEN];
      int runLen = meta[m + RUN_LEN];
      if (meta[m + RUN] > 0) {
        putInt(run, 0, meta[m + RUN_HI]);
        putInt(run, 4, meta[m + RUN_LO]);
      }
      for (int i = meta[m + RUN]; i > 0; i--) {
        visitor.pair(keyData, off, len, run, 0, runLen);
      }
      for (int i = meta[m + LOGGED]; i > 0; i--) {
        int vLen = getInt(sorted, p);
        visitor.pair(keyData, off, len, sorted, p + 4, vLen);
        p += 4 + vLen;
      }
    }
  }

  /**
   * The key indexes in key order: a merge sort of the keys' 8-byte prefixes (a primitive
   * comparison, no key bytes touched) that compares the keys themselves only on equal prefixes.
   */
  private int[] sortedKeys() {
    long[] prefix = new long[keys];
    int[] order = new int[keys];
    for (int i = 0; i < keys; i++) {
      prefix[i] = TextKeyPrefix.of(keyData, meta[i * META + OFF], meta[i * META + LEN]);
      order[i] = i;
    }
    mergeSort(prefix, order, prefix.clone(), order.clone(), 0, keys);
    return order;
  }

  /**
   * Sorts {@code p[from, to)} and {@code o} with it, by prefix then key; {@code sp} and
   * {@code so} hold the same entries on entry and are scratch. The recursion halves the range
   * (depth at most 31) and every loop advances: it ends on any input.
   */
  private void mergeSort(long[] p, int[] o, long[] sp, int[] so, int from, int to) {
    int n = to - from;
    if (n <= 16) {
      for (int i = from + 1; i < to; i++) {
        long pi = p[i];
        int oi = o[i];
        int j = i - 1;
        while (j >= from && compare(p[j], o[j], pi, oi) > 0) {
          p[j + 1] = p[j];
          o[j + 1] = o[j];
          j--;
        }
        p[j + 1] = pi;
        o[j + 1] = oi;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    // sort both halves into the scratch arrays, then merge them back
    mergeSort(sp, so, p, o, from, mid);
    mergeSort(sp, so, p, o, mid, to);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(sp[i], so[i], sp[j], so[j]) <= 0)) {
        p[k] = sp[i];
        o[k] = so[i++];
      } else {
        p[k] = sp[j];
        o[k] = so[j++];
      }
    }
  }

  private int compare(long pa, int a, long pb, int b) {
    int c = Long.compare(pa, pb);
    if (c != 0) {
      return c;
    }
    int ma = a * META;
    int mb = b * META;
    int offA = meta[ma + OFF];
    int offB = meta[mb + OFF];
    return Arrays.compareUnsigned(keyData, offA, offA + meta[ma + LEN], keyData, offB,
        offB + meta[mb + LEN]);
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
