package dev.mailtrace.replay;

import dev.mailtrace.message.Source;
import dev.mailtrace.smtp.Envelope;
import dev.mailtrace.smtp.Transaction;

/**
 * The result of replaying one message, as logged.
 *
 * @param source provenance of the archived bytes
 * @param index position in the source file
 * @param envelope the envelope sent (recipients of the last attempt), or null when refused before
 * @param size message size on the wire (CRLF), before dot-stuffing
 * @param outcome what became of it
 * @param attempts how many transactions or connection attempts it took (0 when refused locally)
 * @param last the last transaction, or null when none got that far
 * @param detail why, in words: the refusal, the error, or empty
 * @param latencyNanos from the first attempt to the outcome, retries and backoff included
 */
public record MessageResult(
    Source source,
    int index,
    Envelope envelope,
    long size,
    Outcome outcome,
    int attempts,
    Transaction last,
    String detail,
    long latencyNanos) {}
