package io.drover.jobs.gd;

import io.drover.common.iterate.IterationMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code loss.png} (gd) and {@code cost.png} (kmeans): the runtime's per-iteration loss, iterations
 * that followed a rollback marked.
 */
public final class LossPlot {
  private LossPlot() {}

  static byte[] png(String title, List<IterationMetrics> history) throws IOException {
    return png(title, "loss", history);
  }

  /** {@code what}: the name of the iterations' loss (the y axis and the series). */
  public static byte[] png(String title, String what, List<IterationMetrics> history)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("iteration")
            .yAxisTitle(what)
            .build();
    chart.getStyler().setLegendVisible(true);
    List<Integer> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<Integer> rx = new ArrayList<>();
    List<Double> ry = new ArrayList<>();
    for (IterationMetrics m : history) {
      x.add(m.iteration());
      y.add(m.loss());
      if (!m.note().isEmpty()) {
        rx.add(m.iteration());
        ry.add(m.loss());
      }
    }
    XYSeries loss = chart.addSeries(what, x, y);
    loss.setMarker(SeriesMarkers.NONE);
    if (!rx.isEmpty()) {
      XYSeries back = chart.addSeries("after a rollback (step halved)", rx, ry);
      back.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      back.setMarker(SeriesMarkers.DIAMOND);
    }
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
