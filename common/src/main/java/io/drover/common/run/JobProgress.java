package io.drover.common.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the client shows while a job runs and after it ends. Pure: it is fed snapshots and writes
 * text, so it is tested without a job.
 *
 * <p>On a terminal one line is redrawn in place (carriage return, then "erase to end of line"):
 * the job's name, map and reduce percentages, records and bytes per second, elapsed time and an
 * estimate of the time left. Elsewhere (a file, a pipe, CI logs) it writes a plain line each time
 * the percentages change, as Hadoop's own client does. After the job: a short summary of what
 * matters instead of Hadoop's 60-line counter dump.
 */
public final class JobProgress {
  /** One look at a running job. */
  public record Snapshot(float map, float reduce, boolean hasReduce, long records, long bytes,
      long elapsedMs) {
    /** Overall progress 0..1: map and reduce count half each when the job has reduces. */
    public float overall() {
      return hasReduce ? (map + reduce) / 2 : map;
    }
  }

  /** A counter group of the job's own (not Hadoop's), for the summary. */
  public record Group(String name, List<String[]> counters) {}

  /** The job's totals, for the summary. */
  public record Totals(int maps, int reduces, long recordsIn, long recordsOut, long spilled,
      long bytesRead, long bytesWritten, List<Group> own, Attempts attempts) {
    public Totals(int maps, int reduces, long recordsIn, long recordsOut, long spilled,
        long bytesRead, long bytesWritten, List<Group> own) {
      this(maps, reduces, recordsIn, recordsOut, spilled, bytesRead, bytesWritten, own,
          Attempts.NONE);
    }
  }

  /** Task attempts that failed (and were retried, if the job went on) or were killed. */
  public record Attempts(long failedMaps, long killedMaps, long failedReduces,
      long killedReduces) {
    public static final Attempts NONE = new Attempts(0, 0, 0, 0);
  }

  /** The live line's width when the terminal's is not known. */
  public static final int DEFAULT_WIDTH = 100;
  /** What a shortened job name ends with. */
  static final String ELLIPSIS = "...";
  private static final long REDRAW_MS = 200;

  private final PrintStream out;
  private final boolean terminal;
  private final String name;
  private String lastPlain = "";
  private long lastDrawMs = -REDRAW_MS;
  private boolean drawn;

  private final String id;
  private final boolean checkedAfter;
  private final int width;

  /** {@code id}: the job's id (job_...), named in the summary so a cluster user can look it up. */
  public JobProgress(PrintStream out, boolean terminal, String name, String id) {
    this(out, terminal, name, id, false);
  }

  public JobProgress(PrintStream out, boolean terminal, String name, String id,
      boolean checkedAfter) {
    this(out, terminal, name, id, checkedAfter, DEFAULT_WIDTH);
  }

  /**
   * {@code checkedAfter}: the program still checks the job's result and may refuse it, so a
   * successful job "finished" rather than "succeeded". {@code width}: the terminal's columns,
   * which the live line never exceeds (0 or less: {@link #DEFAULT_WIDTH}).
   */
  public JobProgress(PrintStream out, boolean terminal, String name, String id,
      boolean checkedAfter, int width) {
    this.width = width > 0 ? width : DEFAULT_WIDTH;
    this.out = out;
    this.terminal = terminal;
    this.name = name;
    this.id = id;
    this.checkedAfter = checkedAfter;
  }

  /** Shows the job's state; cheap to call often (a terminal line is redrawn at most 5 times/s). */
  public void update(Snapshot s) {
    if (terminal) {
      if (s.elapsedMs() - lastDrawMs < REDRAW_MS) {
        return;
      }
      lastDrawMs = s.elapsedMs();
      out.print("\r" + fit(name, liveFigures(s), width) + "\u001b[K");
      out.flush();
      drawn = true;
    } else {
      String line = plainLine(s);
      if (!line.equals(lastPlain)) {
        out.println(line);
        lastPlain = line;
      }
    }
  }

  /** Ends the live line (if any) and writes the summary. */
  public void finish(Snapshot last, Totals t, boolean succeeded) {
    if (terminal && drawn) {
      out.print("\r\u001b[K");
    } else if (!terminal) {
      update(last);
    }
    String line = summary(name, id, last, t, succeeded);
    out.println(checkedAfter && succeeded ? line.replaceFirst("\\) succeeded in ", ") finished in ")
        : line);
    for (Group g : t.own()) {
      StringBuilder b = new StringBuilder("  ").append(g.name()).append(':');
      for (String[] c : g.counters()) {
        b.append(' ').append(c[0]).append('=').append(c[1]);
      }
      out.println(b);
    }
    out.flush();
  }

