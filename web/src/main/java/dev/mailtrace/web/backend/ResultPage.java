package dev.mailtrace.web.backend;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total how many messages match in all
 * @param rows the page
 */
public record ResultPage(long total, List<MessageRow> rows) {
  public ResultPage {
    rows = List.copyOf(rows);
  }
}
