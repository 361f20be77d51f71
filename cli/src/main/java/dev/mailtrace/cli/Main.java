package dev.mailtrace.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailtrace} command: read, analyse, index, search and replay mail archives. */
@Command(
    name = "mailtrace",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Offline analysis, search and replay of mail archives.",
    subcommands = {
      ShowCommand.class,
      RoutesCommand.class,
      BouncesCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      StatsCommand.class,
      ThreadCommand.class,
      ExportCommand.class,
      ReplayCommand.class,
      WarmUpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line on the process streams and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line with the given streams and returns the exit code: 0 success, 1 findings
   * or partial failures, 2 bad usage, 3 and up environment errors. Tests call this in-process.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(outWriter);
    cl.setErr(errWriter);
    cl.setExecutionExceptionHandler(new Failures());
    cl.setParameterExceptionHandler(Failures::usage);
    int code = cl.execute(args);
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mailtrace " + (v == null ? "dev" : v)};
    }
  }
}
