package io.drover.jobs.pagerank.model;

import java.math.BigDecimal;

/**
 * What one reducer of a PageRank job saw, one line in its {@code _stats} file: vertices, edges
 * (their out-edges), dangling vertices (no out-edge), and the exact sums of the new ranks, of their
 * L1 change and of the dangling vertices' ranks. Partials add exactly ({@link #plus}), so the
 * totals do not depend on the number of reducers or their order.
 */
public record StepStats(
    long vertices,
    long edges,
    long dangling,
    BigDecimal rankSum,
    BigDecimal change,
    BigDecimal danglingMass) {

  public static final StepStats ZERO =
      new StepStats(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  public StepStats plus(StepStats o) {
    return new StepStats(
        vertices + o.vertices,
        edges + o.edges,
        dangling + o.dangling,
        rankSum.add(o.rankSum),
        change.add(o.change),
        danglingMass.add(o.danglingMass));
  }

  /** Tab-separated, the sums as exact decimals. */
  public String format() {
    return vertices
        + "\t"
        + edges
        + "\t"
        + dangling
        + "\t"
        + rankSum.toPlainString()
        + "\t"
        + change.toPlainString()
        + "\t"
        + danglingMass.toPlainString();
  }

  /** Parses {@link #format}'s line; {@code where} names the file in the message. */
  public static StepStats parse(String line, String where) {
    String[] f = line.strip().split("\t");
    try {
      if (f.length != 6) {
        throw new NumberFormatException(f.length + " fields, expected 6");
      }
      return new StepStats(
          Long.parseLong(f[0]),
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          new BigDecimal(f[3]),
          new BigDecimal(f[4]),
          new BigDecimal(f[5]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "unreadable PageRank stats in " + where + ": " + e.getMessage());
    }
  }
}
