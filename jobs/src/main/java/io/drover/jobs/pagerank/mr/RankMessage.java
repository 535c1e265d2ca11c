package io.drover.jobs.pagerank.mr;

import io.drover.jobs.pagerank.model.ExactSum;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * What reaches a vertex in a rank job: a share of a neighbour's rank, the exact sum of several
 * shares (the combiner's, {@code m * 2^e} as {@link ExactSum} holds it), or the vertex's own line
 * (its old rank, out-degree and out-edges as the state line's bytes from the TAB after the rank).
 */
public final class RankMessage implements Writable {
  private static final byte SHARE = 0;
  private static final byte NODE = 1;
  private static final byte PARTIAL = 2;

  private byte kind;
  private double value;
  private BigInteger mantissa = BigInteger.ZERO;
  private int exponent;
  private int outDegree;
  private byte[] edges = new byte[0];
  private int edgesLength;

  public RankMessage() {}

  public RankMessage share(double v) {
    kind = SHARE;
    value = v;
    outDegree = 0;
    edgesLength = 0;
    return this;
  }

  /** The exact sum of shares {@code sum} holds. */
  public RankMessage partial(ExactSum sum) {
    kind = PARTIAL;
    mantissa = sum.mantissa();
    exponent = sum.exponent();
    value = 0;
    outDegree = 0;
    edgesLength = 0;
    return this;
  }

  public RankMessage node(double rank, int degree, byte[] b, int from, int to) {
    kind = NODE;
    value = rank;
    outDegree = degree;
    edgesLength = to - from;
    if (edges.length < edgesLength) {
      edges = new byte[edgesLength];
    }
    System.arraycopy(b, from, edges, 0, edgesLength);
    return this;
  }

  public boolean isNode() {
    return kind == NODE;
  }

  /** A single share (not a combined sum, not a node line). */
  public boolean isShare() {
    return kind == SHARE;
  }

  /** Adds the share or the combined sum of shares to {@code sum}; a node line adds nothing. */
  public void addTo(ExactSum sum) {
    if (kind == SHARE) {
      sum.add(value);
    } else if (kind == PARTIAL) {
      sum.add(mantissa, exponent);
    }
  }

  /** The share, or the node's old rank (0 for a combined sum: see {@link #addTo}). */
  public double value() {
    return value;
  }

  public int outDegree() {
    return outDegree;
  }

  /** The node's out-edges ({@code <TAB>dst} each), valid up to {@link #edgesLength()}. */
  public byte[] edges() {
    return edges;
  }

  public int edgesLength() {
    return edgesLength;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeByte(kind);
    if (kind == PARTIAL) {
      WritableUtils.writeVInt(out, exponent);
      byte[] m = mantissa.toByteArray();
      WritableUtils.writeVInt(out, m.length);
      out.write(m);
      return;
    }
    out.writeDouble(value);
    if (kind == NODE) {
      WritableUtils.writeVInt(out, outDegree);
      WritableUtils.writeVInt(out, edgesLength);
      out.write(edges, 0, edgesLength);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    kind = in.readByte();
    if (kind == PARTIAL) {
      exponent = WritableUtils.readVInt(in);
      byte[] m = new byte[WritableUtils.readVInt(in)];
      in.readFully(m);
      mantissa = new BigInteger(m);
      value = 0;
      outDegree = 0;
      edgesLength = 0;
      return;
    }
    if (kind != SHARE && kind != NODE) {
      throw new IOException("not a pagerank message: kind " + kind);
    }
    value = in.readDouble();
    if (kind == NODE) {
      outDegree = WritableUtils.readVInt(in);
      edgesLength = WritableUtils.readVInt(in);
      if (edges.length < edgesLength) {
        edges = new byte[edgesLength];
      }
      in.readFully(edges, 0, edgesLength);
    } else {
      outDegree = 0;
      edgesLength = 0;
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NODE ->
          "node rank=" + value + " degree=" + outDegree + " edges=" + edgesLength + " bytes";
      case PARTIAL -> "partial " + mantissa + "*2^" + exponent;
      default -> "share " + value;
    };
  }
}
