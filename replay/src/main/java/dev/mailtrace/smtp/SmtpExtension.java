package dev.mailtrace.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * An EHLO keyword (RFC 5321 section 4.1.1.1): an open enum with the extensions this client uses as
 * constants and {@link #of(String)} for whatever else a server announces.
 *
 * @param keyword the keyword, upper case
 */
public record SmtpExtension(String keyword) {
  /** RFC 2920 command pipelining. */
  public static final SmtpExtension PIPELINING = new SmtpExtension("PIPELINING");
  /** RFC 1870 message size declaration; the parameter is the server's limit. */
  public static final SmtpExtension SIZE = new SmtpExtension("SIZE");
  /** RFC 6152 8-bit MIME transport. */
  public static final SmtpExtension EIGHT_BIT_MIME = new SmtpExtension("8BITMIME");
  /** RFC 6531 internationalised email. */
  public static final SmtpExtension SMTPUTF8 = new SmtpExtension("SMTPUTF8");
  /** RFC 3030 BDAT. */
  public static final SmtpExtension CHUNKING = new SmtpExtension("CHUNKING");
  /** RFC 3030 binary MIME. */
  public static final SmtpExtension BINARYMIME = new SmtpExtension("BINARYMIME");
  /** RFC 3207 TLS upgrade. */
  public static final SmtpExtension STARTTLS = new SmtpExtension("STARTTLS");
  /** RFC 4954 authentication; the parameters are the mechanisms. */
  public static final SmtpExtension AUTH = new SmtpExtension("AUTH");
  /** RFC 3461 delivery status notifications. */
  public static final SmtpExtension DSN = new SmtpExtension("DSN");
  /** RFC 2034 enhanced status codes. */
  public static final SmtpExtension ENHANCEDSTATUSCODES = new SmtpExtension("ENHANCEDSTATUSCODES");

  private static final SmtpExtension[] KNOWN = {
    PIPELINING, SIZE, EIGHT_BIT_MIME, SMTPUTF8, CHUNKING, BINARYMIME, STARTTLS, AUTH, DSN, ENHANCEDSTATUSCODES
  };

  public SmtpExtension {
    Objects.requireNonNull(keyword, "keyword");
  }

  /** The extension for a keyword as announced, case-insensitive; a known constant when there is one. */
  public static SmtpExtension of(String keyword) {
    String upper = keyword.trim().toUpperCase(Locale.ROOT);
    for (SmtpExtension known : KNOWN) {
      if (known.keyword.equals(upper)) {
        return known;
      }
    }
    return new SmtpExtension(upper);
  }

  @Override
  public String toString() {
    return keyword;
  }
}
