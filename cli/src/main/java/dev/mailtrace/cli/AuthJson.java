package dev.mailtrace.cli;

import dev.mailtrace.auth.ArcChain;
import dev.mailtrace.auth.ArcInstance;
import dev.mailtrace.auth.AuthTrail;
import dev.mailtrace.auth.SignatureVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of authenticity findings, shared by {@code verify}, {@code show} and {@code
 * routes} so that a signature or an Authentication-Results verdict reads the same everywhere.
 */
final class AuthJson {
  private AuthJson() {}

  /** One signature's verdict. */
  static Map<String, Object> signature(SignatureVerdict v) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("field", v.field().word());
    if (v.instance() > 0) {
      o.put("instance", v.instance());
    }
    o.put("domain", v.domain());
    o.put("selector", v.selector());
    o.put("algorithm", v.algorithm());
    o.put("canonicalization", v.canonicalization());
    o.put("identity", v.identity());
    o.put("result", v.result().word());
    o.put("reason", v.reason());
    o.put("aligned", v.alignment().word());
    o.put("bodyHash", v.bodyHashMatches() == null ? null : v.bodyHashMatches() ? "match" : "mismatch");
    o.put("bodyLength", v.bodyLength() < 0 ? null : v.bodyLength());
    o.put("signedHeaders", v.signedHeaders());
    o.put("signedAt", v.signedAt() == null ? null : v.signedAt().toString());
    o.put("expires", v.expires() == null ? null : v.expires().toString());
    Map<String, Object> key = null;
    if (v.keySha256() != null) {
      key = new LinkedHashMap<>();
      key.put("sha256", v.keySha256());
      key.put("origin", v.keyOrigin());
      key.put("bits", v.keyBits());
    }
    o.put("key", key);
    o.put("risks", v.risks());
    return o;
  }

  /** Every signature's verdict. */
  static List<Object> signatures(List<SignatureVerdict> verdicts) {
    List<Object> out = new ArrayList<>(verdicts.size());
    for (SignatureVerdict v : verdicts) {
      out.add(signature(v));
    }
    return out;
  }

  /** An ARC chain: result, reason, instances in order. */
  static Map<String, Object> arc(ArcChain chain) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("result", chain.result().word());
    o.put("reason", chain.reason());
    List<Object> instances = new ArrayList<>();
    for (ArcInstance i : chain.instances()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("instance", i.instance());
      j.put("cv", i.chainValidation());
      j.put("authservId", i.authservId());
      j.put("authResults", i.authResults());
      j.put("messageSignature", i.messageSignature() == null ? null : signature(i.messageSignature()));
      j.put("seal", i.seal() == null ? null : signature(i.seal()));
      instances.add(j);
    }
    o.put("instances", instances);
    return o;
  }

  /** The verdicts of Authentication-Results and Received-SPF fields, each with its hop. */
  static List<Object> trail(AuthTrail trail) {
    List<Object> out = new ArrayList<>();
    for (AuthTrail.AuthField f : trail.fields()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("hop", f.hop());
      j.put("field", f.name());
      j.put("server", f.server());
      j.put("verdicts", verdicts(f.verdicts()));
      j.put("problems", f.problems());
      out.add(j);
    }
    return out;
  }

  /** Method results: method, result, identity, reason. */
  static List<Object> verdicts(List<AuthTrail.Verdict> verdicts) {
    List<Object> out = new ArrayList<>(verdicts.size());
    for (AuthTrail.Verdict v : verdicts) {
      out.add(verdict(v, new LinkedHashMap<>()));
    }
    return out;
  }

  /** Puts one method result's method, result, identity and reason into {@code j}; returns it. */
  static Map<String, Object> verdict(AuthTrail.Verdict v, Map<String, Object> j) {
    j.put("method", v.method());
    j.put("result", v.result());
    j.put("identity", v.identity());
    j.put("reason", v.reason());
    return j;
  }

  /** "spf=pass (a@example.com) dkim=pass (example.com)": a hop's verdicts on one line. */
  static String line(List<AuthTrail.Verdict> verdicts) {
    StringBuilder b = new StringBuilder();
    for (AuthTrail.Verdict v : verdicts) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(v.method()).append('=').append(v.result());
      if (v.identity() != null) {
        b.append(" (").append(v.identity()).append(')');
      }
    }
    return b.toString();
  }
}
