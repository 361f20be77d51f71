/**
 * The message model every stage of mailtrace shares: provenance ({@link dev.mailtrace.message.Source}),
 * raw messages as read from archives, and parsed messages with their header fields, addresses and
 * MIME tree.
 *
 * <p>Values only: records, immutable, with no parsing logic beyond small accessors. Readers in
 * {@code dev.mailtrace.archive} produce {@link dev.mailtrace.message.RawMessage}s, the parser in
 * {@code dev.mailtrace.mime} turns them into {@link dev.mailtrace.message.Message}s, and the
 * analysers, the index and the replay client consume those.
 */
package dev.mailtrace.message;
