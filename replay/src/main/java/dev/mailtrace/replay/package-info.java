/**
 * Replays archived messages against an SMTP server, safely and at a controlled rate.
 * {@link dev.mailtrace.replay.Replayer} is the entry point: it pulls messages from a
 * {@link dev.mailtrace.replay.MessageSource}, plans each one ({@link dev.mailtrace.replay.ReplayPlanner}:
 * envelope from the header, recipients rewritten or checked by a {@link dev.mailtrace.replay.RecipientPolicy},
 * Bcc lines removed byte-exactly), sends them over parallel {@link dev.mailtrace.smtp.SmtpSession}s
 * on virtual threads, retries transient failures with backoff, and reports each message to a
 * {@link dev.mailtrace.replay.ResultLog} and the whole run as a {@link dev.mailtrace.replay.ReplaySummary}.
 *
 * <p>It never sends to an address the policy did not allow, never sends Bcc header lines
 * (RFC 5322 section 3.6.3), and always ends within the run's deadline. It does not parse MIME:
 * message bytes go out as archived, line ends aside.
 */
package dev.mailtrace.replay;
