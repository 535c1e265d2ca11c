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
    Encoding encoding) {

  public static Model read(InputStream in, String where) throws IOException {
    JsonNode m = new ObjectMapper().readTree(in);
    if (m == null || !m.has("weights") || !m.has("loss")) {
      throw new IOException(where + " is not a Drover model.json (no weights or loss)");
    }
    Loss loss = Loss.valueOf(m.get("loss").asText().toUpperCase(java.util.Locale.ROOT));
    JsonNode w = m.get("weights");
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
        m.get("intercept").asDouble(),
        negative == null ? Double.NaN : Labels.code(negative),
        positive == null ? Double.NaN : Labels.code(positive),
        names,
        m.hasNonNull("label") ? m.get("label").asText() : null,
        negative,
        positive,
        CsvHeader.of(m.hasNonNull("csv_header") ? m.get("csv_header").asText() : null),
        m.hasNonNull("encoding") ? Encoding.fromJson(m.get("encoding")) : null);
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
