package io.drover.jobs.aggregate.chart;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * {@code --chart FILE.png|.svg}: draws a result with XChart. When the first column is a time (a
 * timestamp, or text that reads as one, like the talk's {@code 'yyyy-MM-dd HH:00:00'} hours) it
 * is a line chart over time: one line per value of the second column when that is a string (the
 * talk's events), else one line per numeric column. Otherwise a bar chart of the first
 * {@link #BARS} rows, one bar series per numeric column.
 */
public final class ResultChart {
  /** Rows a bar chart shows. */
  public static final int BARS = 30;

  private ResultChart() {}

  /** What kind of chart a result gets, in words (for the client's message). */
  public static String kind(List<Type> types, List<String[]> rows, ZoneId zone) {
    return isTime(types, rows, zone) ? "line chart over time" : "bar chart";
  }

  private static boolean isTime(List<Type> types, List<String[]> rows, ZoneId zone) {
    if (types.get(0) == Type.TIMESTAMP) {
      return true;
    }
    if (types.get(0) != Type.STRING || rows.isEmpty()) {
      return false;
    }
    for (String[] r : rows) {
      if (r[0] != null && Values.parseTimestamp(r[0], zone) == null) {
        return false;
      }
    }
    return true;
  }

  private static Double number(String s) {
    return s == null ? null : Values.parseDouble(s);
  }

  /**
   * Writes the chart of {@code rows} (cell texts, null for NULL) to {@code file}; the format by
   * its extension.
   *
   * @throws IllegalArgumentException when the extension is neither .png nor .svg, or the result
   *     has no numeric column to draw
   */
  public static void write(Path file, String title, List<String> names, List<Type> types,
      List<String[]> rows, ZoneId zone) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw new IllegalArgumentException("--chart " + file + ": the file must end in .png or .svg");
    }
    List<Integer> numeric = new ArrayList<>();
    for (int i = 1; i < types.size(); i++) {
      if (types.get(i).numeric()) {
        numeric.add(i);
      }
    }
    if (numeric.isEmpty()) {
      throw new IllegalArgumentException("--chart: the result has no numeric column after the "
          + "first to draw (columns: " + names + ")");
    }
    System.setProperty("java.awt.headless", "true");
    Chart<?, ?> chart = isTime(types, rows, zone)
        ? line(title, names, types, rows, numeric, zone)
        : bars(title, names, rows, numeric);
    if (name.endsWith(".png")) {
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } else {
      VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(),
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
  }

  private static XYChart line(String title, List<String> names, List<Type> types,
      List<String[]> rows, List<Integer> numeric, ZoneId zone) {
    XYChart chart = new XYChartBuilder().width(1000).height(500).title(title)
        .xAxisTitle(names.get(0)).yAxisTitle(names.get(numeric.get(numeric.size() - 1))).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setDatePattern("yyyy-MM-dd HH:mm");
    chart.getStyler().setTimezone(TimeZone.getTimeZone(zone));
    boolean bySeries = types.size() >= 3 && types.get(1) == Type.STRING;
    int y = numeric.get(numeric.size() - 1);
    Map<String, List<Date>> xs = new LinkedHashMap<>();
    Map<String, List<Double>> ys = new LinkedHashMap<>();
    for (String[] r : rows) {
      Long t = r[0] == null ? null : types.get(0) == Type.TIMESTAMP
          ? Values.parseTimestamp(r[0], zone) : Values.parseTimestamp(r[0], zone);
      if (t == null) {
        continue;
      }
      Date d = new Date(Math.floorDiv(t, 1000));
      if (bySeries) {
        Double v = number(r[y]);
        if (v != null) {
          String s = r[1] == null ? "NULL" : r[1];
          xs.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
          ys.computeIfAbsent(s, k -> new ArrayList<>()).add(v);
        }
      } else {
        for (int c : numeric) {
          Double v = number(r[c]);
          if (v != null) {
            xs.computeIfAbsent(names.get(c), k -> new ArrayList<>()).add(d);
            ys.computeIfAbsent(names.get(c), k -> new ArrayList<>()).add(v);
          }
        }
      }
    }
    for (String s : xs.keySet()) {
      chart.addSeries(s, xs.get(s), ys.get(s));
    }
    return chart;
  }

  private static CategoryChart bars(String title, List<String> names, List<String[]> rows,
      List<Integer> numeric) {
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title(title)
        .xAxisTitle(names.get(0)).yAxisTitle(numeric.size() == 1 ? names.get(numeric.get(0))
            : "").build();
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setLegendVisible(numeric.size() > 1);
    List<String> cats = new ArrayList<>();
    for (String[] r : rows.subList(0, Math.min(BARS, rows.size()))) {
      cats.add(r[0] == null ? "NULL" : r[0]);
    }
    for (int c : numeric) {
      List<Double> v = new ArrayList<>();
      for (String[] r : rows.subList(0, cats.size())) {
        Double d = number(r[c]);
        v.add(d == null ? 0.0 : d);
      }
      chart.addSeries(names.get(c), cats, v);
    }
    return chart;
  }
}
