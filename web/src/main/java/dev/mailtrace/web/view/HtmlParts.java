package dev.mailtrace.web.view;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.web.body.HtmlSanitiser;
import dev.mailtrace.web.body.SanitisedHtml;
import java.util.Optional;

/** A message's leaves by section number, and its HTML parts sanitised for showing. */
public final class HtmlParts {
  private HtmlParts() {}

  /** The leaf with this section number ("1.2"), if any. */
  public static Optional<Part> leaf(Message m, String path) {
    for (Part p : m.leaves()) {
      if (p.path().equals(path)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether a part is an HTML body shown in a frame (not an HTML attachment, which is only downloaded). */
  static boolean isShown(Part p) {
    return p.contentType().equals("text/html") && !p.isAttachment();
  }

  /** The HTML body at this section number, sanitised, with its inline images; empty when there is none. */
  public static Optional<SanitisedHtml> sanitised(Message m, String path) {
    return leaf(m, path).filter(HtmlParts::isShown).map(p -> sanitise(m, p));
  }

  static SanitisedHtml sanitise(Message m, Part p) {
    return new HtmlSanitiser().sanitise(p.text(), InlineImages.of(m));
  }
}
