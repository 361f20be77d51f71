/**
 * Our own SMTP client (RFC 5321) over plain sockets: {@link dev.mailtrace.smtp.SmtpSession} opens
 * a connection, reads the greeting, says EHLO (HELO when refused), upgrades with STARTTLS (RFC 3207),
 * authenticates (AUTH PLAIN/LOGIN, RFC 4954) and sends any number of transactions, either one at a
 * time ({@code send}) or streamed ({@code submit}/{@code drain}: with PIPELINING a message's content
 * and final dot go in one group with the next message's commands, one round trip per message).
 *
 * <p>It speaks PIPELINING (RFC 2920), SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531),
 * CHUNKING/BDAT (RFC 3030) and DSN (RFC 3461) when the server offers them, with the per-stage
 * timeouts of RFC 5321 section 4.5.3.2. Message bytes go out as given apart from line-end
 * normalisation to CRLF and dot-stuffing, unless the caller asks for a 7-bit downgrade when the
 * server lacks 8BITMIME ({@code SevenBitDowngrade}: 8-bit bodies to quoted-printable or base64,
 * header text to RFC 2047/2231 words). It does not queue, retry or pick servers from MX
 * records: that is the caller's business ({@code dev.mailtrace.replay}).
 */
package dev.mailtrace.smtp;
