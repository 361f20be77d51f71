package dev.mailtrace.auth;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The signing algorithms of a DKIM or ARC {@code a=} tag, verified with the JDK's own providers.
 *
 * <p>rsa-sha256 and rsa-sha1 are RSASSA-PKCS1-v1_5 (RFC 6376 section 3.3); RFC 8301 section 3.1
 * says rsa-sha1 must no longer be used, so it is verified but marked weak. ed25519-sha256 (RFC 8463
 * section 3) signs the SHA-256 hash of the canonical header data with PureEdDSA, so the data is
 * hashed first and the 32-byte hash is what Ed25519 verifies.
 */
enum SignatureAlgorithm {
  RSA_SHA256("rsa-sha256", "rsa", "SHA-256", "SHA256withRSA"),
  RSA_SHA1("rsa-sha1", "rsa", "SHA-1", "SHA1withRSA"),
  ED25519_SHA256("ed25519-sha256", "ed25519", "SHA-256", "Ed25519");

  private final String word;
  private final String keyType;
  private final String hash;
  private final String jca;
  private final MessageDigest prototype;
  /** One verifier per thread: {@code Signature.getInstance} searches the providers on every call. */
  private final ThreadLocal<Signature> verifiers;

  SignatureAlgorithm(String word, String keyType, String hash, String jca) {
    this.word = word;
    this.keyType = keyType;
    this.hash = hash;
    this.jca = jca;
    try {
      this.prototype = MessageDigest.getInstance(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no " + hash, e);
    }
    this.verifiers = ThreadLocal.withInitial(() -> {
      try {
        return Signature.getInstance(jca);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this Java runtime cannot verify " + word, e);
      }
    });
  }

  /** The algorithm named in an {@code a=} tag, or null when unknown. */
  static SignatureAlgorithm of(String word) {
    for (SignatureAlgorithm a : values()) {
      if (a.word.equals(word)) {
        return a;
      }
    }
    return null;
  }

  /** The name in an {@code a=} tag. */
  String word() {
    return word;
  }

  /** The key type ({@code k=} of the key record) this algorithm needs. */
  String keyType() {
    return keyType;
  }

  /** The hash's name in a key record's {@code h=} tag: sha256 or sha1. */
  String hashWord() {
    return hash.equals("SHA-1") ? "sha1" : "sha256";
  }

  /** True for algorithms RFC 8301 retired. */
  boolean isWeak() {
    return this == RSA_SHA1;
  }

  /** A fresh digest of this algorithm's hash (cloned: a provider look-up per message shows). */
  MessageDigest newDigest() {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(hash + " digest cannot be cloned", e);
    }
  }

  /**
   * True when {@code signature} is this algorithm's signature by {@code key} over {@code data}'s
   * first {@code length} bytes; false for a wrong signature, a malformed one or a key of the wrong
   * kind.
   */
  boolean verify(PublicKey key, byte[] data, int length, byte[] signature) {
    try {
      Signature s = verifiers.get();
      s.initVerify(key); // also resets whatever a failed verification left behind
      if (this == ED25519_SHA256) {
        MessageDigest d = newDigest();
        d.update(data, 0, length);
        s.update(d.digest());
      } else {
        s.update(data, 0, length);
      }
      return s.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      return false;
    }
  }
}
