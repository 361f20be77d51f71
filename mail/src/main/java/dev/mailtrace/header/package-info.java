/**
 * Header field grammars: one small hand-written tokenizer per grammar, chosen by header name.
 *
 * <p>Entry points: {@link dev.mailtrace.header.AddressParser} (RFC 5322 section 3.4 address lists),
 * {@link dev.mailtrace.header.DateParser} (section 3.3 dates and their obsolete and real-world
 * forms), {@link dev.mailtrace.header.EncodedWords} and {@link dev.mailtrace.header.Unstructured}
 * (RFC 2047), {@link dev.mailtrace.header.MediaType} (RFC 2045 Content-Type, RFC 2183
 * Content-Disposition, RFC 2231 parameters) and {@link dev.mailtrace.header.MessageIds} (section
 * 3.6.4). All of them are lenient and never throw on bad input: what cannot be read is reported in
 * a caller's problem list or skipped. They work on one field value; splitting a header block into
 * fields is the MIME parser's job.
 */
package dev.mailtrace.header;
