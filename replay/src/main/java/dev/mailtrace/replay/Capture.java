package dev.mailtrace.replay;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope a message was captured with, from a session transcript: what the client sent
 * in MAIL and RCPT, or why the transaction cannot be replayed.
 *
 * @param sender the MAIL FROM address ("" for the null sender)
 * @param recipients the RCPT TO addresses in order
 * @param notReplayable why the transaction is not sent (an obsolete RFC 821 verb, ...), or null
 */
public record Capture(String sender, List<String> recipients, String notReplayable) {
  public Capture {
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
  }
}
