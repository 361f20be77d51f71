package dev.mailtrace.cli;

import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.search.OpenIndexes;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Help.Ansi;

/**
 * Where a command line runs: the folder its relative paths mean, the terminals it prints to, and
 * the open indexes it may reuse.
 *
 * <p>A normal run uses {@link #process()}: this JVM's working folder, console and environment, and
 * a fresh index reader per command. The query daemon builds one per request from what the client
 * sent, so a command behaves as if it ran in the client's shell.
 *
 * @param cwd the client's working folder, against which relative paths resolve; null for this process's
 * @param terminals the client's terminals; null to ask this process's console
 * @param debug whether failures print their stack trace (MAILTRACE_DEBUG in the client's environment)
 * @param indexes readers kept open between commands; null to open the index for each command
 */
public record Invocation(Path cwd, Terminals terminals, boolean debug, OpenIndexes indexes) {

  /**
   * What the client's terminals are.
   *
   * @param stdin whether standard input is a terminal
   * @param stdout whether standard output is a terminal
   * @param stderr whether standard error is a terminal
   * @param columns the terminal width from COLUMNS, 0 when unknown
   * @param noColor whether NO_COLOR is set (https://no-color.org)
   */
  public record Terminals(boolean stdin, boolean stdout, boolean stderr, int columns, boolean noColor) {}

  /** This JVM's own working folder, console and environment; what {@code mailtrace} does without the daemon. */
  public static Invocation process() {
    return new Invocation(null, null, System.getenv("MAILTRACE_DEBUG") != null, null);
  }

  /** {@code path} as the client meant it: relative paths are taken from the client's working folder. */
  Path resolve(Path path) {
    return cwd == null || path == null ? path : cwd.resolve(path);
  }

  /**
   * Colours for usage help: picocli decides for this process from its console; for a client, on
   * when both its stdin and stdout are terminals (what picocli checks) and NO_COLOR is not set.
   */
  Ansi ansi() {
    if (terminals == null) {
      return Ansi.AUTO;
    }
    return terminals.stdin() && terminals.stdout() && !terminals.noColor() ? Ansi.ON : Ansi.OFF;
  }

  /** Opens the index in {@code dir} (already resolved), reusing an open reader when there are {@link #indexes}. */
  MailSearcher open(Path dir) throws IOException {
    return indexes == null ? MailSearcher.open(dir) : indexes.acquire(dir);
  }
}
