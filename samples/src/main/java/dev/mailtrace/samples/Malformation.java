package dev.mailtrace.samples;

/** The defects a {@link Kind#MALFORMED} message carries, one per message. */
public enum Malformation {
  /** A multipart whose closing boundary line is missing. */
  MISSING_CLOSING_BOUNDARY,
  /** A base64 body with characters outside the alphabet and a truncated last quantum. */
  BAD_BASE64,
  /** RFC 2047 encoded words that are unterminated, use an unknown charset or bad bytes. */
  BROKEN_ENCODED_WORD,
  /** A line in the header section that has no colon. */
  HEADER_WITHOUT_COLON,
  /** A message with CRLF line ends that has some bare LF line ends. */
  BARE_LF_IN_CRLF
}
