package dev.mailtrace.auth;

import java.util.List;

/** What a {@link KeySource} found at a key's name. */
public sealed interface KeyLookup permits KeyLookup.Found, KeyLookup.Absent, KeyLookup.Failed {

  /**
   * TXT records exist at the name.
   *
   * @param records each record's text, its strings joined (RFC 6376 section 3.6.2.2)
   * @param origin where they came from, for a person: the zone file and line, or "DNS"
   */
  record Found(List<String> records, String origin) implements KeyLookup {
    public Found {
      records = List.copyOf(records);
    }
  }

  /**
   * No record at the name.
   *
   * @param why for a person: where it was looked for
   * @param definitive true when the name is known not to exist (DNS NXDOMAIN or no TXT), false when
   *     the source simply does not hold it (a zone file without that key)
   */
  record Absent(String why, boolean definitive) implements KeyLookup {}

  /**
   * The look-up failed in a way that may pass (DNS time-out, server failure).
   *
   * @param why for a person
   */
  record Failed(String why) implements KeyLookup {}
}
