package io.drover.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Random;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.IndexedSortable;
import org.apache.hadoop.util.QuickSort;
import org.junit.jupiter.api.Test;

/**
 * The oracle is Hadoop's own sort of its map output buffer: its QuickSort over the buffer, with
 * the buffer's comparison (partitions, then Text.Comparator on the serialized keys) and swap (the
 * records' 4 metadata ints), written here as MapTask.MapOutputBuffer has them. SpillSort must
 * leave the metadata in exactly that order, ties included.
 */
class SpillSortTest {
  private static final int NMETA = SpillSort.NMETA;

  /** A buffer of serialized records and their metadata, Hadoop's layout. */
  private static final class Buffer {
    final byte[] data;
    final int maxRec;
    final int[] meta;

    Buffer(byte[] data, int maxRec, int[] meta) {
      this.data = data;
      this.maxRec = maxRec;
      this.meta = meta;
    }

    /** Hadoop's kvmeta: an int view in the machine's byte order. */
    IntBuffer kvmeta(int[] ints) {
      ByteBuffer b = ByteBuffer.allocate(ints.length * 4).order(ByteOrder.nativeOrder());
      IntBuffer v = b.asIntBuffer();
      v.put(ints);
      return v;
    }

    int[] ints(IntBuffer v) {
      int[] out = new int[v.capacity()];
      v.get(0, out);
      return out;
    }
  }

  /** Hadoop's MapOutputBuffer.compare and swap on the metadata. */
  private static IndexedSortable hadoops(IntBuffer kvmeta, byte[] data, int maxRec) {
    Text.Comparator cmp = new Text.Comparator();
    return new IndexedSortable() {
      @Override
      public int compare(int mi, int mj) {
        int kvi = (mi % maxRec) * NMETA;
        int kvj = (mj % maxRec) * NMETA;
        int kvip = kvmeta.get(kvi + SpillSort.PARTITION);
        int kvjp = kvmeta.get(kvj + SpillSort.PARTITION);
        if (kvip != kvjp) {
          return kvip - kvjp;
        }
        return cmp.compare(data, kvmeta.get(kvi + SpillSort.KEYSTART),
            kvmeta.get(kvi + SpillSort.VALSTART) - kvmeta.get(kvi + SpillSort.KEYSTART),
            data, kvmeta.get(kvj + SpillSort.KEYSTART),
            kvmeta.get(kvj + SpillSort.VALSTART) - kvmeta.get(kvj + SpillSort.KEYSTART));
      }

      @Override
      public void swap(int mi, int mj) {
        int i = (mi % maxRec) * NMETA;
        int j = (mj % maxRec) * NMETA;
        for (int x = 0; x < NMETA; x++) {
          int t = kvmeta.get(i + x);
          kvmeta.put(i + x, kvmeta.get(j + x));
          kvmeta.put(j + x, t);
        }
      }
    };
  }

  /**
   * {@code n} records with keys from {@code keys}, at metadata positions {@code [from, from + n)}
   * modulo {@code maxRec}; each value is the record's number, so that ties show.
   */
  private static Buffer buffer(Random r, int n, int maxRec, int from, int partitions,
      KeyMaker keys) throws Exception {
    DataOutputBuffer out = new DataOutputBuffer();
    out.write(new byte[r.nextInt(5)]); // keys at odd offsets
    int[] meta = new int[maxRec * NMETA];
    for (int i = 0; i < n; i++) {
      int m = ((from + i) % maxRec) * NMETA;
      meta[m + SpillSort.KEYSTART] = out.getLength();
      new Text(keys.key(r)).write(out);
      meta[m + SpillSort.VALSTART] = out.getLength();
      new Text(Integer.toString(i)).write(out);
      meta[m + SpillSort.VALLEN] = out.getLength() - meta[m + SpillSort.VALSTART];
      meta[m + SpillSort.PARTITION] = r.nextInt(partitions);
    }
    out.write(new byte[8]);
    return new Buffer(out.getData(), maxRec, meta);
  }

  interface KeyMaker {
    byte[] key(Random r);
  }

  /** Keys over few byte values (0, 0x80, 0xff, letters), sharing long prefixes, some long. */
  private static byte[] adversarial(Random r) {
    int shared = r.nextInt(4) == 0 ? r.nextInt(20) : r.nextInt(3) * 8;
    int tail = r.nextInt(5);
    int len = r.nextInt(20) == 0 ? 120 + r.nextInt(20) : shared + tail; // 128+: a 2-byte header
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      if (i < shared) {
        b[i] = 'w';
      } else {
        int x = r.nextInt(5);
        b[i] = (byte) (x == 0 ? 0 : x == 1 ? 0xff : x == 2 ? 0x80 : 'a' + x);
      }
    }
    return b;
  }

  private static void sameAsHadoops(Buffer b, int from, int n) {
    IntBuffer expected = b.kvmeta(b.meta);
    new QuickSort().sort(hadoops(expected, b.data, b.maxRec), from, from + n);
    IntBuffer actual = b.kvmeta(b.meta);
    new SpillSort().sort(actual, b.data, b.maxRec, from, from + n, null);
    assertArrayEquals(b.ints(expected), b.ints(actual));
  }

  @Test
  void ordersRecordsExactlyAsHadoopsSortTiesIncluded() throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(6000);
      int maxRec = n + r.nextInt(3000);
      int from = r.nextInt(maxRec); // often wraps past the end of the metadata
      Buffer b = buffer(r, n, maxRec, from, 1 + r.nextInt(4), SpillSortTest::adversarial);
      sameAsHadoops(b, from, n);
    }
  }

  @Test
  void manyEqualKeysAndAllEqualKeys() throws Exception {
    Random r = new Random(3);
    byte[][] few = {new byte[0], {0}, {0, 0}, "wwwwwwwwwwwwwwwwwwwwa".getBytes(),
        "wwwwwwwwwwwwwwwwwwww".getBytes(), "wwwwwwwwwwwwwwwwwwwwa\0".getBytes()};
    Buffer b = buffer(r, 20_000, 20_000, 0, 2, x -> few[x.nextInt(few.length)]);
    sameAsHadoops(b, 0, 20_000);
    Buffer same = buffer(r, 5_000, 7_000, 6_000, 1, x -> "same key".getBytes());
    sameAsHadoops(same, 6_000, 5_000);
  }

  @Test
  void gutenbergLikeLinesSortInTextOrder() throws Exception {
    // lines as a cat mapper gives them: keys to the first tab, many sharing 8 or 16 bytes
    String[] starts = {"", "        ", "                ", "the ", "CHAPTER ", "\"I "};
    Random r = new Random(9);
    Buffer b = buffer(r, 30_000, 40_000, 25_000, 3, x -> {
      StringBuilder s = new StringBuilder(starts[x.nextInt(starts.length)]);
      for (int i = x.nextInt(30); i > 0; i--) {
        s.append((char) ('a' + x.nextInt(3)));
      }
      return s.toString().getBytes();
    });
    sameAsHadoops(b, 25_000, 30_000);
    // and the result is sorted: partitions, then keys
    IntBuffer v = b.kvmeta(b.meta);
    new SpillSort().sort(v, b.data, b.maxRec, 25_000, 55_000, null);
    IndexedSortable h = hadoops(v, b.data, b.maxRec);
    for (int i = 25_000; i < 55_000 - 1; i++) {
      assertTrue(h.compare(i, i + 1) <= 0, "out of order at " + i);
    }
  }
}
