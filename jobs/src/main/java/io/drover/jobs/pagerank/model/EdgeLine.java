package io.drover.jobs.pagerank.model;

/**
 * One line of an edge list: {@code src<TAB>dst}, both names non-empty, exactly one TAB. Names are
 * the bytes between the line's start, the TAB and its end (spaces and any UTF-8 are part of the
 * name). Anything else is refused with the reason, never skipped.
 */
public final class EdgeLine {
  private EdgeLine() {}

  /** A line that is not an edge; the message says why. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The index of the TAB between source and destination in {@code b[0..len)}.
   *
   * @throws Malformed a blank line, no TAB, more than one TAB, or an empty name
   */
  public static int split(byte[] b, int len) throws Malformed {
    int tab = -1;
    boolean blank = true;
    for (int i = 0; i < len; i++) {
      byte c = b[i];
      if (c == '\t') {
        if (tab >= 0) {
          throw new Malformed("more than one TAB (expected src<TAB>dst)");
        }
        tab = i;
      }
      if (c != ' ' && c != '\t' && c != '\r') {
        blank = false;
      }
    }
    if (blank && tab < 0) {
      throw new Malformed("a blank line (expected src<TAB>dst)");
    }
    if (tab < 0) {
      throw new Malformed("no TAB (expected src<TAB>dst)");
    }
    if (tab == 0) {
      throw new Malformed("an empty source vertex name (expected src<TAB>dst)");
    }
    if (tab == len - 1) {
      throw new Malformed("an empty destination vertex name (expected src<TAB>dst)");
    }
    return tab;
  }
}
