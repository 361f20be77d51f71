package dev.mailtrace.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailtrace} command: read, analyse, index, search and replay mail archives. */
@Command(
    name = "mailtrace",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Offline analysis, search and replay of mail archives.")
public final class Main implements Runnable {
  /**
   * The subcommands, in the order help lists them. picocli builds a command's model by reflection
   * when it is registered, about 10 ms each before the JIT warms up: a run registers only the
   * command it was asked for, so a query does not pay for the replay command's 38 options.
   */
  static final List<String> COMMANDS =
      List.of(
          "show", "routes", "bounces", "verify", "index", "search", "stats", "thread", "export", "serve",
          "report", "replay", "probe", "daemon", "warm-up", "completion", "help");

  /**
   * A new command object by name, or null. A switch, not a map of constructor references: the
   * JDK 25 AOT cache writer fails on lambdas created next to picocli's pre-Java-6 classes.
   */
  static Object command(String name) {
    return switch (name) {
      case "show" -> new ShowCommand();
      case "routes" -> new RoutesCommand();
      case "bounces" -> new BouncesCommand();
      case "verify" -> new VerifyCommand();
      case "index" -> new IndexCommand();
      case "search" -> new SearchCommand();
      case "stats" -> new StatsCommand();
      case "thread" -> new ThreadCommand();
      case "export" -> new ExportCommand();
      case "serve" -> new ServeCommand();
      case "report" -> new ReportCommand();
      case "completion" -> new CompletionCommand();
      case "replay" -> new ReplayCommand();
      case "probe" -> new ProbeCommand();
      case "daemon" -> new DaemonCommand();
      case "warm-up" -> new WarmUpCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> null;
    };
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On a failure, print its stack trace after the one-line message (as MAILTRACE_DEBUG=1 does).")
  boolean debug;
  /** Set for each run: a model reused by the daemon serves many invocations, one at a time. */
  private Invocation invocation;

  private Main() {}

  /** Whether a failure prints its stack trace: {@code --debug} or MAILTRACE_DEBUG. */
  static boolean debug(CommandLine.Model.CommandSpec spec) {
    Main main = (Main) spec.root().userObject();
    return main.debug || main.invocation.debug();
  }

  /** The invocation a command runs in, from its own spec or, for a mixin, its command's. */
  static Invocation invocation(CommandLine.Model.CommandSpec spec) {
    return ((Main) spec.root().userObject()).invocation;
  }

  /** Runs the command line on the process streams and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line with the given streams and returns the exit code: 0 success, 1 findings
   * or partial failures, 2 bad usage, 3 and up environment errors. Tests call this in-process.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Invocation.process());
  }

  /**
   * Runs the command line as {@link #run(String[], PrintStream, PrintStream)} does, in the given
   * invocation: the query daemon's entry point, which runs each request as if in the client's shell.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Invocation invocation) {
    return run(args, out, err, invocation, null);
  }

  /**
   * Runs the command line as {@link #run(String[], PrintStream, PrintStream, Invocation)} does,
   * taking the command's model from {@code reuse} when one is idle there and giving it back after.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Invocation invocation, CommandLines reuse) {
    String name = args.length > 0 && !args[0].equals("help") && COMMANDS.contains(args[0]) ? args[0] : null;
    CommandLine cl = reuse != null && name != null ? reuse.take(name) : null;
    if (cl == null) {
      cl = model(name);
    }
    ((Main) cl.getCommand()).invocation = invocation;
    ((Main) cl.getCommand()).debug = false;
    int code = execute(cl, args, out, err, invocation);
    if (reuse != null && name != null) {
      reuse.give(name, cl);
    }
    return code;
  }

  private static int execute(CommandLine cl, String[] args, PrintStream out, PrintStream err, Invocation invocation) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    // Set on every run, not only when there are terminals: a reused model keeps the last one.
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(invocation.ansi()));
    cl.setOut(outWriter);
    cl.setErr(errWriter);
    cl.setExecutionExceptionHandler(new Failures());
    cl.setParameterExceptionHandler(Failures::usage);
    int code;
    try {
      code = cl.execute(args);
    } catch (RuntimeException | Error escaped) {
      // What picocli does not hand to Failures (an Error such as OutOfMemoryError): still one line.
      code = Failures.report(escaped, errWriter, invocation.debug() || ((Main) cl.getCommand()).debug);
    }
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  /** The model of every command, for help, completion and man pages. */
  static CommandLine fullModel() {
    return model(null);
  }

  /** The model of the command {@code only}, or of every command when null. */
  private static CommandLine model(String only) {
    CommandLine cl = new CommandLine(new Main());
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandSummaries());
    if (only != null) {
      cl.addSubcommand(only, command(only));
    } else {
      // Help, a top-level option or a mistyped name: the full list, for usage and suggestions.
      for (String name : COMMANDS) {
        cl.addSubcommand(name, command(name));
      }
    }
    // Enum-valued options (--tls required, --log-format jsonl) are written in lower case.
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
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
