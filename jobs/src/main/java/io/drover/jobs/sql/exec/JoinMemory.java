package io.drover.jobs.sql.exec;

import java.math.BigDecimal;

/**
 * The memory a task may hold for join sides (broadcast hash tables, a repartition join's
 * buffered rows), counted by an estimate of each row's heap size. Going over it is a clear
 * error, never an OutOfMemoryError.
 */
public final class JoinMemory {
  /** Thrown when a join side does not fit: the message says which and how to fix it. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }

  private final long maxBytes;
  private final String key;
  private long used;

  /** {@code key}: the configuration key that raises the limit (named in the error). */
  public JoinMemory(long maxBytes, String key) {
    this.maxBytes = maxBytes;
    this.key = key;
  }

  /**
   * How a broadcast side is named in the error: the client looks for it to tell which side did
   * not fit ({@code source}: the side's {@code Source}, as its {@code toString} says).
   */
  public static String broadcastSide(Object source) {
    return "the broadcast side " + source;
  }

  /** Counts {@code row} held by {@code what}; throws {@link Exceeded} past the limit. */
  public void hold(Object[] row, String what) {
    used += bytes(row);
    if (used > maxBytes) {
      throw new Exceeded(what + " holds more than " + describe(maxBytes)
          + " of rows in one task; raise -D " + key + "=BYTES (the task's heap must hold it)"
          + (what.startsWith(broadcastSide("")) ? " or lower drover.sql.broadcast.threshold so"
              + " that the join is repartitioned" : ""));
    }
  }

  /** A budget as the errors say it: whole MB, else bytes. */
  public static String describe(long bytes) {
    return bytes >= 1 << 20 ? bytes / (1 << 20) + " MB" : String.format("%,d bytes", bytes);
  }

  /** Releases everything held (the next group of a repartition join). */
  public void release() {
    used = 0;
  }

  /** Bytes held now. */
  public long used() {
    return used;
  }

  /** An estimate of a row's heap size: the array, then each value's object. */
  static long bytes(Object[] row) {
    long b = 16 + 8L * row.length;
    for (Object v : row) {
      if (v == null) {
        continue;
      }
      if (v instanceof String s) {
        b += 40 + s.length();
      } else if (v instanceof BigDecimal) {
        b += 64;
      } else {
        b += 24;
      }
    }
    return b;
  }
}
