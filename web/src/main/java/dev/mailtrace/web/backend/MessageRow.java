package dev.mailtrace.web.backend;

import java.time.Instant;

/**
 * One indexed message as lists show it, with where its bytes are stored.
 *
 * @param sha256 SHA-256 of the stored bytes, the message's name in URLs
 * @param file the source file
 * @param offset byte offset of the stored bytes in the file
 * @param length stored length in bytes
 * @param envelope the mbox {@code From } line, or null outside mbox
 * @param messageId Message-ID, or null
 * @param thread the thread id
 * @param date the Date in UTC, or null
 * @param from the first From address as displayed, or null
 * @param to the To addresses as displayed, or null
 * @param subject the decoded Subject, or null
 * @param attachment whether it has attachments
 * @param bounce whether it is a delivery report saying delivery failed
 * @param duplicate whether the same bytes, or the same Message-ID, occur elsewhere
 */
public record MessageRow(
    String sha256,
    String file,
    long offset,
    long length,
    String envelope,
    String messageId,
    String thread,
    Instant date,
    String from,
    String to,
    String subject,
    boolean attachment,
    boolean bounce,
    boolean duplicate) {}
