package dev.mailtrace.auth;

import java.util.Locale;

/** The three header fields that carry a DKIM-style signature. */
public enum SignatureField {
  /** RFC 6376. */
  DKIM_SIGNATURE("DKIM-Signature"),
  /** RFC 8617 section 4.1.2: signs the message as one hop of an ARC chain saw it. */
  ARC_MESSAGE_SIGNATURE("ARC-Message-Signature"),
  /** RFC 8617 section 4.1.3: seals the ARC sets up to its own. */
  ARC_SEAL("ARC-Seal");

  private final String fieldName;

  SignatureField(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The field name as written: DKIM-Signature, ARC-Message-Signature, ARC-Seal. */
  public String fieldName() {
    return fieldName;
  }

  /** The lower-case field name, as output uses it ("dkim-signature"). */
  public String word() {
    return fieldName.toLowerCase(Locale.ROOT);
  }
}
