package dev.mailtrace.web;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's path segments and query parameters, decoded.
 *
 * @param segments the path split at "/", each percent-decoded, without empty ones
 * @param params the first value of each query parameter
 */
record Request(List<String> segments, Map<String, String> params) {

  static Request of(URI uri) {
    String raw = uri.getRawPath() == null ? "/" : uri.getRawPath();
    List<String> segments = java.util.Arrays.stream(raw.split("/"))
        .filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
    Map<String, String> params = new HashMap<>();
    String q = uri.getRawQuery();
    if (q != null) {
      for (String pair : q.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.putIfAbsent(k, v);
      }
    }
    return new Request(segments, Map.copyOf(params));
  }

  /** A parameter, or {@code otherwise} when absent. */
  String param(String name, String otherwise) {
    return params.getOrDefault(name, otherwise);
  }

  /** A positive whole-number parameter, or 1. */
  int page() {
    try {
      return Math.max(1, Integer.parseInt(param("page", "1")));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The segment at {@code i}, or null. */
  String segment(int i) {
    return i < segments.size() ? segments.get(i) : null;
  }
}
