package io.drover.jobs.pagerank.model;

import java.nio.charset.StandardCharsets;

/**
 * One vertex of the rank dataset, one line: {@code vertex<TAB>rank} followed by {@code <TAB>dst}
 * for each out-edge (duplicates and self-loops kept). The initial dataset leaves the rank empty:
 * {@code 1/N}. Ranks are written with {@link Double#toString}, which reads back to the same bits.
 */
public final class StateLine {
  /** Where the parts of the last parsed line are. */
  private int nameEnd;

  private int rankEnd;
  private int outDegree;
  private int length;

  /** Parses {@code b[0..len)}; {@code offset}, the line's byte offset, goes into the message. */
  public void parse(byte[] b, int len, long offset) {
    length = len;
    nameEnd = indexOf(b, 0, len);
    if (nameEnd <= 0) {
      throw new IllegalArgumentException(
          "not a PageRank state line (no vertex<TAB>rank) at byte " + offset);
    }
    rankEnd = indexOf(b, nameEnd + 1, len);
    if (rankEnd < 0) {
      rankEnd = len;
    }
    int d = 0;
    for (int i = rankEnd; i < len; i++) {
      if (b[i] == '\t') {
        d++;
      }
    }
    outDegree = d;
  }

  private static int indexOf(byte[] b, int from, int len) {
    for (int i = from; i < len; i++) {
      if (b[i] == '\t') {
        return i;
      }
    }
    return -1;
  }

  /** The vertex name is {@code b[0..nameEnd())}. */
  public int nameEnd() {
    return nameEnd;
  }

  /** The out-edges are {@code b[adjacencyStart()..length)}, each as TAB and name. */
  public int adjacencyStart() {
    return rankEnd;
  }

  public int outDegree() {
    return outDegree;
  }

  /** The rank, or {@code 1/n} when the field is empty (the initial state). */
  public double rank(byte[] b, long n) {
    if (rankEnd == nameEnd + 1) {
      return RankMath.initial(n);
    }
    return Double.parseDouble(
        new String(b, nameEnd + 1, rankEnd - nameEnd - 1, StandardCharsets.US_ASCII));
  }

  /** Calls {@code each} with the start and end of every out-edge's name, in line order. */
  public void forEachEdge(byte[] b, EdgeRange each)
      throws java.io.IOException, InterruptedException {
    int start = rankEnd + 1;
    for (int i = start; i <= length; i++) {
      if (i == length || b[i] == '\t') {
        each.accept(start, i);
        start = i + 1;
      }
    }
  }

  /** An out-edge's name as a byte range. */
  public interface EdgeRange {
    void accept(int start, int end) throws java.io.IOException, InterruptedException;
  }
}
