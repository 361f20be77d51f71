package dev.mailtrace.bounce;

/** What kind of delivery report a message is, if any. */
public enum ReportKind {
  /** Not a delivery report: ordinary mail. */
  NONE,
  /** Delivery failed for at least one recipient. */
  BOUNCE,
  /** Delivery is delayed and still being tried (Action: delayed). */
  DELAY,
  /** A success DSN (Action: delivered, relayed or expanded). */
  DELIVERED,
  /** An ARF feedback report (RFC 5965). */
  FEEDBACK,
  /** An auto-reply or vacation message (RFC 3834). */
  AUTOREPLY
}
