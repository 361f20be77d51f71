/**
 * Exporting search results with a chain of custody: raw messages byte-identical to their source
 * (one {@code .eml} file per message named by its SHA-256, or one mboxrd file), or their metadata as
 * CSV or JSON lines, always with a manifest CSV of source file, offset, length, SHA-256, exported
 * path, export time and query.
 *
 * <p>The entry point is {@link dev.mailtrace.export.Exporter}. Every message is read back from its
 * source and hashed again before it is written; a message whose bytes changed since indexing is
 * refused and listed, never exported. The mbox output follows the mboxrd convention (RFC 4155
 * describes the family): a {@code From } line, and lines starting with any number of {@code >}
 * before {@code From } get one more.
 */
package dev.mailtrace.export;
