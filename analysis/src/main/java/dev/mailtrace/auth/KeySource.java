package dev.mailtrace.auth;

/**
 * Where DKIM keys come from: the TXT records at {@code selector._domainkey.domain} (RFC 6376 section
 * 3.6.2). Implementations: {@link ZoneKeys} (a zone file the user collected: offline) and {@link
 * DnsKeys} (the live DNS, only when the user asks). Implementations are thread-safe.
 */
public interface KeySource {
  /** The TXT records at {@code name} (lower case, no trailing dot). */
  KeyLookup lookup(String name);

  /** No keys at all: every look-up is {@link KeyLookup.Absent}, not definitive. */
  static KeySource none() {
    return name -> new KeyLookup.Absent("no key source (give a zone file, or --dns)", false);
  }

  /** Asks {@code first}, and {@code second} for names {@code first} does not have. */
  static KeySource firstOf(KeySource first, KeySource second) {
    return name -> {
      KeyLookup l = first.lookup(name);
      return l instanceof KeyLookup.Absent ? second.lookup(name) : l;
    };
  }
}
