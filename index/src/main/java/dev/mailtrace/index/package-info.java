/**
 * Writing the message index: one Lucene document per message with its provenance, header fields,
 * addresses, text, attachments, Received hops and delivery report.
 *
 * <p>The entry point is {@link dev.mailtrace.index.IndexRun}: a single reader feeds a fixed pool of
 * parser threads through a bounded queue into one {@code IndexWriter}. Runs are incremental and
 * crash-safe: every commit carries per-source-file progress in its user data, and documents are
 * keyed by source location so a repeated or resumed run never adds a message twice. The schema is
 * named in {@link dev.mailtrace.index.MessageFields}; text is analysed by {@link
 * dev.mailtrace.index.MailAnalyzer} (a one-pass Unicode word tokenizer, no stop words). Header values
 * are indexed without positions. Searching lives in {@code dev.mailtrace.search}.
 */
package dev.mailtrace.index;
