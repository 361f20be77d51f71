package dev.mailtrace.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one DKIM-Signature, ARC-Message-Signature or ARC-Seal.
 *
 * @param field which field was checked
 * @param instance the ARC instance ({@code i=}), 0 for DKIM
 * @param domain the signing domain {@code d=}, lower case, or null when missing
 * @param selector {@code s=}, or null
 * @param algorithm {@code a=} as written, or null
 * @param canonicalization {@code header/body}, e.g. {@code relaxed/simple}; null when unreadable
 * @param identity the agent or user identifier {@code i=} of a DKIM-Signature, else null
 * @param signedHeaders the {@code h=} names in order, lower case (over-signed names repeated)
 * @param result pass, fail, neutral, temperror, permerror (RFC 8601 section 2.7.1)
 * @param reason why it is not a pass (body hash mismatch, signature mismatch, no key, revoked key,
 *     expired x=, bad tag: ...); null for a pass
 * @param alignment of {@code d=} with the From domain (DMARC, RFC 7489 section 3.1.1)
 * @param bodyHashMatches whether the body's canonical hash equals {@code bh=}; null when not checked
 * @param bodyLength the {@code l=} tag, or -1 when the whole body is signed
 * @param canonicalBodyLength the canonical body's length in bytes, or -1 when not computed
 * @param signedAt {@code t=}, or null
 * @param expires {@code x=}, or null
 * @param keySha256 lower-case hex SHA-256 of the key record's text that was used, or null when no
 *     key record was read: cite it to say which key verified the signature
 * @param keyOrigin where the key record came from (zone file and line, or DNS), or null
 * @param keyBits the key's size in bits (0 when no key)
 * @param risks what makes a pass weaker than it looks: the l= tag, rsa-sha1, a testing key,
 *     repeated singleton fields beyond what is signed, important fields left unsigned
 */
public record SignatureVerdict(
    SignatureField field,
    int instance,
    String domain,
    String selector,
    String algorithm,
    String canonicalization,
    String identity,
    List<String> signedHeaders,
    AuthResult result,
    String reason,
    Alignment alignment,
    Boolean bodyHashMatches,
    long bodyLength,
    long canonicalBodyLength,
    Instant signedAt,
    Instant expires,
    String keySha256,
    String keyOrigin,
    int keyBits,
    List<String> risks) {

  public SignatureVerdict {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(alignment, "alignment");
    signedHeaders = List.copyOf(signedHeaders);
    risks = List.copyOf(risks);
  }

  /** True when the signature verified. */
  public boolean isPass() {
    return result == AuthResult.PASS;
  }
}
