package io.drover.jobs.sql.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Plan.SortKey;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Range partitioning on the order-preserving key bytes: a key equal to a split point goes above
 * it, one just below stays below; NULLs go where their order puts them; repeated sample keys
 * (ties) give fewer split points, never an out-of-order partition; the split points survive the
 * configuration.
 */
class RangePartitionerTest {
  static final Expr K = new Expr.ColumnRef("t", "k", DataType.BIGINT, false);

  static SortKeyCodec codec(boolean ascending, boolean nullsFirst) {
    return Keys.sortCodec(List.of(new SortKey(K, ascending, nullsFirst)));
  }

  static byte[] key(SortKeyCodec c, Long v) {
    return c.encode(new Object[] {v});
  }

  static List<byte[]> sample(SortKeyCodec c, long... values) {
    List<byte[]> out = new ArrayList<>();
    for (long v : values) {
      out.add(key(c, v));
    }
    out.sort((x, y) -> org.apache.hadoop.io.WritableComparator.compareBytes(x, 0, x.length, y, 0,
        y.length));
    return out;
  }

  static int part(RangePartitioner p, SortKeyCodec c, Long v, int parts) {
    byte[] k = key(c, v);
    BytesKey b = new BytesKey();
    b.set(k, 0, k.length);
    return p.getPartition(b, b, parts);
  }

  static RangePartitioner partitioner(List<byte[]> splits) {
    Configuration conf = new Configuration(false);
    conf.set(RangePartitioner.SPLITS, RangePartitioner.encode(splits));
    RangePartitioner p = new RangePartitioner();
    p.setConf(conf);
    return p;
  }

  @Test
  void keysAtAndAroundSplitPoints() {
    SortKeyCodec c = codec(true, true);
    // 100 keys 0..99, 4 parts: split points at the 25th, 50th, 75th keys
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i;
    }
    List<byte[]> splits = RangePartitioner.splitPoints(sample(c, values), 4);
    assertEquals(3, splits.size());
    RangePartitioner p = partitioner(splits);
    assertEquals(0, part(p, c, Long.MIN_VALUE, 4));
    assertEquals(0, part(p, c, -1L, 4));
    assertEquals(0, part(p, c, 24L, 4));
    assertEquals(1, part(p, c, 25L, 4)); // at a split point: above it
    assertEquals(1, part(p, c, 49L, 4));
    assertEquals(2, part(p, c, 50L, 4));
    assertEquals(2, part(p, c, 74L, 4));
    assertEquals(3, part(p, c, 75L, 4));
    assertEquals(3, part(p, c, Long.MAX_VALUE, 4));
    // NULLS FIRST: below every split point; NULLS LAST: above
    assertEquals(0, part(p, c, null, 4));
    SortKeyCodec last = codec(true, false);
    assertEquals(3, part(partitioner(RangePartitioner.splitPoints(sample(last, values), 4)),
        last, null, 4));
  }

  @Test
  void descendingKeysPartitionInTheirOrder() {
    SortKeyCodec c = codec(false, false);
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i;
    }
    RangePartitioner p = partitioner(RangePartitioner.splitPoints(sample(c, values), 4));
    assertEquals(0, part(p, c, 99L, 4));
    assertEquals(0, part(p, c, 75L, 4));
    assertEquals(1, part(p, c, 74L, 4));
    assertEquals(3, part(p, c, 0L, 4));
    assertEquals(3, part(p, c, null, 4)); // DESC NULLS LAST
    int prev = 0;
    for (long v = 120; v >= -20; v--) { // partitions never go down as the order goes on
      int now = part(p, c, v, 4);
      assertEquals(true, now >= prev, v + " in " + now + " after " + prev);
      prev = now;
    }
  }

  @Test
  void tiesGiveFewerSplitPointsAndOneHomePerKey() {
    SortKeyCodec c = codec(true, true);
    // 90 sevens and 10 eights: the quantiles all fall on 7, so one split point (7); a tied
    // key has one home however many rows share it
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i < 90 ? 7 : 8;
    }
    List<byte[]> splits = RangePartitioner.splitPoints(sample(c, values), 4);
    assertEquals(1, splits.size());
    RangePartitioner p = partitioner(splits);
    assertEquals(0, part(p, c, 6L, 4));
    assertEquals(1, part(p, c, 7L, 4));
    assertEquals(1, part(p, c, 8L, 4));
    assertEquals(1, part(p, c, 9L, 4));
    // a one-value sample: that value is the one split point, and all its rows share partition 1
    List<byte[]> one = RangePartitioner.splitPoints(sample(c, 5, 5, 5, 5), 4);
    assertEquals(1, one.size());
    assertEquals(1, part(partitioner(one), c, 5L, 4));
    assertEquals(0, part(partitioner(one), c, 4L, 4));
    // no split points (an empty sample): everything in partition 0
    assertEquals(0, RangePartitioner.splitPoints(List.of(), 4).size());
    assertEquals(0, part(partitioner(List.of()), c, 5L, 4));
    // more split points than partitions (a sample for 4 read by 2): clamped to the last
    assertEquals(1, part(partitioner(RangePartitioner.splitPoints(sample(c, 1, 2, 3, 4), 4)),
        c, 4L, 2));
  }
}
