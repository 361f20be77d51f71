/**
 * Reading archives into raw messages with provenance: {@link dev.mailtrace.archive.ArchiveReader#open}
 * pulls {@link dev.mailtrace.message.RawMessage}s one at a time from an .eml file, a folder, a
 * Maildir/Maildir++ tree or an mbox (mboxo, mboxrd, mboxcl, mboxcl2; RFC 4155), any file possibly
 * gzipped (recognised by magic bytes), in bounded memory; {@link dev.mailtrace.archive.SourceBytes}
 * reads a message back from its {@link dev.mailtrace.message.Source} and verifies its SHA-256, and
 * {@link dev.mailtrace.archive.MboxWriter} writes mboxrd for export.
 *
 * <p>Framing rules. Lines end in LF, CRLF or a lone CR, mixed freely. A From_ separator is a line
 * starting {@code "From "} with a sender token and a time {@code h:mm} later on, at the start of the
 * file or after an empty line (in MBOXO, MBOXRD and MBOXCL, whose writers quote every body line
 * starting {@code From }, the empty line is not required). The empty line before a separator, and an
 * empty last line at the end of the file, are the writer's separator and not part of the message.
 * When a message's header has Content-Length (AUTO, MBOXCL, MBOXCL2) and the count lands at the end
 * of the file, on a From_ line, or on an empty line followed by one, the count is honoured exactly;
 * otherwise the message is framed by From_ lines and gets a problem. Text before the first From_
 * line is a message of its own with a problem (white space alone is dropped, with a problem on the
 * next message). {@code Source} covers the stored bytes after the From_ line (offsets in the
 * decompressed stream for gzip); {@code content} has one {@code >} removed from {@code ^>+From }
 * lines (MBOXRD, and AUTO unless the message has an unquoted {@code From } line, which shows an
 * unquoting writer) or from {@code ^>From } lines (MBOXO, MBOXCL); MBOXCL2 and single files are
 * not changed. A non-mbox file is one message; an empty file none; a file under 4 bytes one with a
 * problem. Content beyond {@link dev.mailtrace.archive.ReaderConfig#maxMessageBytes()} is cut (with
 * a problem) while the source still covers the whole message.
 *
 * <p>Folders are walked depth-first in name order, skipping dot names; a folder with two of
 * cur/new/tmp is a Maildir read as cur, new, then Maildir++ subfolders ({@code .Name}, {@code .A.B})
 * in name order; tmp (unfinished deliveries) is not read. A {@link dev.mailtrace.archive.FileGate}
 * given to {@code open} sees each file's attributes before it is opened and may pass it over (an
 * incremental index leaves unchanged files unread); a file or sub-folder that cannot be read is
 * told to an {@link dev.mailtrace.archive.Unreadable} and passed over, never made a message. A file
 * whose size changed while it was read gives its last message a problem. This package does not parse messages
 * (see {@code dev.mailtrace.mime}), and does not read MMDF, Babyl, tar or zip.
 */
package dev.mailtrace.archive;
