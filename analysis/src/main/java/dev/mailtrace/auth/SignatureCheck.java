package dev.mailtrace.auth;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the signatures of one message: the steps of RFC 6376 section 6.1 shared by
 * DKIM-Signature, ARC-Message-Signature and ARC-Seal. Used once, by one thread; the body's
 * canonical hashes are computed once per (canonicalisation, hash, length) and shared by every
 * signature that needs them.
 */
final class SignatureCheck {
  /** RFC 8301 section 3.2: verifiers must not accept RSA keys shorter than this. */
  static final int MIN_RSA_BITS = 1024;

  /** RFC 8301 section 3.2: signers should use at least this; smaller keys are a risk. */
  static final int ADVISED_RSA_BITS = 2048;

  /** RFC 5322 section 3.6: fields a message has at most once; more copies than signed is a risk. */
  private static final Set<String> SINGLETONS = Set.of(
      "from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references");

  /** Fields whose change would change what a reader sees or trusts; unsigned ones are a risk. */
  private static final List<String> IMPORTANT = List.of(
      "subject", "date", "to", "cc", "reply-to", "sender", "message-id", "content-type", "content-transfer-encoding",
      "mime-version");

  /** Clock differences between signer and receiver that are not worth a word. */
  private static final long SKEW = 3600;

  private final WireMessage m;
  private final KeyCache keys;
  private final ReceiptTime receipt;
  private final String fromDomain;
  private final PublicSuffixes suffixes;
  private final CanonicalBytes signed = new CanonicalBytes();
  private final Map<String, long[]> bodyLengths = new HashMap<>(4);
  private final Map<String, byte[]> bodyHashes = new HashMap<>(4);

  /**
   * @param receipt when the message arrived, against which {@code x=} is judged: an archive is read
   *     long after any signature expired
   */
  SignatureCheck(WireMessage m, KeyCache keys, ReceiptTime receipt, String fromDomain, PublicSuffixes suffixes) {
    this.m = m;
    this.keys = keys;
    this.receipt = receipt;
    this.fromDomain = fromDomain;
    this.suffixes = suffixes;
  }

  /** Verifies a DKIM-Signature or ARC-Message-Signature at field {@code f}. */
  SignatureVerdict messageSignature(int f, SignatureTags t) {
    return check(f, t, t.problem() == null ? selectSigned(f, t.signedHeaders()) : new int[0]);
  }

  /** Verifies an ARC-Seal at field {@code f} over the ARC fields {@code sealed}, in signing order. */
  SignatureVerdict seal(int f, SignatureTags t, int[] sealed) {
    return check(f, t, sealed);
  }

  /**
   * The fields {@code h=} names, each name taking the lowest field of that name not yet taken
   * (RFC 6376 section 5.4.2); -1 for a name with none left (over-signed: it signs absence).
   */
  int[] selectSigned(int sigField, List<String> names) {
    int[] out = new int[names.size()];
    Map<String, Integer> above = new HashMap<>(names.size() * 2);
    for (int k = 0; k < names.size(); k++) {
      String n = names.get(k);
      int f = above.getOrDefault(n, m.fields) - 1;
      while (f >= 0 && !m.is(f, n)) {
        f--;
      }
      out[k] = f;
      above.put(n, Math.max(f, 0));
    }
    return out;
  }

