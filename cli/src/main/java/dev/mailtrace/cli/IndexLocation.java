package dev.mailtrace.cli;

import dev.mailtrace.search.BadQueryException;
import dev.mailtrace.search.MailQuery;
import dev.mailtrace.search.MailSearcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option of the commands that read an index, and opening it. */
final class IndexLocation {
  @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index folder, as written by 'mailtrace index'.")
  Path dir;

  /** Opens the index, or fails with one line saying how to make one. */
  MailSearcher open() throws IOException {
    if (!MailSearcher.exists(dir)) {
      throw CliException.environment(
          "no index in " + dir + "; create one with 'mailtrace index PATH... --index " + dir + "'");
    }
    return MailSearcher.open(dir);
  }

  /** Parses the query words (joined by spaces) in the query language or, with {@code lucene}, raw Lucene syntax. */
  static Query query(MailSearcher searcher, List<String> words, boolean lucene) {
    String text = words == null ? "" : String.join(" ", words).strip();
    if (text.isEmpty() || text.equals("*")) {
      return new MatchAllDocsQuery();
    }
    try {
      return lucene ? MailQuery.parseLucene(text) : searcher.parse(text);
    } catch (BadQueryException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
