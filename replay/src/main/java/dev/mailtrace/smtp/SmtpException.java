package dev.mailtrace.smtp;

import java.io.IOException;

/**
 * The session is no longer usable: the connection failed, timed out, broke the protocol, the TLS
 * upgrade failed, or the server closed the session (421). Replies to a transaction that the server
 * gives in good order are not exceptions; they are in {@link Transaction}.
 */
public final class SmtpException extends IOException {
  /** What kind of failure, for accounting. */
  public enum Kind {
    /** No connection, or it was lost. */
    CONNECTION,
    /** A stage timeout of RFC 5321 section 4.5.3.2 fired. */
    TIMEOUT,
    /** The server said something that is not SMTP. */
    PROTOCOL,
    /** STARTTLS was needed but not offered, or the handshake failed. */
    TLS,
    /** The server refused the session (greeting, EHLO/HELO or AUTH rejected, or 421). */
    REFUSED
  }

  private final Kind kind;
  private final Stage stage;
  private final transient SmtpReply reply;

  /** A failure at a stage, with the reply that caused it when there was one. */
  public SmtpException(Kind kind, Stage stage, String message, SmtpReply reply, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.stage = stage;
    this.reply = reply;
  }

  /** What kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** The stage where it happened. */
  public Stage stage() {
    return stage;
  }

  /** The server's reply behind the failure, or null. */
  public SmtpReply reply() {
    return reply;
  }

  /** Whether trying again later may help: anything but a 5xx refusal or a broken protocol. */
  public boolean isTransient() {
    return switch (kind) {
      case CONNECTION, TIMEOUT -> true;
      case REFUSED -> reply == null || !reply.isPermanent();
      case PROTOCOL, TLS -> false;
    };
  }
}
