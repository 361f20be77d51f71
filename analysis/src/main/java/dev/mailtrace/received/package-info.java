/**
 * The trace path of a message: its Received fields understood and put in travel order.
 *
 * <p>Entry points: {@link dev.mailtrace.received.ReceivedParser#parse(String)} reads one field
 * value into a {@link dev.mailtrace.received.Hop}; {@link
 * dev.mailtrace.received.HopChain#of(dev.mailtrace.message.Message)} gives the hops oldest first
 * with per-hop delays, shares of the total and anomalies. Follows RFC 5321 section 4.4 and RFC 5322
 * section 3.6.7 plus the comment conventions of common MTAs (Postfix, Sendmail, Exim, qmail,
 * Exchange, Gmail, Courier, CommuniGate, ecelerity, Stalwart). It does no DNS or network look-ups
 * and does not decide which relays to trust.
 */
package dev.mailtrace.received;
