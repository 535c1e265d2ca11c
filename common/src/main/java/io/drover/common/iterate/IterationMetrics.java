package io.drover.common.iterate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one committed iteration measured: the loss of the state it started from, how far the state
 * moved, the step scale in force (1, then halved at each rollback), and any columns the step adds
 * (a gradient norm, the step size used). Serialized as one line of tab-separated {@code key=value}
 * fields; doubles are written with {@link Double#toString}, which reads back to the same bits.
 */
public record IterationMetrics(
    int iteration,
    double loss,
    double change,
    long records,
    long wallMs,
    double stepScale,
    int halvings,
    String note,
    Map<String, Double> extra) {

  public IterationMetrics {
    extra = Map.copyOf(new LinkedHashMap<>(extra));
    note = note == null ? "" : note;
  }

  /** One line: tab-separated {@code key=value}; extra columns in {@code extraOrder}. */
  public String format(Iterable<String> extraOrder) {
    StringBuilder b = new StringBuilder();
    b.append("iteration=").append(iteration);
    b.append("\tloss=").append(loss);
    b.append("\tchange=").append(change);
    b.append("\trecords=").append(records);
    b.append("\twall_ms=").append(wallMs);
    b.append("\tstep_scale=").append(stepScale);
    b.append("\thalvings=").append(halvings);
    for (String k : extraOrder) {
      if (extra.containsKey(k)) {
        b.append("\tx.").append(k).append('=').append(extra.get(k));
      }
    }
    b.append("\tnote=").append(note.replaceAll("[\t\r\n]", " "));
    return b.toString();
  }

  /** Parses {@link #format}'s text; {@code where} names the file in error messages. */
  public static IterationMetrics parse(String text, String where) {
    Map<String, String> kv = new LinkedHashMap<>();
    Map<String, Double> extra = new LinkedHashMap<>();
    for (String line : text.strip().split("\t")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = line.substring(0, eq);
      String v = line.substring(eq + 1);
      if (k.startsWith("x.")) {
        extra.put(k.substring(2), Double.parseDouble(v));
      } else {
        kv.put(k, v);
      }
    }
    try {
      return new IterationMetrics(
          Integer.parseInt(kv.get("iteration")),
          Double.parseDouble(kv.get("loss")),
          Double.parseDouble(kv.get("change")),
          Long.parseLong(kv.get("records")),
          Long.parseLong(kv.get("wall_ms")),
          Double.parseDouble(kv.get("step_scale")),
          Integer.parseInt(kv.get("halvings")),
          kv.getOrDefault("note", ""),
          extra);
    } catch (NullPointerException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "unreadable metrics file " + where + ": " + e.getMessage());
    }
  }
}
