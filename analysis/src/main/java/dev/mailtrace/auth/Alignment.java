package dev.mailtrace.auth;

import java.util.Locale;

/**
 * How a signing domain ({@code d=}) relates to the From domain, as DMARC judges identifier
 * alignment (RFC 7489 section 3.1.1): strict when the two are equal, relaxed when they share their
 * organisational domain (the Public Suffix List's registrable domain), none otherwise.
 */
public enum Alignment {
  /** The same domain: aligned under both strict and relaxed DMARC modes. */
  STRICT,
  /** The same organisational domain: aligned under relaxed mode only. */
  RELAXED,
  /** Not aligned, or no single From domain to align with. */
  NONE;

  /** The lower-case word used in output. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The alignment of {@code signingDomain} with {@code fromDomain} (null: none). */
  public static Alignment of(String signingDomain, String fromDomain, PublicSuffixes suffixes) {
    if (signingDomain == null || fromDomain == null || signingDomain.isEmpty() || fromDomain.isEmpty()) {
      return NONE;
    }
    String d = trimDot(signingDomain.toLowerCase(Locale.ROOT));
    String f = trimDot(fromDomain.toLowerCase(Locale.ROOT));
    if (d.equals(f)) {
      return STRICT;
    }
    String od = suffixes.organizationalDomain(d);
    return od != null && od.equals(suffixes.organizationalDomain(f)) ? RELAXED : NONE;
  }

  private static String trimDot(String d) {
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }
}
