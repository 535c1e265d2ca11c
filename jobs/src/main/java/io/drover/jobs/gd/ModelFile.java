package io.drover.jobs.gd;

import io.drover.common.run.OutputFiles;
import io.drover.common.iterate.IterationMetrics;
import io.drover.common.iterate.IterativeJob;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.Labels;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.model.Loss;
import io.drover.jobs.gd.model.Multinomial;
import io.drover.jobs.gd.model.Standardization;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code model.json} and {@code loss.png} of a finished training run (history.csv is the
 * iteration runtime's). With an
 * {@code encoding} (categorical columns or missing values), the feature names are its one-hot
 * names and model.json carries it for predict and evaluate.
 */
final class ModelFile {
  private ModelFile() {}

  static void write(
      FileSystem fs,
      Path out,
      String program,
      Loss loss,
      GdOptions o,
      ParseSummary s,
      Encoding encoding,
      List<String> columns,
      Standardization std,
      IterativeJob.Result r,
      String negative,
      String positive,
      List<String> classes)
      throws IOException {
    int d = s.dimension();
    List<String> names = encoding != null ? encoding.featureNames() : columns;
    double[] trained = r.state();
    Multinomial multi = classes == null ? null : new Multinomial(classes.size(), d);
    double[] eff = multi != null ? multi.effective(std, trained) : std.effective(trained);
    IterationMetrics last = r.history().get(r.history().size() - 1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("program", program);
    m.put("loss", loss.name().toLowerCase(Locale.ROOT));
    m.put("features", d);
    m.put("feature_names", names);
    m.put("label", o.label());
    if (names != null) {
      m.put("csv_header", o.header().word());
    }
    m.put("feature_index_base", names == null ? 1 : 0);
    if (encoding != null) {
      m.put("encoding", encoding.toJson());
    }
    if (multi != null) {
      m.put("family", "multinomial");
      m.put("classes", classes.stream().map(ModelFile::labelValue).toList());
      m.put("weights", weightRows(multi, eff));
      m.put("intercept", intercepts(multi, eff));
    } else {
      m.put("weights", Arrays.copyOf(eff, d));
      m.put("intercept", eff[d]);
    }
    if (multi == null && loss.classifies()) {
      Map<String, Object> labels = new LinkedHashMap<>();
      // numbers as numbers (as before), any other label as its text
      labels.put("negative", labelValue(negative));
      labels.put("positive", labelValue(positive));
      m.put("labels", labels);
    }
    if (std.isIdentity()) {
      m.put("standardization", null);
    } else {
      Map<String, Object> z = new LinkedHashMap<>();
      z.put("centered", o.intercept());
      z.put("mean", std.mean());
      z.put("std", std.std());
      z.put("trained_weights", multi != null ? weightRows(multi, trained)
          : Arrays.copyOf(trained, d));
      z.put("trained_intercept", multi != null ? intercepts(multi, trained) : trained[d]);
      m.put("standardization", z);
    }
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("mode", o.mode());
    if (o.mode().equals("minibatch")) {
      h.put("fraction", o.fraction());
    }
    if (!o.mode().equals("batch")) {
      h.put("seed", o.seed());
    }
    h.put("step", o.step());
    h.put("schedule", o.schedule().flag());
    h.put("decay", o.decay());
    h.put("l1", o.l1());
    h.put("l2", o.l2());
    h.put("fit_intercept", o.intercept());
    h.put("standardize", o.standardize());
    h.put("max_iter", o.maxIter());
    h.put("tol", o.tol());
    h.put("loss_tol", o.lossTol());
    m.put("hyperparameters", h);
    m.put("iterations", r.iterations());
    m.put("stop", r.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (r.stop() == IterativeJob.Stop.STEP_UNDERFLOW) {
      m.put("stop_note", GdTool.underflow(o, last));
    }
    m.put("converged", r.stop().converged());
    m.put("final_loss", last.loss());
    m.put("final_loss_note", "objective at the weights before the last update");
    // the step the last iteration used: the schedule's, halved at each rollback
    Double step = last.extra().get("step");
    m.put("final_step", step == null ? o.step() * last.stepScale() : step);
    m.put("step_halvings", last.halvings());
    m.put("records", s.records());
    OutputFiles.writeJson(fs, new Path(out, "model.json"), m);
    try (java.io.OutputStream png = fs.create(new Path(out, "loss.png"), true)) {
      png.write(
          LossPlot.png(
              LossPlot.gdTitle(program, o.mode(), o.step(), o.schedule().flag(), r.history()),
              "loss",
              r.history()));
    }
  }

  /** A multinomial state's weights as K rows (class c's weights by feature index). */
  private static List<double[]> weightRows(Multinomial multi, double[] state) {
    List<double[]> rows = new java.util.ArrayList<>();
    for (int c = 0; c < multi.classes(); c++) {
      rows.add(Arrays.copyOf(multi.block(state, c), multi.dim()));
    }
    return rows;
  }

  /** A multinomial state's K intercepts. */
  private static double[] intercepts(Multinomial multi, double[] state) {
    double[] b = new double[multi.classes()];
    for (int c = 0; c < b.length; c++) {
      b[c] = multi.block(state, c)[multi.dim()];
    }
    return b;
  }

  private static Object labelValue(String text) {
    Double v = Labels.number(text);
    return v != null ? (Object) v : text;
  }


}
