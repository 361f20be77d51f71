package dev.mailtrace.web.backend;

import dev.mailtrace.export.ExportFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * What the workbench and the report ask of an index, whichever engine holds it: searches in the
 * query language, counts by dimension, messages by SHA-256, threads and exports.
 *
 * <p>Queries are strings in the query language (see {@link QueryText} for composing them), so a
 * view never builds engine queries itself; an empty query means every message. Implementations are
 * thread-safe: the workbench serves requests concurrently.
 */
public interface SearchBackend extends Closeable {

  /** What the pages call this index (its folder, or a collection's name). */
  String name();

  /** Messages in the index. */
  long documents() throws IOException;

  /**
   * A page of the messages matching {@code query}.
   *
   * @throws QueryError when the query does not follow the query language
   */
  ResultPage search(String query, Order order, int offset, int limit) throws IOException;

  /**
   * How many messages match.
   *
   * @throws QueryError when the query does not follow the query language
   */
  long count(String query) throws IOException;

  /**
   * Matching messages counted by a dimension's values: most frequent first for categories, in
   * date order for dates; at most {@code top} values.
   *
   * @throws QueryError when the query does not follow the query language
   */
  List<Count> counts(String query, Dimension dimension, int top) throws IOException;

  /** The stored copies of the message with these bytes, oldest first; empty when none is indexed. */
  List<MessageRow> copies(String sha256) throws IOException;

  /**
   * The conversation a message belongs to, oldest first: {@code ref} is a thread id or a message's
   * SHA-256; at most {@code max} messages.
   */
  List<MessageRow> thread(String ref, int max) throws IOException;

  /**
   * Writes the matching messages as a zip of an export in {@code format} and its custody manifest,
   * each message read back from its source and verified first.
   *
   * @return how many messages were exported and which were refused
   * @throws QueryError when the query does not follow the query language
   */
  ExportSummary export(String query, ExportFormat format, OutputStream zip) throws IOException;
}
