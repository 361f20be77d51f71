package dev.mailtrace.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for each stage, after RFC 5321 section 4.5.3.2.
 *
 * @param connect TCP connection set-up (not in the RFC; 30 seconds by default)
 * @param greeting initial 220 message (5 minutes); also used for EHLO, STARTTLS, AUTH, RSET, NOOP,
 *     HELP, VRFY, EXPN and QUIT
 * @param mail reply to MAIL (5 minutes)
 * @param rcpt reply to each RCPT (5 minutes)
 * @param dataInit reply to DATA (2 minutes)
 * @param dataBlock each write of message content (3 minutes)
 * @param dataEnd reply to the final dot or BDAT LAST (10 minutes)
 */
public record Timeouts(
    Duration connect,
    Duration greeting,
    Duration mail,
    Duration rcpt,
    Duration dataInit,
    Duration dataBlock,
    Duration dataEnd) {
  /** The RFC 5321 values. */
  public static final Timeouts RFC_5321 =
      new Timeouts(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(2),
          Duration.ofMinutes(3),
          Duration.ofMinutes(10));

  public Timeouts {
    for (Duration d : new Duration[] {connect, greeting, mail, rcpt, dataInit, dataBlock, dataEnd}) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive: " + d);
      }
    }
  }

  /** The same timeout for every stage (tests, impatient runs). */
  public static Timeouts all(Duration d) {
    return new Timeouts(d, d, d, d, d, d, d);
  }

  /** The read timeout for a stage. */
  public Duration of(Stage stage) {
    return switch (stage) {
      case CONNECT -> connect;
      case MAIL -> mail;
      case RCPT -> rcpt;
      case DATA -> dataInit;
      case BODY -> dataBlock;
      case DATA_END -> dataEnd;
      case GREETING, EHLO, STARTTLS, AUTH, RSET, NOOP, QUERY, QUIT -> greeting;
    };
  }
}
