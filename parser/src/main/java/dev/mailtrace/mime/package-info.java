/**
 * Message parsing: bytes of one message to the {@link dev.mailtrace.message.Message} model.
 *
 * <p>Entry point: {@link dev.mailtrace.mime.MessageParser#parse}. A pull tokenizer walks the bytes
 * (RFC 5322 header sections with obsolete and 8-bit forms, RFC 2046 multipart boundaries with an
 * explicit stack, message/rfc822 and message/global enclosures) keeping offsets; the tree builder
 * decodes transfer encodings (RFC 2045) and hands field values to {@code dev.mailtrace.header}.
 * Malformed input is recorded as problems, never thrown. It does not apply charsets to bodies
 * (that is {@link dev.mailtrace.message.Part#text()}) nor interpret Received or delivery reports.
 */
package dev.mailtrace.mime;
