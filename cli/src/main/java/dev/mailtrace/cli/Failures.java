package dev.mailtrace.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;

/** Maps what a command throws to one line on stderr and an exit code; stack traces only with MAILTRACE_DEBUG=1 (the client's, for the daemon). */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    var err = cl.getErr();
    if (Main.invocation(cl.getCommandSpec()).debug()) {
      e.printStackTrace(err);
    }
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    switch (cause) {
      case CliException c -> {
        err.println("mailtrace: " + c.getMessage());
        return c.exitCode();
      }
      case NoSuchFileException n -> {
        err.println("mailtrace: no such file or folder: " + n.getFile() + "; check the path.");
        return 3;
      }
      case AccessDeniedException a -> {
        err.println("mailtrace: permission denied: " + a.getFile() + "; check its permissions.");
        return 3;
      }
      case FileSystemException f when f.getReason() != null -> {
        err.println("mailtrace: " + f.getFile() + ": " + f.getReason() + ".");
        return 3;
      }
      case IOException io -> {
        err.println("mailtrace: " + io.getMessage() + "; check the input and the disk, then run again.");
        return 3;
      }
      default -> {
        err.println(
            "mailtrace: internal error ("
                + cause
                + "); please report it with the command line; MAILTRACE_DEBUG=1 shows the trace.");
        return 4;
      }
    }
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
