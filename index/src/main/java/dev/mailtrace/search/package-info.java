/**
 * Searching the message index: a query language in the spirit of notmuch, mu and Gmail, search
 * results, counts by field and whole threads.
 *
 * <p>{@link dev.mailtrace.search.MailQuery} parses a query ({@code from:alice date:2024 -has:attachment})
 * with a small recursive-descent parser into a Lucene query; the value grammars for dates and
 * quantities have their own files. {@link dev.mailtrace.search.MailSearcher} opens an index and
 * answers searches, counts, statistics and thread look-ups; {@link dev.mailtrace.search.OpenIndexes}
 * keeps readers open and current for a long-lived process (the query daemon). A phrase on a {@code header.NAME}
 * field matches messages with all its words (header values carry no positions). Writing the index lives in {@code
 * dev.mailtrace.index}; this package never changes an index.
 */
package dev.mailtrace.search;
