/**
 * Message parsing: bytes of one message to the {@link dev.mailtrace.message.Message} model.
 *
 * <p>Entry point: {@link dev.mailtrace.mime.MessageParser#parse}. A pull tokenizer walks the bytes
 * (RFC 5322 header sections with CRLF, LF or bare CR line ends, obsolete and 8-bit forms; RFC 2046
 * boundaries with an explicit stack, so an outer boundary also closes an inner multipart that was
 * never closed; message/rfc822 and message/global enclosures) keeping offsets; the tree builder
 * decodes transfer encodings (RFC 2045) and hands field values to {@code dev.mailtrace.header}.
 * Malformed input is recorded as problems, never thrown: a line that is not a field inside a
 * header section is skipped when a field follows it (as mime4j does) and otherwise starts the body
 * (as Python's email package does); a multipart whose boundary never appears is one leaf.
 * Limits ({@link dev.mailtrace.mime.ParserConfig}) are problems when reached: a leaf body larger
 * than what is kept is decoded in slices, measured and hashed whole, and only its first bytes kept;
 * other leaves are hashed when asked ({@link dev.mailtrace.message.Part#sha256()}).
 * It does not interpret Received fields or delivery reports, and applies charsets to bodies only
 * for {@link dev.mailtrace.message.Message#text()}.
 */
package dev.mailtrace.mime;
