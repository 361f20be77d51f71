package dev.mailtrace.search;

/** How search results are ordered. */
public enum SortOrder {
  /** Newest first; messages without a date last. */
  NEWEST,
  /** Oldest first; messages without a date last. */
  OLDEST,
  /** Best match first. */
  RELEVANCE
}
