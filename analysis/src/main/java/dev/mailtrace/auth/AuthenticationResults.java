package dev.mailtrace.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Authentication-Results field (RFC 8601), read by {@link AuthResultsParser}.
 *
 * @param authservId who evaluated the message (usually the receiving host or its domain); null
 *     when the field does not start with one
 * @param results the methods' results in order; empty for {@code none}
 * @param problems what does not follow RFC 8601's grammar, one line each; empty when well-formed
 */
public record AuthenticationResults(String authservId, List<MethodResult> results, List<String> problems) {
  public AuthenticationResults {
    results = List.copyOf(results);
    problems = List.copyOf(problems);
  }

  /**
   * One method's result.
   *
   * @param method lower case: dkim, spf, dmarc, arc, iprev, auth, sender-id, domainkeys, x-...
   * @param result lower case: pass, fail, softfail, none, neutral, temperror, permerror, policy, ...
   * @param reason the {@code reason=} value, or null
   * @param comment the comment after the result, without parentheses, or null
   * @param properties {@code ptype.property} to value, in order ({@code header.d}, {@code smtp.mailfrom})
   */
  public record MethodResult(String method, String result, String reason, String comment, Map<String, String> properties) {
    public MethodResult {
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The identity the method judged: header.d (or header.i) for DKIM, smtp.mailfrom (or smtp.helo)
     * for SPF, header.from for DMARC, else the first property's value; null when none.
     */
    public String identity() {
      List<String> keys = switch (method) {
        case "dkim", "domainkeys" -> List.of("header.d", "header.i");
        case "spf" -> List.of("smtp.mailfrom", "smtp.mfrom", "smtp.helo");
        case "dmarc", "sender-id" -> List.of("header.from");
        case "iprev" -> List.of("policy.iprev", "smtp.remote-ip", "smtp.client-ip");
        case "auth" -> List.of("smtp.auth", "smtp.mailfrom");
        default -> List.of();
      };
      for (String k : keys) {
        if (properties.get(k) != null) {
          return properties.get(k);
        }
      }
      return properties.isEmpty() ? null : properties.values().iterator().next();
    }
  }
}
