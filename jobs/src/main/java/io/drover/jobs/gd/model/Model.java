package io.drover.jobs.gd.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained model as {@code model.json} holds it: original-scale weights and intercept, the loss,
 * the label values (logistic), the feature names (CSV; null for LIBSVM), and how CSV columns
 * become features when some are categorical or have missing values ({@code encoding}; else null).
 * A multinomial model (more than two classes) has its {@code classes} (class 0 first) and {@code
 * classModel}, the K weight vectors with intercepts in {@link Multinomial}'s flat layout on the
 * original scale; its {@code weights} are then class 0's (for their length, the dimension).
 */
public record Model(
    Loss loss,
    double[] weights,
    double intercept,
    double negative,
    double positive,
    List<String> featureNames,
    String label,
    String negativeText,
    String positiveText,
    CsvHeader csvHeader,
    Encoding encoding,
    List<String> classes,
    double[] classModel) {

  public static Model read(InputStream in, String where) throws IOException {
    JsonNode m = new ObjectMapper().readTree(in);
    if (m == null || !m.has("weights") || !m.has("loss")) {
      throw new IOException(where + " is not a Drover model.json (no weights or loss)");
    }
    Loss loss = Loss.valueOf(m.get("loss").asText().toUpperCase(java.util.Locale.ROOT));
    JsonNode w = m.get("weights");
    List<String> classes = null;
    double[] classModel = null;
    double intercept;
    if (m.hasNonNull("classes")) {
      classes = new ArrayList<>();
      for (JsonNode c : m.get("classes")) {
        classes.add(labelText(c));
      }
      int k = classes.size();
      int d = w.get(0).size();
      Multinomial shape = new Multinomial(k, d);
      classModel = new double[shape.length()];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          classModel[c * (d + 1) + j] = w.get(c).get(j).asDouble();
        }
        classModel[c * (d + 1) + d] = m.get("intercept").get(c).asDouble();
      }
      w = w.get(0);
      intercept = Double.NaN;
    } else {
      intercept = m.get("intercept").asDouble();
    }
    double[] weights = new double[w.size()];
    for (int j = 0; j < weights.length; j++) {
      weights[j] = w.get(j).asDouble();
    }
    List<String> names = null;
    if (m.hasNonNull("feature_names")) {
      names = new ArrayList<>();
      for (JsonNode n : m.get("feature_names")) {
        names.add(n.asText());
      }
    }
    JsonNode labels = m.get("labels");
    String negative = labels == null ? null : labelText(labels.get("negative"));
    String positive = labels == null ? null : labelText(labels.get("positive"));
    return new Model(
        loss,
        weights,
        intercept,
        negative == null ? Double.NaN : Labels.code(negative),
        positive == null ? Double.NaN : Labels.code(positive),
        names,
        m.hasNonNull("label") ? m.get("label").asText() : null,
        negative,
        positive,
        CsvHeader.of(m.hasNonNull("csv_header") ? m.get("csv_header").asText() : null),
        m.hasNonNull("encoding") ? Encoding.fromJson(m.get("encoding")) : null,
        classes == null ? null : List.copyOf(classes),
        classModel);
  }

  /** The shape of a multinomial model; null for any other. */
  public Multinomial multinomial() {
    return classes == null ? null : new Multinomial(classes.size(), weights.length);
  }

  /** The label code of each class (multinomial), class 0 first. */
  public double[] classCodes() {
    return classes.stream().mapToDouble(Labels::code).toArray();
  }

  /**
   * A multinomial model's margins {@code w_c.x + b_c} of a sparse row into {@code m} (length K);
   * features beyond the model's dimension count as 0.
   */
  public void margins(int nnz, int[] idx, double[] val, double[] m) {
    multinomial().margins(classModel, nnz, idx, val, m);
  }

  /** The first class of largest margin (Spark's argmax over the probabilities). */
  public static int argmax(double[] m) {
    int best = 0;
    for (int c = 1; c < m.length; c++) {
      if (m[c] > m[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The CSV columns the model reads: its encoding's (one-hot features come from one column), else
   * its features; null for LIBSVM.
   */
  public List<String> columns() {
    return encoding != null ? encoding.columnNames() : featureNames;
  }

  /** A label of model.json: a number (written by its canonical text) or a text label. */
  private static String labelText(JsonNode n) {
    return n.isNumber() ? Labels.numberText(n.asDouble()) : n.asText();
  }

  /** Whether a label is not a number: CSV rows' labels are then read as text. */
  public boolean textLabels() {
    if (classes != null) {
      return classes.stream().anyMatch(t -> Labels.number(t) == null);
    }
    return negativeText != null
        && (Labels.number(negativeText) == null || Labels.number(positiveText) == null);
  }

  /** The text of a label's code: one of the two classes, or a number's canonical text. */
  public String labelText(double code) {
    if (negativeText != null && code == negative) {
      return negativeText;
    }
    if (positiveText != null && code == positive) {
      return positiveText;
    }
    return Labels.numberText(code);
  }

  /** {@code w.x + b}; features beyond the model's dimension count as 0. */
  public double margin(int nnz, int[] idx, double[] val) {
    double m = intercept;
    for (int k = 0; k < nnz; k++) {
      if (idx[k] < weights.length) {
        m += weights[idx[k]] * val[k];
      }
    }
    return m;
  }

  /**
   * Probability of the positive class (logistic), the margin (hinge: a score, not a probability),
   * or the prediction (squared).
   */
  public double score(double margin) {
    return loss == Loss.LOGISTIC ? 1 / (1 + Math.exp(-margin)) : margin;
  }

  /** The predicted label as output: the class's label text, or the number. */
  public String predictedLabel(double margin) {
    return labelText(predict(margin));
  }

  /** The predicted label: positive when the probability is above 0.5 (margin > 0). */
  public double predict(double margin) {
    return loss.classifies() ? (margin > 0 ? positive : negative) : margin;
  }
}
