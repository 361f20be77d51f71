package dev.mailtrace.samples;

/** What a generated message is, so tests and benchmarks can check the mix they asked for. */
public enum Kind {
  /** A single text/plain part. */
  PLAIN,
  /** multipart/alternative with text/plain and text/html. */
  ALTERNATIVE,
  /** multipart/mixed with a text part and one or more attachments. */
  MIXED,
  /** multipart/mixed forwarding an earlier message as a message/rfc822 part. */
  FORWARD,
  /** An RFC 3464 multipart/report delivery status notification (Postfix style). */
  DSN,
  /** A bounce without a delivery-status part (Exim style, plain text with the original appended). */
  NONSTANDARD_BOUNCE,
  /** An out-of-office answer marked {@code Auto-Submitted: auto-replied}. */
  AUTO_REPLY,
  /** A byte-for-byte repeat of an earlier message. */
  DUPLICATE,
  /** A message with one deliberate defect; see {@link Malformation}. */
  MALFORMED
}
