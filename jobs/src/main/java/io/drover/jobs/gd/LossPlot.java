package io.drover.jobs.gd;

import io.drover.common.iterate.IterationMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code loss.png} (gd) and {@code cost.png} (kmeans): the runtime's per-iteration loss on a
 * logarithmic y axis when it spans more than {@link #LOG_SPAN} (two orders of magnitude), every
 * rollback (a halving of the step) marked by a vertical line before the first iteration after it.
 * What the plot shows is decided by the pure {@link #logScale}, {@link #rollbacks} and {@link
 * #gdTitle}; this class only draws it.
 */
public final class LossPlot {
  /** max/min of the losses above which the y axis is logarithmic. */
  static final double LOG_SPAN = 100;

  private LossPlot() {}

  /**
   * A rollback: the runtime rolled back and halved the step {@code halvings} times (more than once
   * when the retried iteration diverged again) before committing {@code iteration}, whose step
   * scale is {@code scale}.
   */
  record Rollback(int iteration, double loss, int halvings, double scale) {}

  /**
   * A logarithmic y axis: every loss finite and above 0, and the largest more than {@link
   * #LOG_SPAN} times the smallest.
   */
  static boolean logScale(List<IterationMetrics> history) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (IterationMetrics m : history) {
      double v = m.loss();
      if (!(v > 0) || Double.isInfinite(v)) {
        return false;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return !history.isEmpty() && max > LOG_SPAN * min;
  }

  /** Each committed iteration that follows one or more rollbacks (its halvings count went up). */
  static List<Rollback> rollbacks(List<IterationMetrics> history) {
    List<Rollback> out = new ArrayList<>();
    int before = 0;
    for (IterationMetrics m : history) {
      if (m.halvings() > before) {
        out.add(new Rollback(m.iteration(), m.loss(), m.halvings() - before, m.stepScale()));
      }
      before = m.halvings();
    }
    return out;
  }

  /**
   * gd's title: program and mode, the step in effect at the last iteration (the schedule and the
   * halvings applied), and how it came from the base {@code --step}.
   */
  static String gdTitle(
      String program, String mode, double baseStep, String schedule,
      List<IterationMetrics> history) {
    String title = program + " " + mode;
    if (history.isEmpty()) {
      return title + ", step " + baseStep;
    }
    IterationMetrics last = history.get(history.size() - 1);
    Double step = last.extra().get("step");
    StringBuilder b =
        new StringBuilder(title)
            .append(String.format(Locale.ROOT, ", step %.4g",
                step == null ? baseStep * last.stepScale() : step));
    List<String> why = new ArrayList<>();
    if (!schedule.equals("constant")) {
      why.add(schedule + " schedule");
    }
    if (last.halvings() > 0) {
      why.add("halved " + last.halvings() + (last.halvings() == 1 ? " time" : " times"));
    }
    if (!why.isEmpty()) {
      b.append(" (base ").append(baseStep).append(", ").append(String.join(", ", why))
          .append(")");
    }
    return b.toString();
  }

  /** {@code what}: the name of the iterations' loss (the y axis and the series). */
  public static byte[] png(String title, String what, List<IterationMetrics> history)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    boolean log = logScale(history);
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("iteration")
            .yAxisTitle(log ? what + " (log scale)" : what)
            .build();
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setYAxisLogarithmic(log);
    List<Integer> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (IterationMetrics m : history) {
      x.add(m.iteration());
      y.add(m.loss());
    }
    XYSeries loss = chart.addSeries(what, x, y);
    loss.setMarker(SeriesMarkers.NONE);
    List<Rollback> backs = rollbacks(history);
    if (!backs.isEmpty()) {
      List<Integer> rx = new ArrayList<>();
      List<Double> ry = new ArrayList<>();
      for (Rollback r : backs) {
        rx.add(r.iteration());
        ry.add(r.loss());
        chart.addAnnotation(new AnnotationLine(r.iteration() - 0.5, true, false));
        chart.addAnnotation(
            new AnnotationText(
                (r.halvings() == 1 ? "" : r.halvings() + "x ") + "step/2", r.iteration(),
                r.loss(), false));
      }
      XYSeries back = chart.addSeries("after a rollback (step halved)", rx, ry);
      back.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      back.setMarker(SeriesMarkers.DIAMOND);
    }
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