  String plainLine(Snapshot s) {
    return "job '" + name + "': map " + pct(s.map()) + " reduce " + pct(s.reduce());
  }

  String liveLine(Snapshot s) {
    return fit(name, liveFigures(s), width);
  }

  /**
   * {@code name} then {@code figures} in at most {@code width} columns: the name is shortened,
   * ending in {@value #ELLIPSIS}, so the figures stay whole; when even they do not fit (a very
   * narrow terminal), the line is cut at the width. One column a char: names are mostly ASCII.
   */
  static String fit(String name, String figures, int width) {
    if (name.length() + figures.length() <= width) {
      return name + figures;
    }
    int room = width - figures.length();
    if (room > ELLIPSIS.length()) {
      return name.substring(0, room - ELLIPSIS.length()) + ELLIPSIS + figures;
    }
    String f = figures.strip();
    return f.length() <= width ? f : f.substring(0, Math.max(0, width));
  }

  /**
   * The live line's width: the first of {@code candidates} (the launcher's measure of the
   * terminal, then $COLUMNS) that is a positive number, else {@link #DEFAULT_WIDTH}.
   */
  public static int width(String... candidates) {
    for (String c : candidates) {
      try {
        int w = c == null ? 0 : Integer.parseInt(c.trim());
        if (w > 0) {
          return w;
        }
      } catch (NumberFormatException e) {
        // not a number: the next one
      }
    }
    return DEFAULT_WIDTH;
  }

  /** The live line after the job's name: "  map 40% reduce 0%  1,234 rec/s  0:07  eta 0:10". */
  String liveFigures(Snapshot s) {
    StringBuilder b = new StringBuilder("  map ").append(pct(s.map()));
    if (s.hasReduce()) {
      b.append(" reduce ").append(pct(s.reduce()));
    }
    double secs = Math.max(s.elapsedMs(), 1) / 1000.0;
    b.append("  ").append(count(Math.round(s.records() / secs))).append(" rec/s  ");
    if (s.bytes() > 0) { // input formats that do not count their bytes show none
      b.append(bytes(Math.round(s.bytes() / secs))).append("/s  ");
    }
    b.append(clock(s.elapsedMs()));
    float p = s.overall();
    if (p > 0.02f && p < 1f) {
      b.append("  eta ").append(clock(Math.round(s.elapsedMs() * (1 - p) / p)));
    }
    return b.toString();
  }

  static String summary(String name, String id, Snapshot s, Totals t, boolean ok) {
    StringBuilder b = new StringBuilder("job '").append(name).append("' (").append(id)
        .append(") ").append(ok ? "succeeded" : "failed").append(" in ")
        .append(String.format(Locale.ROOT, "%.1f s", s.elapsedMs() / 1000.0)).append(": ");
    Attempts a = t.attempts();
    if (t.maps() > 0 || !a.equals(Attempts.NONE)) { // the local runner counts no launched tasks
      b.append(tasks(t.maps(), a.failedMaps(), a.killedMaps(), "map", ok)).append(", ")
          .append(tasks(t.reduces(), a.failedReduces(), a.killedReduces(), "reduce", ok))
          .append("; ");
    }
    b.append(count(t.recordsIn())).append(" records in, ")
        .append(count(t.recordsOut())).append(" out, ").append(count(t.spilled()))
        .append(" spilled; ");
    if (t.bytesRead() > 0) {
      b.append(bytes(t.bytesRead())).append(" read, ");
    }
    b.append(bytes(t.bytesWritten())).append(" written");
    return b.toString();
  }

  /**
   * "8 maps (1 failed attempt retried, 2 killed)": {@code launched} counts every attempt (Hadoop's
   * TOTAL_LAUNCHED_*), so the tasks are those less the failed and killed ones.
   */
  static String tasks(long launched, long failed, long killed, String what, boolean ok) {
    long n = Math.max(0, launched - failed - killed);
    StringBuilder b = new StringBuilder(plural(n, what));
    if (failed > 0 || killed > 0) {
      b.append(" (");
      if (failed > 0) {
        b.append(plural(failed, "failed attempt")).append(ok ? " retried" : "");
      }
      if (killed > 0) {
        b.append(failed > 0 ? ", " : "").append(plural(killed, "killed attempt"));
      }
      b.append(')');
    }
    return b.toString();
  }

  private static String plural(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  static String pct(float f) {
    return Math.round(Math.max(0, Math.min(1, f)) * 100) + "%";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String clock(long ms) {
    long s = ms / 1000;
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Own counter groups in the order given, each counter formatted with thousands separators. */
  public static Group group(String name, List<String> names, List<Long> values) {
    List<String[]> cs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      cs.add(new String[] {names.get(i), count(values.get(i))});
    }
    return new Group(name, cs);
  }
}
