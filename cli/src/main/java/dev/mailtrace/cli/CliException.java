package dev.mailtrace.cli;

/**
 * A failure to show the user in one line: what went wrong, where, and what to do.
 *
 * <p>Commands throw it; {@link Failures} prints the message alone and exits with {@code exitCode}.
 */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  /** Bad usage: exit code 2. */
  static CliException usage(String message) {
    return new CliException(message, 2);
  }

  /** A broken environment (unreadable file, disk full, network down): exit code 3. */
  static CliException environment(String message) {
    return new CliException(message, 3);
  }
}
