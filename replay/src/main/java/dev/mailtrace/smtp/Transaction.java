package dev.mailtrace.smtp;

import java.util.List;

/**
 * What happened to one message on a session: every reply in order, or the reason it was not sent.
 *
 * <p>Replies are null for stages not reached. Latencies are nanoseconds from sending a command (or
 * the pipelined group) to its reply, -1 when not measured.
 *
 * @param refusal why the client did not send it (too big, needs 8BITMIME, ...), or null
 * @param mail reply to MAIL
 * @param recipients reply to each RCPT, in envelope order
 * @param data reply to DATA (354), or null with BDAT
 * @param end reply to the final dot or the last BDAT chunk
 * @param bytes message bytes written (after normalisation and dot-stuffing)
 * @param mailNanos latency of MAIL
 * @param rcptNanos latency until the last RCPT reply
 * @param dataNanos latency of DATA
 * @param endNanos time from the first content byte to the final reply
 * @param adjustment what the client changed in the message before sending it (a 7-bit downgrade),
 *     or null
 */
public record Transaction(
    String refusal,
    SmtpReply mail,
    List<SmtpReply> recipients,
    SmtpReply data,
    SmtpReply end,
    long bytes,
    long mailNanos,
    long rcptNanos,
    long dataNanos,
    long endNanos,
    String adjustment) {
  public Transaction {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }

  /** A transaction in which the client changed nothing in the message. */
  public Transaction(
      String refusal, SmtpReply mail, List<SmtpReply> recipients, SmtpReply data, SmtpReply end, long bytes,
      long mailNanos, long rcptNanos, long dataNanos, long endNanos) {
    this(refusal, mail, recipients, data, end, bytes, mailNanos, rcptNanos, dataNanos, endNanos, null);
  }

  /** The same transaction noting what the client changed in the message. */
  Transaction withAdjustment(String note) {
    return new Transaction(refusal, mail, recipients, data, end, bytes, mailNanos, rcptNanos, dataNanos, endNanos, note);
  }

  static Transaction refused(String why) {
    return new Transaction(why, null, List.of(), null, null, 0, -1, -1, -1, -1);
  }

  /** Whether the client decided not to send the message. */
  public boolean isRefusedLocally() {
    return refusal != null;
  }

  /**
   * Whether the server took responsibility for the message: a 2xx after the content, in a
   * transaction whose MAIL and at least one RCPT were accepted.
   */
  public boolean isAccepted() {
    return end != null && end.isPositive() && mail != null && mail.isPositive()
        && (recipients.isEmpty() || acceptedRecipients() > 0);
  }

  /** How many RCPT commands got a 2xx. */
  public int acceptedRecipients() {
    int n = 0;
    for (SmtpReply r : recipients) {
      if (r.isPositive()) {
        n++;
      }
    }
    return n;
  }

  /**
   * The reply that decided the outcome: the final reply when the content was sent, otherwise the
   * first refusal (MAIL, the first failed RCPT when none was accepted, DATA). Null when refused
   * locally.
   */
  public SmtpReply decidingReply() {
    if (refusal != null) {
      return null;
    }
    if (mail != null && !mail.isPositive()) {
      return mail;
    }
    if (acceptedRecipients() == 0 && !recipients.isEmpty()) {
      // Prefer a transient reply: if any recipient may work later, the message may.
      for (SmtpReply r : recipients) {
        if (r.isTransient()) {
          return r;
        }
      }
      return recipients.get(0);
    }
    if (data != null && data.code() != 354) {
      return data;
    }
    return end;
  }
}
