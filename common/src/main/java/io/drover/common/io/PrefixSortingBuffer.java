package io.drover.common.io;

import io.drover.common.run.Jobs;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.IntBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.RawComparator;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.MapOutputCollector;
import org.apache.hadoop.mapred.MapTask;
import org.apache.hadoop.util.IndexedSortable;
import org.apache.hadoop.util.IndexedSorter;
import org.apache.hadoop.util.Progressable;
import org.apache.hadoop.util.QuickSort;

/**
 * Hadoop's map output buffer, whose sort of Text keys in Text's own order first compares each
 * record's partition and 8-byte key prefix ({@link TextKeyPrefix}) from two small arrays built
 * before the sort, and reads the keys in the 100 MB buffer only when both are equal. Hadoop's
 * compare reads both keys at random places in the buffer every time (cache misses, a VInt decode):
 * in a streaming {@code cat} job that was ~30% of the map side's time.
 *
 * <p>The sort itself stays Hadoop's {@link QuickSort} ({@link Sorter}), run on a view of those
 * arrays plus each position's record number, so that a swap moves array entries, not metadata in
 * the big buffer; the metadata is laid out in the sorted order once, at the end. Every comparison
 * gives the sign Hadoop's gives, so records come out in exactly the order, ties included, that
 * Hadoop's buffer gives them. Any other key class or comparator, or a Hadoop whose buffer lacks
 * the fields read here, gets Hadoop's buffer unchanged. Set with {@link #use}.
 */
public class PrefixSortingBuffer<K, V> extends MapTask.MapOutputBuffer<K, V> {
  /** Hadoop's keys naming the map output collector and the sort it runs on each spill. */
  static final String COLLECTOR = "mapreduce.job.map.output.collector.class";
  static final String SORTER = "map.sort.class";
  // Hadoop's layout of a record's metadata: 4 ints per record
  private static final int VALSTART = 0;
  private static final int KEYSTART = 1;
  private static final int PARTITION = 2;
  private static final int NMETA = 4;

  private IntBuffer kvmeta;
  private byte[] kvbuffer;
  private int maxRec;
  // while a sort runs (on the thread that spills), per position k in [0, n) of the records
  // [base, base + n): the partition, key prefix, key offset and length of the record there, and
  // which record it is
  private int base;
  private long[] prefix = new long[0];
  private int[] partition = new int[0];
  private int[] record = new int[0];
  private int[] keyStart = new int[0];
  private int[] keyLength = new int[0];

  /** Makes the job's map tasks use this buffer and its sort, unless the user chose others. */
  public static void use(Configuration conf) {
    Jobs.setDefault(conf, COLLECTOR, PrefixSortingBuffer.class.getName());
    Jobs.setDefault(conf, SORTER, Sorter.class.getName());
  }

  /** Whether the job's map output is sorted in Text's order: Text keys, Text's comparator. */
  public static boolean applies(JobConf job) {
    if (job.getMapOutputKeyClass() != Text.class) {
      return false;
    }
    RawComparator<?> c = job.getOutputKeyComparator();
    return c.getClass() == Text.Comparator.class || c.getClass() == TextKeyComparator.class;
  }

  @Override
  public void init(MapOutputCollector.Context context) throws IOException, ClassNotFoundException {
    super.init(context);
    if (!applies(context.getJobConf())) {
      return;
    }
    try {
      IntBuffer meta = (IntBuffer) field("kvmeta").get(this);
      byte[] buffer = (byte[]) field("kvbuffer").get(this);
      maxRec = meta.capacity() / NMETA;
      kvbuffer = buffer;
      kvmeta = meta;
    } catch (ReflectiveOperationException | RuntimeException e) {
      kvmeta = null; // another Hadoop: its own comparisons
    }
  }

