package io.drover.jobs.gd.data;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.gd.model.Model;
import java.util.List;

/**
 * predict's output rows: the {@code --keep} columns as read, then label, score and prediction
 * (a multinomial model: score the probability of the predicted class, then the probability of
 * each class, columns {@code probability_<class>}), tab-separated; and their {@code _schema} (one {@code name<TAB>type} line per column, as
 * aggregate writes it). A tab, line break or backslash inside a value is written as {@code \t},
 * {@code \n}, {@code \r} or {@code \\}, so that each record stays one line of fields.
 */
public final class Predictions {
  private Predictions() {}

  /** The {@code _schema} text of predict's output with the {@code keep} columns first. */
  public static String schema(List<String> keep, Model m) {
    StringBuilder b = new StringBuilder();
    for (String k : keep) {
      b.append(escape(k)).append('\t').append(Type.STRING.sqlName()).append('\n');
    }
    String label = (m.textLabels() ? Type.STRING : Type.DOUBLE).sqlName();
    b.append("label\t").append(label).append('\n');
    b.append("score\t").append(Type.DOUBLE.sqlName()).append('\n');
    b.append("prediction\t").append(label).append('\n');
    if (m.classes() != null) {
      for (String c : m.classes()) {
        b.append("probability_").append(escape(c)).append('\t').append(Type.DOUBLE.sqlName())
            .append('\n');
      }
    }
    return b.toString();
  }

  /** {@code v} with tab, CR, LF and backslash escaped. */
  public static String escape(String v) {
    if (v.indexOf('\t') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0
        && v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder b = new StringBuilder(v.length() + 8);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\\' -> b.append("\\\\");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