  private SignatureVerdict check(int f, SignatureTags t, int[] covered) {
    Draft v = new Draft(t);
    if (t.problem() != null) {
      return v.end(AuthResult.PERMERROR, "bad tag: " + t.problem());
    }
    if (t.expiry() >= 0 && t.expiry() < receipt.instant().getEpochSecond()) {
      return v.end(AuthResult.PERMERROR, "expired x=: " + Instant.ofEpochSecond(t.expiry()) + " is before "
          + receipt.how() + " (" + receipt.instant() + ")");
    }
    if (t.timestamp() >= 0 && receipt.isReceived() && t.timestamp() > receipt.instant().getEpochSecond() + SKEW) {
      v.risks.add("signed after the message was received: t=" + Instant.ofEpochSecond(t.timestamp()));
    }
    if (t.field() != SignatureField.ARC_SEAL) {
      checkBody(t, v);
    }
    String name = t.selector() + "._domainkey." + t.domain();
    KeyCache.Key key = keys.key(name);
    if (key.record() == null) {
      return v.end(key.result(), key.reason(), v.bodyMismatch() ? "body hash mismatch; " : "");
    }
    KeyRecord k = key.record();
    v.keySha256 = k.sha256();
    v.keyOrigin = key.origin();
    v.keyBits = k.bits();
    String unusable = unusable(k, t);
    if (unusable != null) {
      return v.end(AuthResult.PERMERROR, unusable, v.bodyMismatch() ? "body hash mismatch; " : "");
    }
    boolean valid = verifyHeaders(f, t, covered, k);
    if (v.bodyMismatch()) {
      return v.end(AuthResult.FAIL, valid
          ? "body hash mismatch: the body changed, the signed header fields did not"
          : "body hash mismatch and signature mismatch: the body and signed header fields changed");
    }
    if (!valid) {
      int froms = m.count("from");
      return v.end(AuthResult.FAIL, "signature mismatch: a signed header field changed"
          + (froms > 1 && t.field() != SignatureField.ARC_SEAL ? " or was added (the message has " + froms + " From fields)" : ""));
    }
    if (t.field() != SignatureField.ARC_SEAL) {
      String added = addedFrom(t);
      if (added != null) {
        return v.end(AuthResult.FAIL, added);
      }
      headerRisks(t, v);
    }
    keyRisks(k, t, v);
    return v.end(AuthResult.PASS, null);
  }

  private void checkBody(SignatureTags t, Draft v) {
    long limit = t.bodyLength() < 0 ? Long.MAX_VALUE : t.bodyLength();
    String cacheKey = t.body() + "/" + t.algorithm().hashWord() + "/" + limit;
    byte[] hash = bodyHashes.get(cacheKey);
    long[] length = bodyLengths.get(cacheKey);
    if (hash == null) {
      MessageDigest d = t.algorithm().newDigest();
      length = new long[] {t.body().body(m.body, m.bodyStart, m.body.length, d, limit)};
      hash = d.digest();
      bodyHashes.put(cacheKey, hash);
      bodyLengths.put(cacheKey, length);
    }
    v.canonicalBodyLength = length[0];
    v.bodyHashMatches = MessageDigest.isEqual(hash, t.bodyHash());
    if (t.bodyLength() >= 0) {
      if (t.bodyLength() > length[0]) {
        v.bodyHashMatches = false;
        v.risks.add("l=" + t.bodyLength() + " is longer than the body (" + length[0] + " bytes): it was cut");
      } else if (t.bodyLength() < length[0]) {
        v.risks.add("l=" + t.bodyLength() + ": the last " + (length[0] - t.bodyLength())
            + " bytes of the body are not signed");
      } else {
        v.risks.add("l=" + t.bodyLength() + ": text appended to the body would not break the signature");
      }
    }
  }

  /** Why key record {@code k} cannot verify signature {@code t}, or null (RFC 6376 section 6.1.2). */
  private static String unusable(KeyRecord k, SignatureTags t) {
    if (k.isRevoked()) {
      return "revoked key (p= is empty)";
    }
    if (!k.keyType().equals(t.algorithm().keyType())) {
      return "key type k=" + k.keyType() + " does not match a=" + t.algorithmWord();
    }
    if (k.hashes() != null && !k.hashes().contains(t.algorithm().hashWord())) {
      return "the key allows only h=" + String.join(":", k.hashes()) + ", not " + t.algorithm().hashWord();
    }
    if (!k.services().contains("*") && !k.services().contains("email")) {
      return "the key is not for email (s=" + String.join(":", k.services()) + ")";
    }
    if (k.flags().contains("s") && t.identity() != null && !t.identity().toLowerCase(Locale.ROOT).endsWith("@" + t.domain())) {
      return "the key forbids subdomains in i= (t=s), i=" + t.identity();
    }
    if (k.keyType().equals("rsa") && k.bits() < MIN_RSA_BITS) {
      return "key too short: " + k.bits() + " bits (RFC 8301 requires " + MIN_RSA_BITS + ")";
    }
    return null;
  }

