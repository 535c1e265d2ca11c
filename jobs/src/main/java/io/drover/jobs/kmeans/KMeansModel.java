package io.drover.jobs.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.kmeans.model.Centers;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished kmeans run's {@code centers.json} as kmeans-predict and kmeans-evaluate use it: the
 * centers on the scale they were trained on, the standardization that leads there, and how to read
 * input (CSV by the feature names, its first line as {@code csv_header} says, else LIBSVM).
 */
record KMeansModel(
    Centers centers,
    Standardization standardization,
    List<String> featureNames,
    CsvHeader csvHeader,
    double[] impute) {
  /** Per numeric column of {@code enc}, in order, the value that replaces a missing one. */
  static double[] impute(Encoding enc) {
    return enc.columns().stream()
        .filter(c -> !c.categorical())
        .mapToDouble(Encoding.Column::impute)
        .toArray();
  }

  static KMeansModel read(InputStream in, String where) throws IOException {
    JsonNode m = new ObjectMapper().readTree(in);
    if (m == null || !"kmeans".equals(m.path("program").asText())) {
      throw new IOException(where + " is not a kmeans centers.json (no \"program\": \"kmeans\")");
    }
    int k = m.get("k").asInt();
    int d = m.get("features").asInt();
    JsonNode z = m.get("standardization");
    boolean standardized = z != null && !z.isNull();
    double[] v = new double[k * d];
    for (int c = 0; c < k; c++) {
      JsonNode row =
          standardized ? z.get("trained_centers").get(c) : m.get("centers").get(c).get("center");
      if (row == null || row.size() != d) {
        throw new IOException(where + ": center " + c + " does not have " + d + " coordinates");
      }
      for (int j = 0; j < d; j++) {
        v[c * d + j] = row.get(j).asDouble();
      }
    }
    Standardization std =
        standardized
            ? Standardization.of(
                vector(z.get("mean"), d, where, "the standardization"), vector(z.get("std"), d, where, "the standardization"), true)
            : Standardization.identity(d);
    List<String> names = null;
    JsonNode n = m.get("feature_names");
    if (n != null && !n.isNull()) {
      names = new ArrayList<>();
      for (JsonNode s : n) {
        names.add(s.asText());
      }
    }
    CsvHeader header =
        CsvHeader.of(m.hasNonNull("csv_header") ? m.get("csv_header").asText() : null);
    double[] impute =
        names != null && m.hasNonNull("impute") ? vector(m.get("impute"), d, where, "impute") : null;
    return new KMeansModel(new Centers(k, d, v), std, names, header, impute);
  }

  private static double[] vector(JsonNode a, int d, String where, String what)
      throws IOException {
    if (a == null || a.size() != d) {
      throw new IOException(where + ": " + what + " does not have " + d + " values");
    }
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = a.get(j).asDouble();
    }
    return v;
  }
}
