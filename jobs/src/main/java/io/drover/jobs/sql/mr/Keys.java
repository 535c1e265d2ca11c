package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Plan.SortKey;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.util.List;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The shuffle keys of SQL stages, all in {@link SortKeyCodec}'s order-preserving bytes so that
 * the shuffle sorts and groups them with plain byte comparisons: group and join keys ascending
 * with NULLs first; a repartition join's key is followed by one tag byte (0 for the buffered
 * side, so it arrives first), which the join's grouping comparator and partitioner ignore.
 */
public final class Keys {
  private Keys() {}

  static SortKeyCodec groupCodec(List<Expr> keys) {
    return plain(keys);
  }

  static SortKeyCodec joinCodec(List<Expr> keys) {
    return plain(keys);
  }

  private static SortKeyCodec plain(List<Expr> keys) {
    boolean[] asc = new boolean[keys.size()];
    boolean[] nullsFirst = new boolean[keys.size()];
    java.util.Arrays.fill(asc, true);
    java.util.Arrays.fill(nullsFirst, true);
    return new SortKeyCodec(keys.stream().map(Expr::type).toList(), asc, nullsFirst);
  }

  static SortKeyCodec sortCodec(List<SortKey> keys) {
    return SortKeyCodec.ordering(keys);
  }

  /** Groups a join's keys without their tag byte. */
  public static final class JoinGrouping extends WritableComparator {
    public JoinGrouping() {
      super(BytesKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int n1 = WritableUtils.decodeVIntSize(b1[s1]);
      int n2 = WritableUtils.decodeVIntSize(b2[s2]);
      return compareBytes(b1, s1 + n1, l1 - n1 - 1, b2, s2 + n2, l2 - n2 - 1);
    }

    /** The same order on keys as objects (MRUnit's shuffle groups with this form). */
    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      BytesKey x = (BytesKey) a;
      BytesKey y = (BytesKey) b;
      return compareBytes(x.bytes(), 0, x.length() - 1, y.bytes(), 0, y.length() - 1);
    }
  }

  /** Partitions a join's keys by their bytes without the tag byte. */
  public static final class JoinPartitioner extends Partitioner<BytesKey, BytesKey> {
    @Override
    public int getPartition(BytesKey key, BytesKey value, int parts) {
      return (SortKeyCodec.hash(key.bytes(), 0, key.length() - 1) & Integer.MAX_VALUE) % parts;
    }
  }

  /** Partitions group keys by their bytes (stable across JVMs, unlike Object hashes). */
  public static final class GroupPartitioner extends Partitioner<BytesKey, BytesKey> {
    @Override
    public int getPartition(BytesKey key, BytesKey value, int parts) {
      return (SortKeyCodec.hash(key.bytes(), 0, key.length()) & Integer.MAX_VALUE) % parts;
    }
  }
}
