package dev.mailtrace.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Received-SPF field (RFC 7208 section 9.1), read by {@link ReceivedSpfParser}.
 *
 * @param result lower case: pass, fail, softfail, neutral, none, temperror, permerror; null when
 *     the field does not start with one
 * @param comment the comment after the result, without parentheses, or null
 * @param keys the key=value pairs in order, keys lower case (client-ip, envelope-from, helo,
 *     receiver, identity, mechanism, problem, ...)
 * @param receiver who evaluated SPF: {@code receiver=}, else the host name the comment starts with
 *     ({@code (mx.example.com: domain of ...)}, RFC 7208 section 9.1's example), else null
 * @param problems what does not follow the grammar, one line each
 */
public record ReceivedSpf(String result, String comment, Map<String, String> keys, String receiver, List<String> problems) {
  public ReceivedSpf {
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    problems = List.copyOf(problems);
  }

  /**
   * The identity checked: {@code envelope-from} (or {@code helo} when {@code identity=helo}, or when
   * there is no envelope-from), else null.
   */
  public String identity() {
    if ("helo".equalsIgnoreCase(keys.get("identity")) || keys.get("envelope-from") == null) {
      return keys.getOrDefault("helo", keys.get("envelope-from"));
    }
    return keys.get("envelope-from");
  }
}
