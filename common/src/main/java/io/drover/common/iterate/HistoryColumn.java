package io.drover.common.iterate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One column of {@code history.csv}: its header and its cell for a committed iteration. The
 * runtime's measures ({@link #iteration}, {@link #loss}, {@link #change}, {@link #records}, {@link
 * #wallMs}, {@link #stepScale}, {@link #note}) and an algorithm's extra columns ({@link #extra},
 * {@link #count}) are written the same way for every algorithm: doubles as {@link
 * Double#toString} (they read back to the same bits).
 */
public record HistoryColumn(String header, Function<IterationMetrics, String> cell) {
  public static final String FILE = "history.csv";

  public static HistoryColumn iteration() {
    return new HistoryColumn("iteration", m -> Integer.toString(m.iteration()));
  }

  /** The loss of the state the iteration started from, under the algorithm's name for it. */
  public static HistoryColumn loss(String header) {
    return new HistoryColumn(header, m -> Double.toString(m.loss()));
  }

  /** How far the state moved (the runtime's Euclidean distance, or a dataset step's own). */
  public static HistoryColumn change(String header) {
    return new HistoryColumn(header, m -> Double.toString(m.change()));
  }

  public static HistoryColumn records() {
    return new HistoryColumn("records", m -> Long.toString(m.records()));
  }

  public static HistoryColumn wallMs() {
    return new HistoryColumn("wall_ms", m -> Long.toString(m.wallMs()));
  }

  /** The step scale in force: 1, halved at each divergence rollback. */
  public static HistoryColumn stepScale() {
    return new HistoryColumn("step_scale", m -> Double.toString(m.stepScale()));
  }

  /** The iteration's note (a rollback), quoted as CSV; empty when none. */
  public static HistoryColumn note() {
    return new HistoryColumn(
        "note", m -> m.note().isEmpty() ? "" : '"' + m.note().replace("\"", "\"\"") + '"');
  }

  /** The extra metric {@code key} as a double; empty when the step did not report it. */
  public static HistoryColumn extra(String key, String header) {
    return new HistoryColumn(
        header,
        m -> {
          Double v = m.extra().get(key);
          return v == null ? "" : Double.toString(v);
        });
  }

  /** The extra metric {@code key} as a whole number; empty when absent or NaN (not measured). */
  public static HistoryColumn count(String key, String header) {
    return new HistoryColumn(
        header,
        m -> {
          Double v = m.extra().get(key);
          return v == null || v.isNaN() ? "" : Long.toString(v.longValue());
        });
  }

  /**
   * The runtime's default columns, what the per-iteration client line shows: iteration, the loss
   * (when the algorithm has one), change, the extra columns in order, records, wall_ms.
   */
  public static List<HistoryColumn> defaults(boolean hasLoss, List<String> extraColumns) {
    List<HistoryColumn> c = new ArrayList<>();
    c.add(iteration());
    if (hasLoss) {
      c.add(loss("loss"));
    }
    c.add(change("change"));
    for (String k : extraColumns) {
      c.add(extra(k, k));
    }
    c.add(records());
    c.add(wallMs());
    return c;
  }

  /** The CSV text: a header line, then one line per iteration. */
  public static String csv(List<HistoryColumn> columns, List<IterationMetrics> history) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      b.append(i == 0 ? "" : ",").append(columns.get(i).header());
    }
    b.append('\n');
    for (IterationMetrics m : history) {
      for (int i = 0; i < columns.size(); i++) {
        b.append(i == 0 ? "" : ",").append(columns.get(i).cell().apply(m));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
