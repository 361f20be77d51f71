package dev.mailtrace.smtp;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one transaction: reverse-path, forward-paths and the RFC 3461 DSN
 * parameters, which are only sent when the server offers DSN.
 *
 * @param sender the reverse-path address without angle brackets; empty for the null sender
 * @param recipients at least one forward path
 * @param notifyOn NOTIFY value (for example {@code NEVER} or {@code FAILURE,DELAY}) or null
 * @param ret RET value ({@code FULL} or {@code HDRS}) or null
 * @param envid ENVID value (plain text; xtext-encoded on the wire) or null
 */
public record Envelope(String sender, List<Recipient> recipients, String notifyOn, String ret, String envid) {
  public Envelope {
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
  }

  /** An envelope without DSN parameters. */
  public Envelope(String sender, List<Recipient> recipients) {
    this(sender, recipients, null, null, null);
  }

  /** The same envelope with other recipients. */
  public Envelope withRecipients(List<Recipient> others) {
    return new Envelope(sender, others, notifyOn, ret, envid);
  }

  /**
   * One forward path.
   *
   * @param address the address the message goes to
   * @param original the address before rewriting, sent as ORCPT when the server offers DSN; or null
   */
  public record Recipient(String address, String original) {
    public Recipient {
      Objects.requireNonNull(address, "address");
    }

    /** A recipient that was not rewritten. */
    public static Recipient of(String address) {
      return new Recipient(address, null);
    }
  }
}
