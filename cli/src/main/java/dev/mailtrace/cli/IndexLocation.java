package dev.mailtrace.cli;

import dev.mailtrace.search.MailSearcher;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option of the commands that read or write an index, and opening it. */
final class IndexLocation {
  @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index folder, as written by 'mailtrace index' (which creates it when missing).")
  Path dir;

  /** Opens the index, or fails with one line saying how to make one. */
  MailSearcher open() throws IOException {
    return open(dir);
  }

  /** Opens the index in {@code dir}, or fails with one line saying how to make one. */
  static MailSearcher open(Path dir) throws IOException {
    if (!MailSearcher.exists(dir)) {
      throw CliException.environment(
          "no index in " + dir + "; create one with 'mailtrace index PATH... --index " + dir + "'");
    }
    return MailSearcher.open(dir);
  }
}
