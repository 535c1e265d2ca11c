package io.drover.common.io;

import java.nio.IntBuffer;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.util.IndexedSortable;
import org.apache.hadoop.util.QuickSort;
import org.apache.hadoop.util.Progressable;

/**
 * One spill's sort of Text keys in Hadoop's map output buffer, by partition and then key in
 * Text's order, giving the records exactly the order Hadoop's own sort gives them, ties included.
 *
 * <p>Hadoop's buffer sorts by running its {@link QuickSort} over the buffer itself: each
 * comparison reads two records' metadata and then both keys at random places in the 100 MB
 * buffer, each swap moves two records' metadata there. Here the records are first copied, in
 * one sequential pass, into a small array ({@link #rec}), 4 longs per record: the key's first
 * 8 bytes and its next 8 as two numbers ({@link TextKeyPrefix}), then the record's 4 metadata
 * ints. The same QuickSort runs on that array: a comparison reads key bytes only when two keys
 * share their first 16 bytes and are both longer, a swap moves 32 bytes, and the sorted metadata
 * is written back in one sequential pass. Every comparison has the sign Hadoop's has (partitions,
 * then Text's unsigned bytes, then length), and QuickSort's steps depend on those signs alone, so
 * it makes the same swaps and leaves the same order.
 */
final class SpillSort {
  // Hadoop's layout of a record's metadata (MapTask.MapOutputBuffer): 4 ints per record
  static final int VALSTART = 0;
  static final int KEYSTART = 1;
  static final int PARTITION = 2;
  static final int VALLEN = 3;
  static final int NMETA = 4;
  // per record in rec: prefix of bytes [0, 8), prefix of bytes [8, 16), KEYSTART << 32 | VALSTART,
  // PARTITION << 32 | VALLEN
  private static final int STRIDE = 4;
  // records per bulk copy between the buffer's metadata and rec
  private static final int CHUNK = 1024;

  private final QuickSort quick = new QuickSort();
  private final int[] chunk = new int[CHUNK * NMETA];
  private long[] rec = new long[0];
  private byte[] keys;

  /**
   * Sorts records {@code [from, to)} of a buffer whose metadata {@code kvmeta} holds
   * {@code maxRec} records (record {@code i} at {@code (i % maxRec) * 4}) and whose keys are
   * serialized Texts in {@code kvbuffer}, as Hadoop's buffer sorts itself with QuickSort.
   */
  void sort(IntBuffer kvmeta, byte[] kvbuffer, int maxRec, int from, int to, Progressable rep) {
    int n = to - from;
    if (n <= 0) {
      return;
    }
    if (rec.length < n * STRIDE) {
      rec = new long[n * STRIDE];
    }
    keys = kvbuffer;
    load(kvmeta, maxRec, from, n);
    quick.sort(view, 0, n, rep);
    store(kvmeta, maxRec, from, n);
  }

  private void load(IntBuffer kvmeta, int maxRec, int from, int n) {
    for (int k = 0, len; k < n; k += len) {
      int at = (from + k) % maxRec;
      len = chunkLength(at, n - k, maxRec);
      kvmeta.get(at * NMETA, chunk, 0, len * NMETA);
      for (int c = 0; c < len; c++) {
        int m = c * NMETA;
        int valStart = chunk[m + VALSTART];
        int keyStart = chunk[m + KEYSTART];
        int key = keyStart + WritableUtils.decodeVIntSize(keys[keyStart]);
        int keyLength = valStart - key;
        int r = (k + c) * STRIDE;
        rec[r] = TextKeyPrefix.of(keys, key, keyLength);
        rec[r + 1] = keyLength > 8 ? TextKeyPrefix.of(keys, key + 8, keyLength - 8) : 0;
        rec[r + 2] = (long) keyStart << 32 | (valStart & 0xffffffffL);
        rec[r + 3] = (long) chunk[m + PARTITION] << 32 | (chunk[m + VALLEN] & 0xffffffffL);
      }
    }
  }

  private void store(IntBuffer kvmeta, int maxRec, int from, int n) {
    for (int k = 0, len; k < n; k += len) {
      int at = (from + k) % maxRec;
      len = chunkLength(at, n - k, maxRec);
      for (int c = 0; c < len; c++) {
        int m = c * NMETA;
        int r = (k + c) * STRIDE;
        chunk[m + VALSTART] = (int) rec[r + 2];
        chunk[m + KEYSTART] = (int) (rec[r + 2] >>> 32);
        chunk[m + PARTITION] = (int) (rec[r + 3] >>> 32);
        chunk[m + VALLEN] = (int) rec[r + 3];
      }
      kvmeta.put(at * NMETA, chunk, 0, len * NMETA);
    }
  }

  /**
   * How many records one bulk copy takes from metadata position {@code at}, {@code left} still to
   * go: at most a chunk, and none past the end of the circular metadata.
   */
  private static int chunkLength(int at, int left, int maxRec) {
    return Math.min(Math.min(CHUNK, left), maxRec - at);
  }

  /** The records as QuickSort sees them: positions in {@link #rec}. */
  private final IndexedSortable view = new IndexedSortable() {
    @Override
    public int compare(int a, int b) {
      long[] r = rec;
      int i = a * STRIDE;
      int j = b * STRIDE;
      int pa = (int) (r[i + 3] >>> 32);
      int pb = (int) (r[j + 3] >>> 32);
      if (pa != pb) {
        return pa - pb; // as Hadoop's
      }
      int c = Long.compare(r[i], r[j]);
      if (c != 0) {
        return c;
      }
      // equal prefixes: the keys agree on their first min(length, 8) bytes, and a shorter one's
      // missing bytes are the longer one's zeros there; so when one has at most 8 bytes, the
      // shorter comes first. The serialized lengths (VALSTART - KEYSTART) order as the keys'
      // lengths do (a longer key never has a shorter length header), and a key of at most 127
      // bytes has a 1-byte header: at most 8 bytes is a serialized length of at most 9
      long ma = r[i + 2];
      long mb = r[j + 2];
      int sa = (int) (ma >>> 32);
      int sb = (int) (mb >>> 32);
      int la = (int) ma - sa;
      int lb = (int) mb - sb;
      if (la <= 9 || lb <= 9) {
        return la - lb;
      }
      c = Long.compare(r[i + 1], r[j + 1]);
      if (c != 0) {
        return c;
      }
      if (la <= 17 || lb <= 17) {
        return la - lb; // the same on bytes [8, 16)
      }
      byte[] k = keys;
      int ha = WritableUtils.decodeVIntSize(k[sa]);
      int hb = WritableUtils.decodeVIntSize(k[sb]);
      return WritableComparator.compareBytes(
          k, sa + ha + 16, la - ha - 16, k, sb + hb + 16, lb - hb - 16);
    }

    @Override
    public void swap(int a, int b) {
      long[] r = rec;
      int i = a * STRIDE;
      int j = b * STRIDE;
      for (int x = 0; x < STRIDE; x++) {
        long t = r[i + x];
        r[i + x] = r[j + x];
        r[j + x] = t;
      }
    }
  };
}
