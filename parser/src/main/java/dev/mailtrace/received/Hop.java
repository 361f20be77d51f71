package dev.mailtrace.received;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One {@code Received} field, understood. Any clause not present is null.
 *
 * @param raw the unfolded field value
 * @param from the name after {@code from}
 * @param helo the HELO/EHLO name when shown apart from {@code from}
 * @param reverseDns the reverse DNS name the receiver looked up
 * @param ip the sending IP (v4 dotted, v6 in lower-case compressed form, no brackets)
 * @param ident the ident/user the receiver recorded
 * @param by the receiving host
 * @param via the {@code via} clause
 * @param with the protocol, upper case (ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, ...)
 * @param id the receiver's queue id
 * @param forAddress the {@code for} recipient without angle brackets
 * @param envelopeFrom the envelope sender when the receiver shows it
 * @param tlsVersion TLS protocol version (TLSv1.3, ...)
 * @param tlsCipher TLS cipher suite
 * @param authUser the authenticated user where shown
 * @param date the date after {@code ;}, or found elsewhere in the line; null when none
 * @param problems what could not be understood
 */
public record Hop(
    String raw,
    String from,
    String helo,
    String reverseDns,
    String ip,
    String ident,
    String by,
    String via,
    String with,
    String id,
    String forAddress,
    String envelopeFrom,
    String tlsVersion,
    String tlsCipher,
    String authUser,
    OffsetDateTime date,
    List<String> problems) {

  public Hop {
    problems = List.copyOf(problems);
  }
}
