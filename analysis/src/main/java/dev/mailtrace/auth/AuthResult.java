package dev.mailtrace.auth;

/**
 * The result of one signature check, in RFC 8601 section 2.7.1's words for DKIM (which ARC uses
 * too, RFC 8617 section 4.4).
 */
public enum AuthResult {
  /** The signature verified. */
  PASS,
  /** It did not: the body or the signed header fields changed, or the signature is wrong. */
  FAIL,
  /** Verified, but a local policy does not accept it. Not used by the verifier itself. */
  POLICY,
  /** Signed, but in a way that could not be processed. */
  NEUTRAL,
  /** Could not be verified now, maybe later: the key could not be had. */
  TEMPERROR,
  /** Can never be verified as it is: a bad tag, a missing or revoked key, an expired signature. */
  PERMERROR,
  /** Nothing to verify. */
  NONE;

  /** The word RFC 8601 uses: pass, fail, ... */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
