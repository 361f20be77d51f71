package dev.mailtrace.web.body;

import java.util.List;

/**
 * An HTML body made safe to show.
 *
 * @param html the body's content, sanitised
 * @param blocked each remote reference removed ("image http://...", "refresh to ..."), in order
 * @param inertLinks how many links were kept as text without a target
 */
public record SanitisedHtml(String html, List<String> blocked, int inertLinks) {
  public SanitisedHtml {
    blocked = List.copyOf(blocked);
  }
}
