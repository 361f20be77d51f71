package dev.mailtrace.web.view;

import dev.mailtrace.json.JsonWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart's data as the pages hand it to the chart script: JSON in a {@code data-chart} attribute
 * (escaped there by the template like any attribute), read by {@code charts.js}, drawn by Chart.js.
 * The same numbers are always in a table beside it, so the page says everything without scripts.
 *
 * @param json the chart as JSON: type, labels, series of values, whether stacked
 */
public record Chart(String json) {

  /**
   * One named series of values, aligned with the labels.
   *
   * @param name the legend's name
   * @param values one value per label
   */
  public record Series(String name, List<Long> values) {}

  /** Bars of several series over the same labels, stacked. */
  public static Chart stacked(String title, List<String> labels, List<Series> series) {
    return of("bar", title, labels, series, true, false, List.of());
  }

  /** Bars of one series, horizontal for long labels such as host names. */
  public static Chart bars(String title, List<String> labels, List<Long> values, boolean horizontal) {
    return of("bar", title, labels, List.of(new Series(title, values)), false, horizontal, List.of());
  }

  /** A doughnut of shares; {@code colors} (CSS colours, one per label) or empty for the palette. */
  public static Chart doughnut(String title, List<String> labels, List<Long> values, List<String> colors) {
    return of("doughnut", title, labels, List.of(new Series(title, values)), false, false, colors);
  }

  private static Chart of(String type, String title, List<String> labels, List<Series> series, boolean stacked, boolean horizontal,
      List<String> colors) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", type);
    o.put("title", title);
    o.put("labels", labels);
    List<Object> ss = new ArrayList<>();
    for (Series s : series) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", s.name());
      j.put("values", s.values());
      ss.add(j);
    }
    o.put("series", ss);
    o.put("stacked", stacked);
    o.put("horizontal", horizontal);
    o.put("colors", colors);
    StringWriter w = new StringWriter();
    new JsonWriter(w).value(o);
    return new Chart(w.toString());
  }
}
