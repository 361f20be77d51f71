package dev.mailtrace.auth;

import dev.mailtrace.message.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * One DKIM key record (RFC 6376 section 3.6.1), read from a TXT record's text.
 *
 * @param text the record's text as the DNS joins its strings
 * @param sha256 lower-case hex SHA-256 of {@code text} in UTF-8: what a report cites as the key
 * @param keyType the {@code k=} tag: rsa (the default) or ed25519
 * @param hashes the {@code h=} tag's hash names, or null when any is allowed
 * @param services the {@code s=} tag's service types (default {@code *})
 * @param flags the {@code t=} tag's flags: {@code y} (testing), {@code s} (no subdomains in i=)
 * @param key the public key, or null when revoked ({@code p=} empty) or unreadable
 * @param bits the key's size: the RSA modulus length, 256 for ed25519, 0 without a key
 * @param problem why the record cannot be used, or null
 */
record KeyRecord(
    String text,
    String sha256,
    String keyType,
    List<String> hashes,
    List<String> services,
    List<String> flags,
    PublicKey key,
    int bits,
    String problem) {

  /** SubjectPublicKeyInfo prefix of a raw 32-byte Ed25519 key (RFC 8410 section 4). */
  private static final byte[] ED25519_SPKI = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  /** True when {@code p=} was empty: the domain revoked the key. */
  boolean isRevoked() {
    return key == null && problem == null;
  }

  /** Reads a record's text; a record that cannot be used has {@link #problem()} set. */
  static KeyRecord parse(String text) {
    String sha = Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    TagList t = TagList.parse(text);
    String v = t.get("v");
    String k = t.get("k") == null ? "rsa" : t.get("k");
    List<String> h = t.get("h") == null ? null : colonList(t.get("h"));
    List<String> s = t.get("s") == null ? List.of("*") : colonList(t.get("s"));
    List<String> flags = t.get("t") == null ? List.of() : colonList(t.get("t"));
    if (!t.problems().isEmpty()) {
      return bad(text, sha, k, h, s, flags, "bad key record: " + t.problems().get(0));
    }
    if (v != null && (!v.equals("DKIM1") || !t.names().get(0).equals("v"))) {
      return bad(text, sha, k, h, s, flags, "bad key record: v=" + v + (v.equals("DKIM1") ? " not first" : ""));
    }
    String p = t.get("p");
    if (p == null) {
      return bad(text, sha, k, h, s, flags, "bad key record: no p= tag");
    }
    p = TagList.withoutFws(p);
    if (p.isEmpty()) {
      return new KeyRecord(text, sha, k, h, s, flags, null, 0, null);
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(p);
    } catch (IllegalArgumentException e) {
      return bad(text, sha, k, h, s, flags, "bad key record: p= is not base64");
    }
    try {
      switch (k) {
        case "rsa" -> {
          PublicKey key = rsa(der);
          return new KeyRecord(text, sha, k, h, s, flags, key, ((RSAPublicKey) key).getModulus().bitLength(), null);
        }
        case "ed25519" -> {
          if (der.length != 32) {
            return bad(text, sha, k, h, s, flags, "bad key record: an ed25519 key has 32 bytes, not " + der.length);
          }
          byte[] spki = new byte[ED25519_SPKI.length + 32];
          System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
          System.arraycopy(der, 0, spki, ED25519_SPKI.length, 32);
          PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
          return new KeyRecord(text, sha, k, h, s, flags, key, 256, null);
        }
        default -> {
          return bad(text, sha, k, h, s, flags, "unknown key type k=" + k);
        }
      }
    } catch (GeneralSecurityException | ClassCastException e) {
      return bad(text, sha, k, h, s, flags, "bad key record: p= is not a " + k + " public key");
    }
  }

  private static KeyRecord bad(
      String text, String sha, String k, List<String> h, List<String> s, List<String> flags, String why) {
    return new KeyRecord(text, sha, k, h, s, flags, null, 0, why);
  }

  /**
   * An RSA key from a SubjectPublicKeyInfo, as RFC 6376 section 3.6.1 publishes it, or from a bare
   * RSAPublicKey (RFC 3447 appendix A.1.1), which some publishers put in {@code p=} instead.
   */
  private static PublicKey rsa(byte[] der) throws GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    try {
      return rsa.generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException spkiFailed) {
      byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
      byte[] bits = new byte[der.length + 1];
      System.arraycopy(der, 0, bits, 1, der.length);
      ByteArrayOutputStream inner = new ByteArrayOutputStream();
      inner.writeBytes(algorithm);
      derItem(inner, 0x03, bits);
      ByteArrayOutputStream spki = new ByteArrayOutputStream();
      derItem(spki, 0x30, inner.toByteArray());
      return rsa.generatePublic(new X509EncodedKeySpec(spki.toByteArray()));
    }
  }

  private static void derItem(ByteArrayOutputStream out, int tag, byte[] content) {
    out.write(tag);
    int n = content.length;
    if (n < 128) {
      out.write(n);
    } else if (n < 256) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xff);
    }
    out.writeBytes(content);
  }

  /** A colon-separated tag value (h=, s=, t=) as trimmed words. */
  static List<String> colonList(String value) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(4);
    for (String w : value.split(":", -1)) {
      String x = TagList.withoutFws(w);
      if (!x.isEmpty()) {
        out.add(x);
      }
    }
    return List.copyOf(out);
  }
}
