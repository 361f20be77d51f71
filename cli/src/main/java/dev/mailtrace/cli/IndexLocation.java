package dev.mailtrace.cli;

import dev.mailtrace.search.MailSearcher;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --index DIR} option of the commands that read or write an index, and opening it. */
final class IndexLocation {
  @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index folder, as written by 'mailtrace index' (which creates it when missing).")
  Path dir;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * Opens the index, or fails with one line saying how to make one. A relative folder is the
   * client's (the query daemon runs in another folder); messages show it as typed.
   */
  MailSearcher open() throws IOException {
    Invocation invocation = Main.invocation(command);
    Path where = invocation.resolve(dir);
    if (!MailSearcher.exists(where)) {
      throw missing(dir);
    }
    return invocation.open(where);
  }

  /** Opens the index in {@code dir}, or fails with one line saying how to make one. */
  static MailSearcher open(Path dir) throws IOException {
    if (!MailSearcher.exists(dir)) {
      throw missing(dir);
    }
    return MailSearcher.open(dir);
  }

  private static CliException missing(Path dir) {
    return CliException.environment("no index in " + dir + "; create one with 'mailtrace index PATH... --index " + dir + "'");
  }
}
