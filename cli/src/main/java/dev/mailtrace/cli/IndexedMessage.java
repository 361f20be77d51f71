package dev.mailtrace.cli;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.archive.SourceMismatchException;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.search.Hit;
import dev.mailtrace.search.MailSearcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code show --index DIR ID}: finds a message in an index by SHA-256 (prefix) or Message-ID and
 * reads it back from its source, verified against the indexed SHA-256.
 */
final class IndexedMessage {
  private IndexedMessage() {}

  /**
   * The message an id refers to, read back from its source file. When several messages match
   * (the same Message-ID with other bytes), the oldest is returned and {@code err} says so.
   */
  static RawMessage read(Invocation invocation, Path indexDir, String ref, PrintWriter err) throws IOException {
    LuceneLogging.quiet();
    List<Hit> hits;
    try (MailSearcher searcher = IndexLocation.open(invocation, indexDir)) {
      hits = searcher.find(ref);
    }
    if (hits.isEmpty()) {
      throw CliException.usage(
          "no message '" + ref + "' in " + indexDir + "; give a SHA-256 prefix or a Message-ID from 'mailtrace search'");
    }
    Hit h = hits.get(0);
    long others = hits.stream().map(Hit::sha256).distinct().count() - 1;
    if (others > 0) {
      err.println("mailtrace: " + hits.size() + " messages match '" + ref + "'; showing the oldest, "
          + h.sha256().substring(0, 12) + "; choose another by its SHA-256 prefix");
    }
    Source source = new Source(h.file(), h.offset(), h.length(), h.sha256());
    try {
      byte[] content = SourceBytes.readContent(source, ArchiveFormat.AUTO);
      return new RawMessage(source, 0, h.envelope(), content);
    } catch (SourceMismatchException changed) {
      throw CliException.environment(changed.getMessage());
    } catch (NoSuchFileException gone) {
      throw CliException.environment(
          "the source of '" + ref + "' is gone: " + h.file() + "; restore it or index the archive again");
    }
  }
}
