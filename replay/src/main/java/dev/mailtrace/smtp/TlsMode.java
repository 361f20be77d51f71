package dev.mailtrace.smtp;

/** Whether to upgrade the connection with STARTTLS (RFC 3207). */
public enum TlsMode {
  /** Upgrade, and fail the session when the server does not offer STARTTLS. */
  REQUIRED,
  /** Upgrade when offered, stay in plain text otherwise. */
  OPPORTUNISTIC,
  /** Never upgrade. */
  OFF
}
