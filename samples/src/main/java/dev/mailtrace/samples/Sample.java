package dev.mailtrace.samples;

/**
 * One generated message with what the generator knows about it.
 *
 * @param index position in the generated sequence, from 0
 * @param kind what the message is
 * @param malformation the defect of a {@link Kind#MALFORMED} message, otherwise null
 * @param reply true when the message answers an earlier one (In-Reply-To, References, "Re:")
 * @param crlf true when the message's lines end in CRLF (otherwise LF)
 * @param envelopeSender the address for an mbox {@code From } line ({@code MAILER-DAEMON} for
 *     bounces)
 * @param envelopeTime epoch seconds for the mbox {@code From } line
 * @param content the message bytes (RFC 5322), ending with a line end
 * @param facts what the generator put in, as ground truth for tests and benchmarks: {@code
 *     message-id}, {@code hops} (Received fields at the top level), {@code from}, {@code to},
 *     {@code subject} (decoded), {@code date} (epoch seconds); for bounces {@code bounce-format}
 *     (postfix-dsn, exim-dsn, exim-text, qmail-text), {@code reason} (Sisimai name), {@code
 *     status}, {@code action}, {@code reply-code}, {@code recipient}, {@code sender}
 */
public record Sample(
    int index,
    Kind kind,
    Malformation malformation,
    boolean reply,
    boolean crlf,
    String envelopeSender,
    long envelopeTime,
    byte[] content,
    java.util.Map<String, String> facts) {

  public Sample {
    facts = java.util.Map.copyOf(facts);
  }

  /** A sample without recorded facts. */
  public Sample(
      int index,
      Kind kind,
      Malformation malformation,
      boolean reply,
      boolean crlf,
      String envelopeSender,
      long envelopeTime,
      byte[] content) {
    this(index, kind, malformation, reply, crlf, envelopeSender, envelopeTime, content, java.util.Map.of());
  }
}
