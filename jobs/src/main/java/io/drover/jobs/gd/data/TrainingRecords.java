package io.drover.jobs.gd.data;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The binary training set's record layout, big-endian: label (double), nnz (int), then nnz pairs of
 * index (int, 0-based) and value (double). A file is records back to back; a reader takes the whole
 * file in one read and walks the buffer.
 */
public final class TrainingRecords {
  private TrainingRecords() {}

  public static void write(DataOutput out, Example e) throws IOException {
    out.writeDouble(e.label());
    out.writeInt(e.indices().length);
    for (int k = 0; k < e.indices().length; k++) {
      out.writeInt(e.indices()[k]);
      out.writeDouble(e.values()[k]);
    }
  }

  public static int size(Example e) {
    return 12 + 12 * e.indices().length;
  }

  /** Receives records decoded from a buffer, without allocating per record. */
  public interface Visitor {
    /** Features are {@code idx[0..nnz)} and {@code val[0..nnz)}; the arrays are reused. */
    void record(double label, int nnz, int[] idx, double[] val);
  }

  /** Collects the start offset of every record of {@code buf} (position to limit). */
  public static void offsets(ByteBuffer buf, java.util.List<Integer> out) {
    while (buf.hasRemaining()) {
      out.add(buf.position());
      buf.position(buf.position() + 8);
      int nnz = buf.getInt();
      buf.position(buf.position() + 12 * nnz);
    }
  }

  /** Decodes the one record at {@code buf}'s position. */
  public static void forOne(ByteBuffer buf, Visitor v) {
    double label = buf.getDouble();
    int nnz = buf.getInt();
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    for (int k = 0; k < nnz; k++) {
      idx[k] = buf.getInt();
      val[k] = buf.getDouble();
    }
    v.record(label, nnz, idx, val);
  }

  /** Decodes every record of {@code buf} (from its position to its limit); returns the count. */
  public static long forEach(ByteBuffer buf, Visitor v) {
    int[] idx = new int[64];
    double[] val = new double[64];
    long n = 0;
    while (buf.hasRemaining()) {
      double label = buf.getDouble();
      int nnz = buf.getInt();
      if (nnz > idx.length) {
        idx = new int[Math.max(nnz, 2 * idx.length)];
        val = new double[idx.length];
      }
      for (int k = 0; k < nnz; k++) {
        idx[k] = buf.getInt();
        val[k] = buf.getDouble();
      }
      v.record(label, nnz, idx, val);
      n++;
    }
    return n;
  }
}
