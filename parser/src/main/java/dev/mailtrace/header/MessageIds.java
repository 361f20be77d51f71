package dev.mailtrace.header;

import java.util.List;

/** Message-ID, In-Reply-To and References (RFC 5322 section 3.6.4), tolerant of real-world forms. */
public final class MessageIds {
  private MessageIds() {}

  /** The ids in a field value, without angle brackets, in order. */
  public static List<String> parse(String value) {
    return List.of(); // stub: being implemented
  }
}
