package io.drover.jobs.gd.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums from which the evaluation metrics follow, mergeable across tasks. Classification: the
 * confusion matrix at probability 0.5, the log-loss sum, and per-class histograms of the
 * probability in {@link #BINS} bins for the AUC (within a bin a positive and a negative count as a
 * tie, half right; the error is at most the share of such pairs, printed). Regression: sums of
 * squared and absolute errors, of y and y^2.
 */
public final class Evaluation {
  public static final int BINS = 1 << 16;

  private final boolean classification;
  private long n;
  private long tp;
  private long fp;
  private long tn;
  private long fn;
  private double logLoss;
  private long[] posBins;
  private long[] negBins;
  private double sse;
  private double sae;
  private double sy;
  private double syy;

  // multiclass: the number of classes (0 otherwise) and the K x K confusion, row = true class
  private final int classes;
  private final long[] confusion;

  public Evaluation(boolean classification) {
    this(classification, 0);
  }

  /** A multiclass evaluation over {@code classes} classes (more than two). */
  public static Evaluation multiclass(int classes) {
    return new Evaluation(true, classes);
  }

  private Evaluation(boolean classification, int classes) {
    this.classification = classification;
    this.classes = classes;
    this.confusion = new long[classes * classes];
    boolean binary = classification && classes == 0;
    posBins = binary ? new long[BINS] : new long[0];
    negBins = binary ? new long[BINS] : new long[0];
  }

  /**
   * A multiclass record: its true class, the predicted one, and the log-loss term {@code -log
   * p_true} (the caller computes it from the margins, without rounding p to 0 first); clipped at
   * {@code -log 1e-15} as the binary log-loss clips p.
   */
  public void addMulticlass(int truth, int predicted, double minusLogP) {
    n++;
    confusion[truth * classes + predicted]++;
    logLoss += Math.min(minusLogP, -Math.log(1e-15));
  }

  /** A classified record: positive or not, the probability of positive. */
  public void addClass(boolean positive, double p) {
    n++;
    boolean said = p > 0.5;
    if (positive) {
      if (said) {
        tp++;
      } else {
        fn++;
      }
    } else if (said) {
      fp++;
    } else {
      tn++;
    }
    double q = Math.min(Math.max(positive ? p : 1 - p, 1e-15), 1);
    logLoss -= Math.log(q);
    int b = (int) Math.min(BINS - 1, Math.floor(p * BINS));
    (positive ? posBins : negBins)[b]++;
  }

  public void addValue(double y, double prediction) {
    n++;
    double e = prediction - y;
    sse += e * e;
    sae += Math.abs(e);
    sy += y;
    syy += y * y;
  }

  public void merge(Evaluation o) {
    n += o.n;
    tp += o.tp;
    fp += o.fp;
    tn += o.tn;
    fn += o.fn;
    logLoss += o.logLoss;
    for (int b = 0; b < posBins.length; b++) {
      posBins[b] += o.posBins[b];
      negBins[b] += o.negBins[b];
    }
    for (int i = 0; i < confusion.length; i++) {
      confusion[i] += o.confusion[i];
    }
    sse += o.sse;
    sae += o.sae;
    sy += o.sy;
    syy += o.syy;
  }

  public long count() {
    return n;
  }

  /**
   * A multiclass evaluation's metrics, the classes named {@code names}: accuracy, log-loss, per
   * class precision, recall, F1 and support (a class never predicted has precision 0, as Spark's
   * MulticlassMetrics), and the confusion matrix (rows the true class, columns the predicted).
   */
  public Map<String, Object> metrics(java.util.List<String> names) {
    if (classes == 0) {
      return metrics();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", n);
    long right = 0;
    for (int c = 0; c < classes; c++) {
      right += confusion[c * classes + c];
    }
    m.put("accuracy", (double) right / n);
    m.put("log_loss", logLoss / n);
    java.util.List<Map<String, Object>> per = new java.util.ArrayList<>();
    java.util.List<long[]> rows = new java.util.ArrayList<>();
    for (int c = 0; c < classes; c++) {
      long tp = confusion[c * classes + c];
      long predicted = 0;
      long actual = 0;
      for (int o = 0; o < classes; o++) {
        predicted += confusion[o * classes + c];
        actual += confusion[c * classes + o];
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("class", names.get(c));
      k.put("precision", precision);
      k.put("recall", recall);
      k.put("f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
      k.put("support", actual);
      per.add(k);
      rows.add(java.util.Arrays.copyOfRange(confusion, c * classes, (c + 1) * classes));
    }
    m.put("per_class", per);
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("classes", names);
    cm.put("rows", "true class");
    cm.put("columns", "predicted class");
    cm.put("matrix", rows);
    m.put("confusion", cm);
    return m;
  }

  /** The metrics by name, in print order. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", n);
    if (classification) {
      m.put("accuracy", (double) (tp + tn) / n);
      m.put("log_loss", logLoss / n);
      double[] auc = auc();
      m.put("auc", auc[0]);
      m.put("auc_max_error", auc[1]);
      double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
      m.put("precision", precision);
      m.put("recall", recall);
      m.put("f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
      Map<String, Long> c = new LinkedHashMap<>();
      c.put("true_positive", tp);
      c.put("false_positive", fp);
      c.put("true_negative", tn);
      c.put("false_negative", fn);
      m.put("confusion", c);
    } else {
      m.put("rmse", Math.sqrt(sse / n));
      m.put("mae", sae / n);
      double sst = syy - sy * sy / n;
      m.put("r2", 1 - sse / sst);
    }
    return m;
  }

  /** AUC from the histograms, and the largest error the binning can cause. */
  double[] auc() {
    long pos = tp + fn;
    long neg = tn + fp;
    double right = 0;
    double ties = 0;
    long negBelow = 0;
    for (int b = 0; b < BINS; b++) {
      right += posBins[b] * (negBelow + negBins[b] / 2.0);
      ties += (double) posBins[b] * negBins[b];
      negBelow += negBins[b];
    }
    double pairs = (double) pos * neg;
    return new double[] {right / pairs, ties / pairs / 2};
  }

  public void write(DataOutput out) throws IOException {
    out.writeBoolean(classification);
    out.writeInt(classes);
    for (long v : confusion) {
      out.writeLong(v);
    }
    out.writeLong(n);
    out.writeLong(tp);
    out.writeLong(fp);
    out.writeLong(tn);
    out.writeLong(fn);
    out.writeDouble(logLoss);
    for (int b = 0; b < posBins.length; b++) {
      out.writeLong(posBins[b]);
      out.writeLong(negBins[b]);
    }
    out.writeDouble(sse);
    out.writeDouble(sae);
    out.writeDouble(sy);
    out.writeDouble(syy);
  }

  public static Evaluation read(DataInput in) throws IOException {
    boolean classification = in.readBoolean();
    Evaluation e = new Evaluation(classification, in.readInt());
    for (int i = 0; i < e.confusion.length; i++) {
      e.confusion[i] = in.readLong();
    }
    e.n = in.readLong();
    e.tp = in.readLong();
    e.fp = in.readLong();
    e.tn = in.readLong();
    e.fn = in.readLong();
    e.logLoss = in.readDouble();
    for (int b = 0; b < e.posBins.length; b++) {
      e.posBins[b] = in.readLong();
      e.negBins[b] = in.readLong();
    }
    e.sse = in.readDouble();
    e.sae = in.readDouble();
    e.sy = in.readDouble();
    e.syy = in.readDouble();
    return e;
  }
}
