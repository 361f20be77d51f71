package dev.mailtrace.bounce;

/**
 * One recipient of a delivery report. Fields not found are null.
 *
 * @param recipient the final recipient address, lower case
 * @param originalRecipient the Original-Recipient address when given
 * @param action failed, delayed, delivered, relayed, expanded
 * @param status RFC 3463 enhanced status code, e.g. 5.1.1
 * @param replyCode SMTP reply code, e.g. 550
 * @param command SMTP command at failure (RCPT, DATA, MAIL, ...)
 * @param diagnostic diagnostic text in one line
 * @param remoteHost the remote MTA that answered
 * @param reason the classified reason
 * @param hard true when the failure is permanent (a hard bounce)
 */
public record BouncedRecipient(
    String recipient,
    String originalRecipient,
    String action,
    String status,
    String replyCode,
    String command,
    String diagnostic,
    String remoteHost,
    Reason reason,
    boolean hard) {

  /**
   * The status to report: {@link #status} when the bounce gave one, else a code that names the
   * reason in the way Sisimai does (class 5 or 4, subject 0, detail 9xx: 5.0.911 for an unknown
   * user), so results line up with its tables. Null only for auto-replies and feedback.
   */
  public String deliveryStatus() {
    if (status != null) {
      return status;
    }
    if (reason == null
        || reason == Reason.DELIVERED
        || reason == Reason.FEEDBACK
        || reason == Reason.VACATION) {
      return null;
    }
    String text =
        ((replyCode == null ? "" : replyCode) + " " + (diagnostic == null ? "" : diagnostic));
    if (text.length() < 4) {
      text = "";
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    // Exim gives up on temporary failures with "retry timeout exceeded": the failures were 4xx
    boolean retriedOut =
        reason == Reason.EXPIRED
            // ("delivery retry timeout exceeded" is GMX's own wording for a plain expiry)
            && ((lower.contains("retry timeout exceeded")
                    && !lower.contains("delivery retry timeout exceeded"))
                || lower.contains("failing for a long time"));
    // Exim's "SMTP error from remote mail server after MAIL FROM" without a status code refuses
    // the envelope sender and says nothing about this recipient's mailbox: Sisimai gives it the
    // "on hold" code whatever reason it settles on
    Reason coded =
        "MAIL".equals(command)
                && reason != Reason.EXPIRED
                && lower.contains("remote mail server after mail from")
            ? Reason.ONHOLD
            : reason;
    return ReasonRules.pseudoStatus(coded, retriedOut || ReasonRules.isTemporary(text));
  }
}
