package dev.mailtrace.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates a message's ARC chain (RFC 8617 section 5.2): the sets numbered 1 to N with exactly one
 * ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal each, the seals' {@code cv=}
 * consistent ({@code none} on the first, {@code pass} on the others, no {@code fail} on the newest),
 * the newest message signature verified, then every seal. Older message signatures are verified
 * too and reported, but a failure there is expected (the message was changed on the way) and does
 * not fail the chain.
 */
final class ArcVerifier {
  private static final String[] PARTS = {"ARC-Authentication-Results", "ARC-Message-Signature", "ARC-Seal"};

  private ArcVerifier() {}

  /** One ARC set as found in the header, fields by index (-1 when missing, -2 when duplicated). */
  private static final class Set {
    int aar = -1;
    int ams = -1;
    int seal = -1;
    SignatureTags amsTags;
    SignatureTags sealTags;
  }

  static ArcChain verify(WireMessage m, SignatureCheck check) {
    List<Set> sets = new ArrayList<>();
    List<String> structure = new ArrayList<>(0);
    boolean any = false;
    for (int f = 0; f < m.fields; f++) {
      boolean isAar = m.is(f, "arc-authentication-results");
      boolean isAms = m.is(f, "arc-message-signature");
      boolean isSeal = m.is(f, "arc-seal");
      if (!isAar && !isAms && !isSeal) {
        continue;
      }
      any = true;
      SignatureTags tags = isAar ? null
          : SignatureTags.parse(isAms ? SignatureField.ARC_MESSAGE_SIGNATURE : SignatureField.ARC_SEAL, m.rawValue(f));
      int i = isAar ? aarInstance(m.value(f)) : tags.instance();
      if (i < 1 || i > SignatureTags.MAX_INSTANCE) {
        structure.add(m.name(f) + " without a valid instance i=");
        continue;
      }
      while (sets.size() < i) {
        sets.add(new Set());
      }
      Set s = sets.get(i - 1);
      if (isAar) {
        s.aar = s.aar == -1 ? f : -2;
      } else if (isAms) {
        s.ams = s.ams == -1 ? f : -2;
        s.amsTags = tags;
      } else {
        s.seal = s.seal == -1 ? f : -2;
        s.sealTags = tags;
      }
    }
    if (!any) {
      return ArcChain.NONE;
    }
    int n = sets.size();
    for (int k = 0; k < n; k++) {
      Set s = sets.get(k);
      int[] parts = {s.aar, s.ams, s.seal};
      for (int p = 0; p < 3; p++) {
        if (parts[p] < 0) {
          structure.add("instance " + (k + 1) + (parts[p] == -1 ? " has no " : " has more than one ") + PARTS[p]);
        }
      }
    }
    // verify every signature that can be found, for the report
    List<ArcInstance> instances = new ArrayList<>(n);
    SignatureVerdict[] amsVerdicts = new SignatureVerdict[n];
    SignatureVerdict[] sealVerdicts = new SignatureVerdict[n];
    for (int k = 0; k < n; k++) {
      Set s = sets.get(k);
      if (s.ams >= 0) {
        amsVerdicts[k] = check.messageSignature(s.ams, s.amsTags);
      }
      if (s.seal >= 0) {
        int[] sealed = sealed(sets, k);
        sealVerdicts[k] = sealed == null ? null : check.seal(s.seal, s.sealTags, sealed);
      }
      String aarValue = s.aar >= 0 ? m.value(s.aar) : null;
      instances.add(new ArcInstance(k + 1, s.sealTags == null || s.seal < 0 ? null : s.sealTags.chainValidation(),
          aarValue == null ? null : authservId(aarValue), aarValue == null ? null : payload(aarValue),
          amsVerdicts[k], sealVerdicts[k]));
    }
    Set newest = sets.get(n - 1);
    if (newest.seal >= 0 && "fail".equals(newest.sealTags.chainValidation())) {
      return new ArcChain(AuthResult.FAIL, "instance " + n + " sealed the chain as failed (cv=fail)", instances);
    }
    if (!structure.isEmpty()) {
      return new ArcChain(AuthResult.FAIL, String.join("; ", structure), instances);
    }
    for (int k = 0; k < n; k++) {
      String cv = sets.get(k).sealTags.chainValidation();
      String want = k == 0 ? "none" : "pass";
      if (!want.equals(cv)) {
        return new ArcChain(AuthResult.FAIL, "instance " + (k + 1) + " has cv=" + cv + ", not " + want, instances);
      }
    }
    ArcChain decided = decisive(amsVerdicts[n - 1], "the newest message signature (i=" + n + ")", instances);
    if (decided != null) {
      return decided;
    }
    for (int k = n - 1; k >= 0; k--) {
      decided = decisive(sealVerdicts[k], "the seal of instance " + (k + 1), instances);
      if (decided != null) {
        return decided;
      }
    }
    return new ArcChain(AuthResult.PASS, null, instances);
  }

  /** The chain's verdict when {@code v} does not pass, else null. */
  private static ArcChain decisive(SignatureVerdict v, String what, List<ArcInstance> instances) {
    if (v.isPass()) {
      return null;
    }
    AuthResult r = v.result() == AuthResult.TEMPERROR ? AuthResult.TEMPERROR : AuthResult.FAIL;
    return new ArcChain(r, what + " " + v.result().word() + "s: " + v.reason(), instances);
  }

  /**
   * The fields the seal of set {@code k} signs (RFC 8617 section 5.1.1): for each set from the
   * first to its own, its ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal; the seal
   * itself last, added by the caller. Null when a set on the way is incomplete.
   */
  private static int[] sealed(List<Set> sets, int k) {
    int[] out = new int[3 * k + 2];
    int o = 0;
    for (int j = 0; j <= k; j++) {
      Set s = sets.get(j);
      if (s.aar < 0 || s.ams < 0 || (j < k && s.seal < 0)) {
        return null;
      }
      out[o++] = s.aar;
      out[o++] = s.ams;
      if (j < k) {
        out[o++] = s.seal;
      }
    }
    return out;
  }

  /** The {@code i=N;} at the start of an ARC-Authentication-Results value, or -1. */
  static int aarInstance(String value) {
    String v = value.strip();
    if (!v.toLowerCase(Locale.ROOT).startsWith("i")) {
      return -1;
    }
    int eq = v.indexOf('=');
    int semi = v.indexOf(';');
    if (eq < 0 || semi < eq || !v.substring(1, eq).isBlank()) {
      return -1;
    }
    String n = v.substring(eq + 1, semi).strip();
    if (n.isEmpty() || n.length() > 3 || !n.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(n);
  }

  private static String afterInstance(String value) {
    int semi = value.indexOf(';');
    return semi < 0 ? "" : value.substring(semi + 1).strip();
  }

  private static String authservId(String value) {
    String rest = afterInstance(value);
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != ';' && !Character.isWhitespace(rest.charAt(end))) {
      end++;
    }
    return end == 0 ? null : rest.substring(0, end);
  }

  private static String payload(String value) {
    String rest = afterInstance(value);
    int semi = rest.indexOf(';');
    return semi < 0 ? "" : rest.substring(semi + 1).strip();
  }
}
