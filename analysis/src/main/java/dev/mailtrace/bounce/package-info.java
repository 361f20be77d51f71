/**
 * Delivery reports: tells bounces, delays, success notices, feedback reports and auto-replies from
 * ordinary mail and reads each recipient's outcome (status, reply code, command, diagnostic,
 * reason, hard or soft).
 *
 * <p>Entry point: {@link dev.mailtrace.bounce.BounceClassifier#classify}. Follows RFC 3464 (DSN
 * fields), RFC 3463 (enhanced status codes, {@link dev.mailtrace.bounce.StatusCode}), RFC 5321
 * (reply codes), RFC 5965 (ARF) and RFC 3834 (auto-replies); bounces without RFC 3464 fields are
 * read as text by general rules (recipient lines, codes and multilingual phrases), with the
 * published reply codes of a few large providers ({@code Providers}) and the layouts of common MTAs
 * and list managers (Sendmail transcripts, qmail, Exim, fml) as format knowledge. Reasons use
 * Sisimai's vocabulary so results compare with its tables. It does not parse MIME (it works on the
 * parsed {@link dev.mailtrace.message.Message}) and keeps no state between messages.
 */
package dev.mailtrace.bounce;
