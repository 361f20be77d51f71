package dev.mailtrace.message;

import java.util.Objects;

/**
 * One header field in the order it appeared.
 *
 * @param name the field name as written (case kept)
 * @param value the unfolded value without the leading space, encoded words not decoded; 8-bit
 *     bytes read as UTF-8, or windows-1252 where they are not valid UTF-8
 */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** True when this field's name is {@code other}, ignoring ASCII case as RFC 5322 requires. */
  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }
}
