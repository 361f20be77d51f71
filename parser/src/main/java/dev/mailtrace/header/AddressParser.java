package dev.mailtrace.header;

import dev.mailtrace.message.Address;
import java.util.List;

/** RFC 5322 section 3.4 address lists, with groups, comments, obsolete forms and RFC 2047 names. */
public final class AddressParser {
  private AddressParser() {}

  /** Parses an address-list field value; what cannot be read is added to {@code problems}. */
  public static List<Address> parse(String value, List<String> problems) {
    return List.of(new Address(null, value.trim())); // stub: being implemented
  }
}
