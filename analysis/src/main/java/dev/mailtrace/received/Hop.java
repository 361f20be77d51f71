package dev.mailtrace.received;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One {@code Received} field, understood. Any clause not present is null.
 *
 * <p>Made by {@link ReceivedParser#parse(String)}; a field that cannot be understood keeps its
 * {@code raw} text with every other field null and the reason in {@code problems}.
 *
 * @param raw the unfolded field value
 * @param from the name after {@code from} as written (an address literal keeps its brackets)
 * @param helo the HELO/EHLO name: written explicitly ({@code (HELO x)}, {@code helo=x}) or, where
 *     the MTA's format puts it there, the name after {@code from}; empty when the client sent an
 *     empty greeting
 * @param heloCommand HELO, EHLO or LHLO when the field names the command, else null
 * @param reverseDns the reverse DNS name the receiver looked up
 * @param ip the sending IP (v4 dotted, v6 in lower-case compressed form, no brackets; an
 *     IPv4-mapped IPv6 address as its IPv4 form; zone ids dropped)
 * @param ident the ident/user the receiver recorded ({@code user@IP}, {@code ident=user})
 * @param by the receiving host
 * @param via the {@code via} clause
 * @param with the protocol, upper case, from the IANA Mail Transmission Types (SMTP, ESMTP,
 *     ESMTPS, ESMTPA, ESMTPSA, LMTP, HTTP, LOCAL, ...), when one is named
 * @param withText the {@code with} clause as written (e.g. {@code Microsoft SMTP Server
 *     (version=TLS1_2, ...)} or {@code mapi})
 * @param id the receiver's queue id
 * @param forAddress the {@code for} recipient without angle brackets
 * @param envelopeFrom the envelope sender when the receiver shows it
 * @param tlsVersion TLS protocol version (TLSv1.0 .. TLSv1.3, SSLv3, ...)
 * @param tlsCipher TLS cipher suite as written
 * @param authUser the authenticated user where shown
 * @param authMethod how the line shows the sender authenticated: the authenticated protocol as
 *     written (ESMTPA, esmtpsa, asmtp, HTTP, ...), the SASL mechanism of a Courier {@code (AUTH:
 *     LOGIN user)}, {@code Sendmail} for {@code (authenticated bits=N)}, {@code CriticalPath} for
 *     {@code (authenticated as user)}; null when nothing shows it
 * @param date the date after {@code ;}, or found elsewhere in the line; null when none
 * @param relay true when the field records a relay from a host with a known address, false for
 *     local handoffs (see {@link #isRelay()})
 * @param problems what could not be understood
 */
public record Hop(
    String raw,
    String from,
    String helo,
    String heloCommand,
    String reverseDns,
    String ip,
    String ident,
    String by,
    String via,
    String with,
    String withText,
    String id,
    String forAddress,
    String envelopeFrom,
    String tlsVersion,
    String tlsCipher,
    String authUser,
    String authMethod,
    OffsetDateTime date,
    boolean relay,
    List<String> problems) {

  public Hop {
    problems = List.copyOf(problems);
  }

  /**
   * True when this field records a relay between hosts, with the sending address and the receiving
   * host known; false for
   * lines SpamAssassin ignores as not-a-relay: local submission and delivery ({@code with local},
   * {@code from userid 123}, LMTP to localhost), qmail's {@code invoked by uid} and {@code invoked
   * from network} comments, fetchmail re-fetches, content-scanner passes, Exchange's internal
   * {@code with mapi} submission, and lines without an address.
   */
  public boolean isRelay() {
    return relay;
  }
}
