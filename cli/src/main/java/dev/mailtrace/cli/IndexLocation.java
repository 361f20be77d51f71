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

  /** Opens the index, or fails with one line saying how to make one. */
  MailSearcher open() throws IOException {
    return open(Main.invocation(command), dir);
  }

  /** The index folder as this invocation means it, or a failure in one line saying how to make one. */
  Path existing() throws IOException {
    Path where = Main.invocation(command).resolve(dir);
    if (!MailSearcher.exists(where)) {
      throw missing(dir);
    }
    return where;
  }

  /** Opens the index in {@code dir}, or fails with one line saying how to make one. */
  static MailSearcher open(Path dir) throws IOException {
    return open(Invocation.process(), dir);
  }

  /**
   * Opens the index in {@code dir} for an invocation: a relative folder is the client's (the query
   * daemon runs in another folder), and messages show it as typed.
   */
  static MailSearcher open(Invocation invocation, Path dir) throws IOException {
    Path where = invocation.resolve(dir);
    if (!MailSearcher.exists(where)) {
      throw missing(dir);
    }
    return invocation.open(where);
  }

  private static CliException missing(Path dir) {
    return CliException.environment("no index in " + dir + "; create one with 'mailtrace index PATH... --index " + dir + "'");
  }
}
