package dev.mailtrace.auth;

import java.util.List;

/**
 * What a message's signatures say about it: every DKIM-Signature's verdict in header order (the
 * newest first) and its ARC chain.
 *
 * @param fromDomain the domain of the single From address, lower case; null when the message has
 *     no From, several From fields or several addresses in it (DMARC then has nothing to align with,
 *     RFC 7489 section 6.6.1)
 * @param dkim one verdict per DKIM-Signature field, top to bottom
 * @param arc the ARC chain
 * @param problems what was odd in the header section (lines that are not fields, several From
 *     fields), one line each
 */
public record Authenticity(String fromDomain, List<SignatureVerdict> dkim, ArcChain arc, List<String> problems) {
  public Authenticity {
    dkim = List.copyOf(dkim);
    problems = List.copyOf(problems);
  }

  /**
   * The message's DKIM result in one word, as an Authentication-Results field sums it up: pass when
   * any signature passes, else the first of fail, permerror, temperror, neutral found; none when
   * there is no signature.
   */
  public AuthResult dkimResult() {
    if (dkim.isEmpty()) {
      return AuthResult.NONE;
    }
    for (AuthResult r : List.of(AuthResult.PASS, AuthResult.FAIL, AuthResult.PERMERROR, AuthResult.TEMPERROR)) {
      for (SignatureVerdict v : dkim) {
        if (v.result() == r) {
          return r;
        }
      }
    }
    return AuthResult.NEUTRAL;
  }

  /**
   * True when a passing DKIM signature's domain aligns with the From domain (relaxed mode): the DKIM
   * half of a DMARC pass (RFC 7489 section 4.2).
   */
  public boolean isDkimAligned() {
    return dkim.stream().anyMatch(v -> v.isPass() && v.alignment() != Alignment.NONE);
  }
}
