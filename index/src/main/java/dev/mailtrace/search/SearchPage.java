package dev.mailtrace.search;

import java.util.List;

/**
 * A page of search results.
 *
 * @param total how many messages match in all
 * @param hits the requested page of them
 */
public record SearchPage(long total, List<Hit> hits) {
  public SearchPage {
    hits = List.copyOf(hits);
  }
}
