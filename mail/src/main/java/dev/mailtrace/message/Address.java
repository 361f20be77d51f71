package dev.mailtrace.message;

/**
 * A mailbox from an address list.
 *
 * @param name the display name, RFC 2047 decoded, or null when there is none
 * @param address the addr-spec ({@code local@domain}) as written, or the bare text when no
 *     address could be recognised
 */
public record Address(String name, String address) {
  /** The part after the last {@code @}, lower-cased, or null. */
  public String domain() {
    if (address == null) {
      return null;
    }
    int at = address.lastIndexOf('@');
    return at < 0 || at == address.length() - 1
        ? null
        : address.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
