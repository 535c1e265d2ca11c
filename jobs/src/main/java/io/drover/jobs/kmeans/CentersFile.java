package io.drover.jobs.kmeans;

import io.drover.common.run.OutputFiles;
import io.drover.common.iterate.IterativeJob;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.mr.KMeansJobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code centers.json} and {@code cost.png} of a finished kmeans run (history.csv is the iteration
 * runtime's). centers.json holds no timing, so a resumed run writes the same bytes as an
 * uninterrupted one. A CSV run's centers.json names the numeric columns used ({@code
 * feature_names}), the text columns left out, and the value that replaced a missing one per column
 * ({@code impute}, the column's mean), which kmeans-predict and kmeans-evaluate replace missing
 * values with.
 */
final class CentersFile {
  static final String CENTERS = "centers.json";
  /** The cost per iteration as a line chart. */
  static final String PLOT = "cost.png";

  private CentersFile() {}

  static void write(
      FileSystem fs,
      Path out,
      KMeansOptions o,
      ParseSummary s,
      Encoding enc,
      Standardization std,
      IterativeJob.Result r,
      KMeansJobs.Result last)
      throws IOException {
    Centers trained = Centers.ofState(o.k(), r.state());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("program", "kmeans");
    m.put("k", o.k());
    m.put("features", trained.dimension());
    List<String> names = enc == null ? null : enc.featureNames();
    m.put("feature_names", names);
    if (names != null) {
      m.put("csv_header", o.input().header().word());
      m.put("left_out_columns", enc.leftOut());
      m.put("impute", KMeansModel.impute(enc));
    }
    m.put("feature_index_base", names == null ? 1 : 0);
    List<Map<String, Object>> centers = new ArrayList<>();
    for (int c = 0; c < o.k(); c++) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("size", last.counts()[c]);
      one.put("center", std.unstandardize(trained.center(c)));
      centers.add(one);
    }
    m.put("centers", centers);
    m.put("cost", last.cost());
    m.put(
        "cost_note",
        "sum of squared distances of the points to their nearest center, on the "
            + (std.isIdentity() ? "input" : "standardized")
            + " scale");
    if (std.isIdentity()) {
      m.put("standardization", null);
    } else {
      Map<String, Object> z = new LinkedHashMap<>();
      z.put("mean", std.mean());
      z.put("std", std.std());
      List<double[]> zc = new ArrayList<>();
      for (int c = 0; c < o.k(); c++) {
        zc.add(trained.center(c));
      }
      z.put("trained_centers", zc);
      m.put("standardization", z);
    }
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("k", o.k());
    h.put("init", "k-means++");
    h.put("seed", o.seed());
    h.put("standardize", o.standardize());
    h.put("max_iter", o.maxIter());
    h.put("tol", o.tol());
    m.put("hyperparameters", h);
    m.put("iterations", r.iterations());
    m.put("stop", r.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.put("converged", r.stop().converged());
    m.put("records", s.records());
    OutputFiles.writeJson(fs, new Path(out, CENTERS), m);
    try (var png = fs.create(new Path(out, PLOT), true)) {
      png.write(io.drover.jobs.gd.LossPlot.png("kmeans, k " + o.k() + ": cost per iteration",
          "cost (WSSSE)", r.history()));
    }
  }
}