  private static Field field(String name) throws NoSuchFieldException {
    Field f = MapTask.MapOutputBuffer.class.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /**
   * Reads the partitions and key prefixes of records {@code [from, to)} before they are sorted;
   * false when this buffer sorts as Hadoop's does.
   */
  private boolean prepare(int from, int to) {
    if (kvmeta == null) {
      return false;
    }
    int n = to - from;
    if (prefix.length < n) {
      prefix = new long[n];
      partition = new int[n];
      record = new int[n];
      keyStart = new int[n];
      keyLength = new int[n];
    }
    for (int i = 0; i < n; i++) {
      int m = ((from + i) % maxRec) * NMETA;
      int serialized = kvmeta.get(m + KEYSTART);
      int header = WritableUtils.decodeVIntSize(kvbuffer[serialized]);
      partition[i] = kvmeta.get(m + PARTITION);
      keyStart[i] = serialized + header;
      keyLength[i] = kvmeta.get(m + VALSTART) - serialized - header;
      prefix[i] = TextKeyPrefix.of(kvbuffer, keyStart[i], keyLength[i]);
      record[i] = i;
    }
    base = from;
    return true;
  }

  /**
   * The records being sorted, seen through the small arrays: a swap moves array entries instead
   * of a record's metadata in the 100 MB buffer, and a comparison reads key bytes only when
   * partitions and prefixes tie and both keys are longer than 8 bytes, and then Text's order
   * (unsigned bytes, then length) from the 9th byte on. Hadoop's QuickSort makes the same
   * comparisons and swaps on this view as on the buffer, so {@link #layOut} then gives the buffer
   * exactly the order it would have had.
   */
  private final IndexedSortable view = new IndexedSortable() {
    @Override
    public int compare(int a, int b) {
      if (partition[a] != partition[b]) {
        return partition[a] - partition[b]; // as Hadoop's
      }
      int c = Long.compare(prefix[a], prefix[b]);
      if (c != 0) {
        return c;
      }
      // equal prefixes: the keys agree on their first min(length, 8) bytes, and a shorter one's
      // missing bytes are the longer one's zeros; so up to 8 bytes, the shorter key comes first
      int la = keyLength[a];
      int lb = keyLength[b];
      if (la <= 8 || lb <= 8) {
        return la - lb;
      }
      return WritableComparator.compareBytes(
          kvbuffer, keyStart[a] + 8, la - 8, kvbuffer, keyStart[b] + 8, lb - 8);
    }

    @Override
    public void swap(int a, int b) {
      long p = prefix[a];
      prefix[a] = prefix[b];
      prefix[b] = p;
      int q = partition[a];
      partition[a] = partition[b];
      partition[b] = q;
      int r = record[a];
      record[a] = record[b];
      record[b] = r;
      r = keyStart[a];
      keyStart[a] = keyStart[b];
      keyStart[b] = r;
      r = keyLength[a];
      keyLength[a] = keyLength[b];
      keyLength[b] = r;
    }
  };

  /**
   * Moves the metadata of the {@code n} sorted records into their order: position {@code k}
   * gets that of record {@code record[k]}, one cycle of the permutation at a time, in place.
   */
  private void layOut(int n) {
    int[] held = new int[NMETA];
    for (int start = 0; start < n; start++) {
      if (record[start] < 0) {
        continue; // placed already
      }
      read(start, held);
      int k = start;
      while (true) {
        int from = record[k];
        record[k] = -1;
        if (from == start) {
          write(k, held);
          break;
        }
        copy(from, k);
        k = from;
      }
    }
  }

  private int metaOffset(int k) {
    return ((base + k) % maxRec) * NMETA;
  }

  private void read(int k, int[] into) {
    int m = metaOffset(k);
    for (int i = 0; i < NMETA; i++) {
      into[i] = kvmeta.get(m + i);
    }
  }

  private void write(int k, int[] from) {
    int m = metaOffset(k);
    for (int i = 0; i < NMETA; i++) {
      kvmeta.put(m + i, from[i]);
    }
  }

  private void copy(int from, int to) {
    int f = metaOffset(from);
    int t = metaOffset(to);
    for (int i = 0; i < NMETA; i++) {
      kvmeta.put(t + i, kvmeta.get(f + i));
    }
  }

  /** Hadoop's QuickSort, told the prefixes first when it sorts a {@link PrefixSortingBuffer}. */
  public static final class Sorter implements IndexedSorter {
    private final QuickSort quick = new QuickSort();

    @Override
    public void sort(IndexedSortable s, int l, int r) {
      sort(s, l, r, null);
    }

    @Override
    public void sort(IndexedSortable s, int l, int r, Progressable rep) {
      PrefixSortingBuffer<?, ?> b = s instanceof PrefixSortingBuffer
          ? (PrefixSortingBuffer<?, ?>) s : null;
      if (b == null || !b.prepare(l, r)) {
        quick.sort(s, l, r, rep);
        return;
      }
      quick.sort(b.view, 0, r - l, rep);
      b.layOut(r - l);
    }
  }
}
