package io.drover.streaming.protocol;

/**
 * The {@code reporter:} protocol on a command's stderr, parsed as Hadoop Streaming parses it, but
 * with a reason for every line it cannot use instead of a silent drop.
 *
 * <ul>
 *   <li>{@code reporter:counter:GROUP,COUNTER,AMOUNT}: the text after the prefix is trimmed and
 *       split at commas (trailing empty fields dropped); exactly three fields and a whole number
 *       are needed, so a group or counter name cannot contain a comma.
 *   <li>{@code reporter:status:MESSAGE}: the trimmed message becomes the task status.
 *   <li>Any other line starting with the prefix is malformed; lines without it are plain stderr.
 * </ul>
 */
public final class ReporterLine {
  /** What a stderr line is. */
  public enum Kind {
    PLAIN,
    COUNTER,
    STATUS,
    MALFORMED
  }

  public static final String DEFAULT_PREFIX = "reporter:";

  private final Kind kind;
  private final String group;
  private final String counter;
  private final long amount;
  private final String text;

  private ReporterLine(Kind kind, String group, String counter, long amount, String text) {
    this.kind = kind;
    this.group = group;
    this.counter = counter;
    this.amount = amount;
    this.text = text;
  }

  /** Parses one stderr line (without its line end) under the given reporter prefix. */
  public static ReporterLine parse(String line, String prefix) {
    if (!line.startsWith(prefix)) {
      return new ReporterLine(Kind.PLAIN, null, null, 0, line);
    }
    String counterPrefix = prefix + "counter:";
    String statusPrefix = prefix + "status:";
    if (line.startsWith(counterPrefix)) {
      String[] f = line.substring(counterPrefix.length()).trim().split(",");
      if (f.length != 3) {
        String why =
            f.length > 3
                ? "it has " + f.length + " comma-separated fields, not 3: group and counter names"
                    + " cannot contain commas"
                : "it has " + f.length + " comma-separated field" + (f.length == 1 ? "" : "s")
                    + ", expected GROUP,COUNTER,AMOUNT";
        return malformed(line, why);
      }
      long n;
      try {
        n = Long.parseLong(f[2]);
      } catch (NumberFormatException e) {
        return malformed(line, "the amount '" + f[2] + "' is not a whole number");
      }
      return new ReporterLine(Kind.COUNTER, f[0], f[1], n, line);
    }
    if (line.startsWith(statusPrefix)) {
      return new ReporterLine(
          Kind.STATUS, null, null, 0, line.substring(statusPrefix.length()).trim());
    }
    return malformed(
        line, "unknown reporter line: expected " + counterPrefix + "GROUP,COUNTER,AMOUNT or "
            + statusPrefix + "MESSAGE");
  }

  private static ReporterLine malformed(String line, String why) {
    return new ReporterLine(Kind.MALFORMED, null, null, 0, "ignored stderr line '" + line
        + "': " + why);
  }

  public Kind kind() {
    return kind;
  }

  public String group() {
    return group;
  }

  public String counter() {
    return counter;
  }

  public long amount() {
    return amount;
  }

  /** The line itself (PLAIN), the status message (STATUS), or the warning (MALFORMED). */
  public String text() {
    return text;
  }
}
