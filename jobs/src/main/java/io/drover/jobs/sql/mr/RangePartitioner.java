package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.BytesKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * ORDER BY over several reducers: keys below the first split point go to reducer 0, below the
 * second to reducer 1, and so on, so the part files in name order are in order (Hadoop's
 * TotalOrderPartitioner, on the order-preserving key bytes). The split points come from a sample
 * of the sort keys taken by the driver ({@link #SPLITS}).
 */
public class RangePartitioner extends Partitioner<BytesKey, BytesKey> implements Configurable {
  /** The split points: Base64 of (count, then length and bytes of each). */
  public static final String SPLITS = "drover.sql.sort.splits";

  private Configuration conf;
  private byte[][] splits = new byte[0][];

  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
    String s = conf.get(SPLITS);
    splits = s == null ? new byte[0][] : decode(s);
  }

  @Override
  public Configuration getConf() {
    return conf;
  }

  @Override
  public int getPartition(BytesKey key, BytesKey value, int parts) {
    return Math.min(parts - 1, partition(splits, key.bytes(), key.length()));
  }

  /** The number of split points not above {@code key} (binary search). */
  static int partition(byte[][] splits, byte[] key, int length) {
    int lo = 0;
    int hi = splits.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      byte[] s = splits[mid];
      if (WritableComparator.compareBytes(s, 0, s.length, key, 0, length) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * {@code parts - 1} split points from a sample of keys (sorted as unsigned bytes): the keys at
   * the i/parts quantiles, repeats dropped (fewer partitions get rows then, never a wrong order).
   */
  static List<byte[]> splitPoints(List<byte[]> sortedSample, int parts) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 1; i < parts && !sortedSample.isEmpty(); i++) {
      byte[] k = sortedSample.get((int) ((long) i * sortedSample.size() / parts));
      if (out.isEmpty() || WritableComparator.compareBytes(out.get(out.size() - 1), 0,
          out.get(out.size() - 1).length, k, 0, k.length) < 0) {
        out.add(k);
      }
    }
    return out;
  }

  static String encode(List<byte[]> splits) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeInt(splits.size());
      for (byte[] s : splits) {
        out.writeInt(s.length);
        out.write(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }

  static byte[][] decode(String s) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)))) {
      byte[][] out = new byte[in.readInt()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new byte[in.readInt()];
        in.readFully(out[i]);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
