/**
 * Is a message authentic: DKIM and ARC signatures verified offline, and what the servers on the
 * way said about it in their Authentication-Results and Received-SPF fields.
 *
 * <p>Entry points: {@link dev.mailtrace.auth.DkimVerifier#verify(byte[])} checks every
 * DKIM-Signature (RFC 6376, with RFC 8301's key and algorithm rules and RFC 8463's ed25519-sha256)
 * and the ARC chain (RFC 8617) of one message's raw bytes, with keys from a {@link
 * dev.mailtrace.auth.KeySource} (a zone file of TXT records, or DNS only when asked); {@link
 * dev.mailtrace.auth.AuthResultsParser} and {@link dev.mailtrace.auth.ReceivedSpfParser} read RFC 8601
 * and RFC 7208 fields, and {@link dev.mailtrace.auth.AuthTrail} puts them on the hops of a trace
 * path. DMARC alignment (RFC 7489 section 3.1) uses the Public Suffix List bundled with the module.
 *
 * <p>It does not evaluate SPF or DMARC policies itself (those need the sender's DNS as it was at
 * delivery time), and it never looks anything up in DNS unless given {@link
 * dev.mailtrace.auth.DnsKeys}.
 */
package dev.mailtrace.auth;
