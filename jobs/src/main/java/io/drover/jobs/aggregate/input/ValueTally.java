package io.drover.jobs.aggregate.input;

/**
 * Per column: how many non-empty values were read, how many of them did not convert to the
 * column's type (and were read as NULL), and the first that did not. A parser keeps one; the
 * mapper hands it to the client, which warns and applies {@code --max-bad-values}.
 */
public final class ValueTally {
  private final long[] values;
  private final long[] bad;
  private final String[] first;
  private long total;

  public ValueTally(int columns) {
    values = new long[columns];
    bad = new long[columns];
    first = new String[columns];
  }

  /** A non-empty value of column {@code col} was read (converted or not). */
  void seen(int col) {
    values[col]++;
  }

  /** A value of column {@code col} did not convert. */
  void bad(int col, String raw) {
    total++;
    if (col >= 0) {
      bad[col]++;
      if (first[col] == null) {
        first[col] = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
      }
    }
  }

  public int columns() {
    return values.length;
  }

  public long values(int col) {
    return values[col];
  }

  public long bad(int col) {
    return bad[col];
  }

  /** The first value of {@code col} that did not convert, or null. */
  public String first(int col) {
    return first[col];
  }

  /** Values of all columns that did not convert. */
  public long totalBad() {
    return total;
  }
}
