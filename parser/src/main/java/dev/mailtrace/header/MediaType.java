package dev.mailtrace.header;

import java.util.List;
import java.util.Map;

/**
 * A Content-Type or Content-Disposition value: type (and subtype) with parameters, RFC 2045 and
 * RFC 2231 (continuations, charset and language) and the common RFC 2047-in-parameter habit.
 *
 * @param type lower-case type ("text"), or the disposition type ("attachment")
 * @param subtype lower-case subtype ("plain"), empty for a disposition
 * @param params parameters with lower-case names and decoded values, in order
 */
public record MediaType(String type, String subtype, Map<String, String> params) {

  /** Parses a Content-Type value; problems are added to {@code problems}. */
  public static MediaType parse(String value, List<String> problems) {
    return new MediaType("text", "plain", Map.of()); // stub: being implemented
  }

  /** Parses a Content-Disposition value (no subtype). */
  public static MediaType parseDisposition(String value, List<String> problems) {
    return new MediaType("attachment", "", Map.of()); // stub: being implemented
  }

  /** "type/subtype", or just the type for a disposition. */
  public String mimeType() {
    return subtype.isEmpty() ? type : type + "/" + subtype;
  }

  /** A parameter value by (case-insensitive) name, or null. */
  public String param(String name) {
    return params.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
