package dev.mailtrace.smtp;

/** The steps of an SMTP session and transaction, for timeouts, latencies and error reports. */
public enum Stage {
  CONNECT,
  GREETING,
  EHLO,
  STARTTLS,
  AUTH,
  MAIL,
  RCPT,
  DATA,
  /** Sending the message content (DATA body or BDAT chunks). */
  BODY,
  /** The reply to the final {@code .} or to {@code BDAT ... LAST}. */
  DATA_END,
  RSET,
  NOOP,
  QUIT
}
