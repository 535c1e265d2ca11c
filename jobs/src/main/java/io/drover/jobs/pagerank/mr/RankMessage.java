package io.drover.jobs.pagerank.mr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * What reaches a vertex in a rank job: a share of a neighbour's rank, or the vertex's own line (its
 * old rank, out-degree and out-edges as the state line's bytes from the TAB after the rank).
 */
public final class RankMessage implements Writable {
  private boolean node;
  private double value;
  private int outDegree;
  private byte[] edges = new byte[0];
  private int edgesLength;

  public RankMessage() {}

  public RankMessage share(double v) {
    node = false;
    value = v;
    outDegree = 0;
    edgesLength = 0;
    return this;
  }

  public RankMessage node(double rank, int degree, byte[] b, int from, int to) {
    node = true;
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
    return node;
  }

  /** The share, or the node's old rank. */
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
    out.writeBoolean(node);
    out.writeDouble(value);
    if (node) {
      WritableUtils.writeVInt(out, outDegree);
      WritableUtils.writeVInt(out, edgesLength);
      out.write(edges, 0, edgesLength);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    node = in.readBoolean();
    value = in.readDouble();
    if (node) {
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
    return node
        ? "node rank=" + value + " degree=" + outDegree + " edges=" + edgesLength + " bytes"
        : "share " + value;
  }
}
