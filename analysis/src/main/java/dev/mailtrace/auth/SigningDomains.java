package dev.mailtrace.auth;

import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The signing domains ({@code d=}) a message's DKIM-Signature fields claim, read without verifying
 * anything: what an index can hold for every message, keys or not.
 */
public final class SigningDomains {
  private SigningDomains() {}

  /** The {@code d=} of each DKIM-Signature field whose tags can be read, lower case, in order. */
  public static List<String> of(Message m) {
    List<String> out = new ArrayList<>(2);
    for (Header h : m.headers()) {
      if (h.is("DKIM-Signature")) {
        String d = TagList.parse(h.value()).get("d");
        if (d != null && !TagList.withoutFws(d).isEmpty()) {
          out.add(TagList.withoutFws(d).toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return out;
  }
}
