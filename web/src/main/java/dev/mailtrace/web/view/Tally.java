package dev.mailtrace.web.view;

import dev.mailtrace.web.backend.Count;
import dev.mailtrace.web.backend.Dimension;
import dev.mailtrace.web.backend.QueryText;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of counts: values, how many messages have each, their share, and a link to those
 * messages. Dashboards show one beside each chart.
 *
 * @param title the table's heading
 * @param lines the values
 */
public record Tally(String title, List<Line> lines) {
  public Tally {
    lines = List.copyOf(lines);
  }

  /**
   * One value.
   *
   * @param value the value
   * @param count how many, readable
   * @param n how many
   * @param share its share of the whole, readable
   * @param href the messages with it, or null
   */
  public record Line(String value, String count, long n, String share, String href) {}

  /** A tally of counts of a dimension within {@code query}, each linked to its refined query. */
  static Tally of(String title, String query, Dimension d, List<Count> counts, long whole) {
    List<Line> lines = new ArrayList<>();
    for (Count c : counts) {
      String href = c.value().equals(Dimension.NONE) ? null : Urls.search(QueryText.and(query, QueryText.clause(d, c.value())));
      lines.add(new Line(c.value(), Display.count(c.count()), c.count(), Display.percent(c.count(), whole), href));
    }
    return new Tally(title, lines);
  }

  /** The values, for a chart's labels. */
  public List<String> labels() {
    return lines.stream().map(Line::value).toList();
  }

  /** The counts, for a chart's values. */
  public List<Long> counts() {
    return lines.stream().map(Line::n).toList();
  }
}
