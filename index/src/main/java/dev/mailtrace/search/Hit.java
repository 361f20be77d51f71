package dev.mailtrace.search;

import java.time.Instant;

/**
 * One message found: what search output shows and what it takes to read the message back.
 *
 * @param id the document id ({@code sha256:file:offset})
 * @param file the source file
 * @param offset byte offset in the source file
 * @param length stored length in bytes
 * @param sha256 SHA-256 of the stored bytes
 * @param envelope the mbox {@code From } line, or null when the source is not an mbox
 * @param messageId Message-ID, or null
 * @param thread the thread id
 * @param date the Date in UTC, or null
 * @param dateText the Date as written, ISO form with its offset, or null
 * @param from the first From address, displayed, or null
 * @param to the To addresses, or null
 * @param subject the decoded Subject, or null
 * @param duplicate duplicate flags: 1 same bytes elsewhere, 2 same Message-ID with other bytes
 * @param score relevance score (NaN when sorted by date)
 */
public record Hit(
    String id,
    String file,
    long offset,
    long length,
    String sha256,
    String envelope,
    String messageId,
    String thread,
    Instant date,
    String dateText,
    String from,
    String to,
    String subject,
    long duplicate,
    float score) {}
