package dev.mailtrace.web.view;

import java.util.List;

/**
 * The values of one dimension among the results, each a link that refines the query.
 *
 * @param label the dimension's heading
 * @param values the values, each with its count and the refined query's address (null for "(none)")
 */
public record Facet(String label, List<Value> values) {
  public Facet {
    values = List.copyOf(values);
  }

  /**
   * One value.
   *
   * @param value the value
   * @param count matching messages with it
   * @param href the results refined to it, or null when it cannot be selected
   */
  public record Value(String value, String count, String href) {}
}
