package dev.mailtrace.header;

import java.time.OffsetDateTime;

/** RFC 5322 section 3.3 dates and their obsolete and real-world variants. */
public final class DateParser {
  private DateParser() {}

  /** The instant with its original offset, or null when no date can be read from {@code value}. */
  public static OffsetDateTime parse(String value) {
    return null; // stub: being implemented
  }
}
