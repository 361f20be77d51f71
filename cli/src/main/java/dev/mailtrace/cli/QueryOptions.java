package dev.mailtrace.cli;

import dev.mailtrace.search.BadQueryException;
import dev.mailtrace.search.MailQuery;
import dev.mailtrace.search.MailSearcher;
import java.util.List;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The query words and {@code --lucene} of the commands that select messages from an index. */
final class QueryOptions {
  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query (all messages when absent); several words are joined with spaces.")
  List<String> words;

  @Option(names = "--lucene", description = "Read the query as raw Lucene classic syntax.")
  boolean lucene;

  /** The query words joined by spaces, as typed ("" when there are none). */
  String text() {
    return words == null ? "" : String.join(" ", words);
  }

  /** Parses the query for {@code searcher}; a bad query is a usage error. */
  Query parse(MailSearcher searcher) {
    return parse(searcher, text(), lucene);
  }

  /**
   * Parses {@code text} in the query language or, with {@code lucene}, raw Lucene syntax; empty or
   * {@code *} matches every message.
   */
  static Query parse(MailSearcher searcher, String text, boolean lucene) {
    String q = text.strip();
    if (q.isEmpty() || q.equals("*")) {
      return new MatchAllDocsQuery();
    }
    try {
      return lucene ? MailQuery.parseLucene(q) : searcher.parse(q);
    } catch (BadQueryException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
