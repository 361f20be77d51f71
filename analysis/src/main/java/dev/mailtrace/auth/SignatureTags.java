package dev.mailtrace.auth;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The tags of one DKIM-Signature (RFC 6376 section 3.5), ARC-Message-Signature or ARC-Seal (RFC
 * 8617 sections 4.1.2 and 4.1.3), checked against their grammar.
 *
 * <p>A signature whose tags break the rules has {@link #problem()} set: the verifier reports it as
 * a permanent error without looking for a key. Values that could not be read are null.
 *
 * @param field which field it is
 * @param tags the tag list as read
 * @param algorithm the {@code a=} algorithm, or null when unknown
 * @param algorithmWord the {@code a=} tag as written
 * @param header canonicalisation of header fields ({@code c=}; relaxed for ARC-Seal)
 * @param body canonicalisation of the body
 * @param domain {@code d=}, lower case
 * @param selector {@code s=}
 * @param signedHeaders {@code h=} names in order, lower case (empty for ARC-Seal)
 * @param bodyHash {@code bh=} decoded (null for ARC-Seal)
 * @param signature {@code b=} decoded
 * @param identity {@code i=} of a DKIM-Signature (default {@code @d}), null for ARC
 * @param instance {@code i=} of an ARC field (1 to 50), 0 for DKIM
 * @param chainValidation {@code cv=} of an ARC-Seal (none, pass, fail), else null
 * @param bodyLength {@code l=}, or -1 when absent
 * @param timestamp {@code t=} in seconds, or -1
 * @param expiry {@code x=} in seconds, or -1
 * @param problem why the signature cannot be verified as written, or null
 */
record SignatureTags(
    SignatureField field,
    TagList tags,
    SignatureAlgorithm algorithm,
    String algorithmWord,
    Canonicalization header,
    Canonicalization body,
    String domain,
    String selector,
    List<String> signedHeaders,
    byte[] bodyHash,
    byte[] signature,
    String identity,
    int instance,
    String chainValidation,
    long bodyLength,
    long timestamp,
    long expiry,
    String problem) {

  /** Most ARC sets a chain may have (RFC 8617 section 4.2.1). */
  static final int MAX_INSTANCE = 50;

  /** Reads and checks the tags of a field's raw value (folding kept). */
  static SignatureTags parse(SignatureField field, String rawValue) {
    TagList t = TagList.parse(rawValue);
    List<String> problems = new ArrayList<>(t.problems());
    String[] required = switch (field) {
      case DKIM_SIGNATURE -> new String[] {"v", "a", "b", "bh", "d", "h", "s"};
      case ARC_MESSAGE_SIGNATURE -> new String[] {"i", "a", "b", "bh", "d", "h", "s"};
      case ARC_SEAL -> new String[] {"i", "a", "b", "cv", "d", "s"};
    };
    for (String r : required) {
      if (!t.has(r)) {
        problems.add("no " + r + "= tag");
      }
    }
    if (field == SignatureField.DKIM_SIGNATURE && t.has("v") && !t.get("v").equals("1")) {
      problems.add("v=" + t.get("v") + " is not 1");
    }
    String aWord = t.get("a") == null ? null : TagList.withoutFws(t.get("a")).toLowerCase(Locale.ROOT);
    SignatureAlgorithm a = aWord == null ? null : SignatureAlgorithm.of(aWord);
    if (aWord != null && a == null) {
      problems.add("unknown algorithm a=" + aWord);
    }
    Canonicalization hc = Canonicalization.RELAXED;
    Canonicalization bc = Canonicalization.RELAXED;
    if (field == SignatureField.ARC_SEAL) {
      if (t.has("h")) {
        problems.add("h= is not allowed in ARC-Seal"); // RFC 8617 section 4.1.3
      }
    } else {
      String c = t.get("c") == null ? (field == SignatureField.DKIM_SIGNATURE ? "simple/simple" : "relaxed/relaxed") : TagList.withoutFws(t.get("c"));
      int slash = c.indexOf('/');
      hc = Canonicalization.of(slash < 0 ? c : c.substring(0, slash));
      bc = slash < 0 ? Canonicalization.SIMPLE : Canonicalization.of(c.substring(slash + 1));
      if (hc == null || bc == null) {
        problems.add("unknown canonicalization c=" + c);
      }
    }
    String d = t.get("d") == null ? null : TagList.withoutFws(t.get("d")).toLowerCase(Locale.ROOT);
    if (d != null && (d.isEmpty() || d.startsWith(".") || d.indexOf('@') >= 0)) {
      problems.add("bad domain d=" + d);
    }
    String s = t.get("s") == null ? null : TagList.withoutFws(t.get("s"));
    List<String> h = t.get("h") == null ? List.of() : lowerList(t.get("h"));
    if (field != SignatureField.ARC_SEAL && t.has("h") && !h.contains("from")) {
      problems.add("From is not signed (h=)"); // RFC 6376 section 5.4
    }
    if (field == SignatureField.ARC_MESSAGE_SIGNATURE && h.contains("arc-seal")) {
      problems.add("ARC-Seal is signed by the message signature"); // RFC 8617 section 4.1.2
    }
    byte[] bh = base64(t, "bh", problems);
    byte[] b = base64(t, "b", problems);
    String identity = null;
    int instance = 0;
    if (field == SignatureField.DKIM_SIGNATURE) {
      identity = t.get("i") == null ? (d == null ? null : "@" + d) : TagList.withoutFws(t.get("i"));
      if (identity != null && d != null && !withinDomain(identity, d)) {
        problems.add("i=" + identity + " is not within d=" + d); // RFC 6376 section 3.5
      }
    } else if (t.has("i")) {
      long i = number(t, "i", problems);
      instance = i >= 1 && i <= MAX_INSTANCE ? (int) i : 0;
      if (i >= 0 && instance == 0) {
        problems.add("instance i=" + t.get("i") + " is not 1 to " + MAX_INSTANCE);
      }
    }
    String cv = null;
    if (field == SignatureField.ARC_SEAL && t.has("cv")) {
      cv = TagList.withoutFws(t.get("cv")).toLowerCase(Locale.ROOT);
      if (!cv.equals("none") && !cv.equals("pass") && !cv.equals("fail")) {
        problems.add("cv=" + cv + " is not none, pass or fail");
      }
    }
    long l = field == SignatureField.DKIM_SIGNATURE && t.has("l") ? number(t, "l", problems) : -1;
    long ts = t.has("t") ? number(t, "t", problems) : -1;
    long x = t.has("x") ? number(t, "x", problems) : -1;
    if (ts >= 0 && x >= 0 && x < ts) {
      problems.add("x= is before t="); // RFC 6376 section 3.5: x must be greater than t
    }
    if (field == SignatureField.DKIM_SIGNATURE && t.has("q") && !TagList.withoutFws(t.get("q")).startsWith("dns/txt")) {
      problems.add("unknown query method q=" + t.get("q"));
    }
    return new SignatureTags(field, t, a, aWord, hc, bc, d, s, h, bh, b, identity, instance, cv, l, ts, x,
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  private static byte[] base64(TagList t, String name, List<String> problems) {
    String v = t.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(TagList.withoutFws(v));
    } catch (IllegalArgumentException e) {
      problems.add(name + "= is not base64");
      return null;
    }
  }

  private static long number(TagList t, String name, List<String> problems) {
    String v = TagList.withoutFws(t.get(name));
    // RFC 6376 section 3.5: at most 76 digits for l=, 12 are meaningful for times
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (!problems.contains(name + "=" + v + " is not a number")) {
        problems.add(name + "=" + v + " is not a number");
      }
      return -1;
    }
    return Long.parseLong(v);
  }

  private static List<String> lowerList(String value) {
    List<String> out = new ArrayList<>(12);
    for (String w : value.split(":", -1)) {
      String x = TagList.withoutFws(w).toLowerCase(Locale.ROOT);
      if (!x.isEmpty()) {
        out.add(x);
      }
    }
    return List.copyOf(out);
  }

  /** True when the domain of identity {@code i} is {@code d} or a subdomain of it. */
  static boolean withinDomain(String i, String d) {
    int at = i.lastIndexOf('@');
    String domain = (at < 0 ? i : i.substring(at + 1)).toLowerCase(Locale.ROOT);
    return domain.equals(d) || domain.endsWith("." + d);
  }
}
