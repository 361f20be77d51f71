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
  /** A question about the server or its users: HELP, VRFY, EXPN (RFC 5321 section 4.1.1.6-8). */
  QUERY,
  QUIT
}
