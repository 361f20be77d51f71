package dev.mailtrace.web.backend;

import java.util.Locale;

/** How a result list is ordered. */
public enum Order {
  /** Newest first; messages without a date last. */
  NEWEST,
  /** Oldest first; messages without a date last. */
  OLDEST,
  /** Best match first. */
  RELEVANCE;

  /** The order named in a URL ({@code newest}, {@code oldest}, {@code relevance}), newest when unknown. */
  public static Order of(String name) {
    if (name != null) {
      for (Order o : values()) {
        if (o.param().equals(name.toLowerCase(Locale.ROOT))) {
          return o;
        }
      }
    }
    return NEWEST;
  }

  /** The name used in URLs. */
  public String param() {
    return name().toLowerCase(Locale.ROOT);
  }
}