  private boolean verifyHeaders(int f, SignatureTags t, int[] covered, KeyRecord k) {
    signed.clear();
    for (int c : covered) {
      if (c >= 0) {
        t.header().header(m, c, signed, -1, -1, false);
      }
    }
    int[] b = t.tags().range("b");
    int base = m.valueStart(f);
    t.header().header(m, f, signed, base + b[0], base + b[1], true);
    return t.algorithm().verify(k.key(), signed.buf, signed.size, t.signature());
  }

  /**
   * RFC 6376 section 8.15: a From field added above the signed one changes what the reader sees
   * without breaking the signature unless From is over-signed; DMARC (RFC 7489 section 6.6.1) does
   * not accept such a message, and dkimpy counts it as a failure too.
   */
  private String addedFrom(SignatureTags t) {
    long signedFroms = t.signedHeaders().stream().filter("from"::equals).count();
    int froms = m.count("from");
    return froms > signedFroms
        ? "a From field was added: the message has " + froms + ", the signature covers " + signedFroms
        : null;
  }

  private void headerRisks(SignatureTags t, Draft v) {
    List<String> unsigned = new ArrayList<>();
    for (String name : IMPORTANT) {
      if (!t.signedHeaders().contains(name) && m.count(name) > 0) {
        unsigned.add(name);
      }
    }
    if (!unsigned.isEmpty()) {
      v.risks.add("not signed: " + String.join(", ", unsigned));
    }
    for (String name : SINGLETONS) {
      long signedCount = t.signedHeaders().stream().filter(name::equals).count();
      int present = m.count(name);
      if (signedCount > 0 && present > signedCount) {
        v.risks.add(name + ": " + present + " fields, " + signedCount + " signed");
      }
    }
  }

  private static void keyRisks(KeyRecord k, SignatureTags t, Draft v) {
    if (t.algorithm().isWeak()) {
      v.risks.add(t.algorithmWord() + " is weak (RFC 8301)");
    }
    if (k.keyType().equals("rsa") && k.bits() < ADVISED_RSA_BITS) {
      v.risks.add(k.bits() + "-bit RSA key (RFC 8301 advises " + ADVISED_RSA_BITS + ")");
    }
    if (k.flags().contains("y")) {
      v.risks.add("the key is in testing mode (t=y)");
    }
  }

  /** A verdict being put together. */
  private final class Draft {
    final SignatureTags t;
    final List<String> risks = new ArrayList<>(2);
    Boolean bodyHashMatches;
    long canonicalBodyLength = -1;
    String keySha256;
    String keyOrigin;
    int keyBits;

    Draft(SignatureTags t) {
      this.t = t;
    }

    boolean bodyMismatch() {
      return Boolean.FALSE.equals(bodyHashMatches);
    }

    SignatureVerdict end(AuthResult result, String reason) {
      return end(result, reason, "");
    }

    SignatureVerdict end(AuthResult result, String reason, String prefix) {
      if (bodyMismatch() && result != AuthResult.FAIL) {
        // the body changed whatever the key says: that is a failure, and the key problem is noted
        return make(AuthResult.FAIL, prefix + reason);
      }
      return make(result, reason);
    }

    private SignatureVerdict make(AuthResult result, String reason) {
      String canon = t.header() == null || t.body() == null ? null
          : t.field() == SignatureField.ARC_SEAL ? "relaxed" : t.header().word() + "/" + t.body().word();
      return new SignatureVerdict(
          t.field(), t.instance(), t.domain(), t.selector(), t.algorithmWord(), canon, t.identity(),
          t.signedHeaders(), result, reason,
          t.field() == SignatureField.DKIM_SIGNATURE ? Alignment.of(t.domain(), fromDomain, suffixes) : Alignment.NONE,
          bodyHashMatches, t.bodyLength(), canonicalBodyLength,
          t.timestamp() < 0 ? null : Instant.ofEpochSecond(t.timestamp()),
          t.expiry() < 0 ? null : Instant.ofEpochSecond(t.expiry()),
          keySha256, keyOrigin, keyBits, risks);
    }
  }
}
