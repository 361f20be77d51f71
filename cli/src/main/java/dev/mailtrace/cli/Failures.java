package dev.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;

/** Maps what a command throws to one line on stderr and an exit code; stack traces only with --debug or MAILTRACE_DEBUG=1 (the client's, for the daemon). */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    return report(e, cl.getErr(), Main.debug(cl.getCommandSpec()));
  }

  /** Prints one line for a failure (and its stack trace when {@code debug}) and gives its exit code. */
  static int report(Throwable e, PrintWriter err, boolean debug) {
    if (debug) {
      e.printStackTrace(err);
    }
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    int code = switch (cause) {
      case CliException c -> {
        err.println("mailtrace: " + c.getMessage());
        yield c.exitCode();
      }
      case NoSuchFileException n -> {
        err.println("mailtrace: no such file or folder: " + n.getFile() + "; check the path.");
        yield 3;
      }
      case AccessDeniedException a -> {
        err.println("mailtrace: permission denied: " + a.getFile() + "; check its permissions.");
        yield 3;
      }
      case FileSystemException f when f.getReason() != null -> {
        err.println("mailtrace: " + f.getFile() + ": " + f.getReason() + ".");
        yield 3;
      }
      case IOException io when isDiskFull(io) -> {
        err.println("mailtrace: the disk is full (" + io.getMessage() + "); free some space and run again"
            + " (an index keeps its last commit and a later run completes it).");
        yield 3;
      }
      case IOException io -> {
        err.println("mailtrace: " + io.getMessage() + "; check the input and the disk, then run again.");
        yield 3;
      }
      case OutOfMemoryError oom -> {
        err.println("mailtrace: out of memory (" + oom.getMessage() + "); give Java a larger heap,"
            + " e.g. MAILTRACE_JAVA_OPTS=-Xmx2g, and report the input that needed it.");
        yield 3;
      }
      default -> {
        err.println(
            "mailtrace: internal error ("
                + String.valueOf(cause).lines().findFirst().orElse("")
                + "); please report it with the command line; --debug shows the trace.");
        yield 4;
      }
    };
    err.flush();
    return code;
  }

  /** ENOSPC, as Java reports it: "No space left on device" in the message of the failure or its causes. */
  static boolean isDiskFull(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  /** Bad usage: one line naming the problem and where to read more, exit code 2. */
  static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    if (e instanceof CommandLine.UnmatchedArgumentException u && cl.getCommandSpec().parent() == null
        && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
      String name = u.getUnmatched().get(0);
      List<String> close = u.getSuggestions();
      cl.getErr().println("mailtrace: unknown command '" + name + "'"
          + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close.subList(0, Math.min(2, close.size()))) + "?")
          + " See 'mailtrace --help'.");
      return 2;
    }
    cl.getErr().println("mailtrace: " + e.getMessage() + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'.");
    return 2;
  }
}
