package dev.mailtrace.cli;

import dev.mailtrace.cli.daemon.DaemonProcess;
import dev.mailtrace.cli.daemon.DaemonState;
import dev.mailtrace.cli.daemon.QueryServer;
import dev.mailtrace.json.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace daemon start|stop|status}: a warm process that answers queries in milliseconds. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Keep a warm process that answers search, stats, thread and show --index in a few",
      "milliseconds instead of starting a JVM for each. The launcher sends these commands",
      "to it when it runs (MAILTRACE_DAEMON=0 turns that off) and runs the rest itself.",
      "It listens on 127.0.0.1 only and answers only requests that carry the secret in",
      "its state file, in a private folder ($XDG_RUNTIME_DIR/mailtrace, else",
      "~/.cache/mailtrace). It keeps index readers open, sees each new index commit, and",
      "exits after --idle without requests or when the jar is rebuilt."
    },
    subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class, DaemonCommand.Serve.class},
    footer = {
      "",
      "Examples:",
      "  mailtrace daemon start --idle 2h",
      "  mailtrace search --index idx --count from:example.com   # the daemon answers",
      "  mailtrace daemon status",
      "  mailtrace daemon stop"
    })
final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw CliException.usage("daemon needs an action: start, stop or status");
  }

  /** The jar this JVM runs, which the daemon must run too. */
  static Path jar() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw CliException.environment("cannot tell which jar runs mailtrace (" + e.getMessage() + "); start the daemon through ./mailtrace");
    }
  }

  static Path stateDir() {
    return DaemonState.directory();
  }

  static Path cwd() {
    return Path.of("").toAbsolutePath();
  }

  /** {@code --idle}, the same for {@code start} and the {@code serve} it runs. */
  static final class Idle {
    @Option(names = "--idle", paramLabel = "TIME", defaultValue = "30m", converter = DurationConverter.class, description = "Exit after this long without a request: 90s, 30m (default), 2h, 1d.")
    Duration limit;

    Duration limit() {
      return limit;
    }
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
    }
    return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start the daemon in the background and return once it answers; does nothing when one already runs this jar.",
      footer = {"", "Examples:", "  mailtrace daemon start", "  mailtrace daemon start --idle 8h"})
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Idle idle;

    @Override
    public Integer call() throws IOException {
      Duration limit = idle.limit();
      Path jar = jar();
      if (!Files.isRegularFile(jar)) {
        throw CliException.usage("the daemon runs from the packaged jar; start it with ./mailtrace daemon start");
      }
      PrintWriter out = spec.commandLine().getOut();
      Path dir = DaemonState.ensurePrivate(stateDir());
      // Two starts at once would both find no daemon and start one each: one at a time.
      try (FileChannel lock = FileChannel.open(dir.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        Optional<DaemonState> running = DaemonProcess.running(dir, cwd());
        if (running.isPresent()) {
          DaemonState s = running.get();
          if (s.jar().equals(jar.toAbsolutePath()) && s.runsCurrentJar()) {
            out.println("mailtrace daemon already running: pid " + s.pid() + ", port " + s.port());
            return 0;
          }
          DaemonProcess.stop(dir, s, cwd());
        }
        Path java = ProcessHandle.current().info().command().map(Path::of)
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        DaemonState s = DaemonProcess.start(dir, java, jar, limit, cwd());
        out.println("mailtrace daemon started: pid " + s.pid() + ", port " + s.port() + ", stops after " + human(limit) + " without requests");
        return 0;
      }
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop the daemon; queries then start a JVM each again.",
      footer = {"", "Examples:", "  mailtrace daemon stop"})
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = stateDir();
      DaemonState s = Files.isDirectory(dir) ? DaemonState.read(dir) : null;
      if (s == null || !DaemonProcess.stop(dir, s, cwd())) {
        out.println("mailtrace daemon was not running");
        return 0;
      }
      out.println("mailtrace daemon stopped (pid " + s.pid() + ")");
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Say whether the daemon runs: its pid, port, uptime and requests served. Exit code 1 when none runs.",
      footer = {"", "Examples:", "  mailtrace daemon status", "  mailtrace daemon status --json"})
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OutputOptions output;

    @Override
    public Integer call() throws IOException {
      output.check();
      PrintWriter out = spec.commandLine().getOut();
      Path dir = stateDir();
      DaemonState s = Files.isDirectory(dir) ? DaemonState.read(dir) : null;
      Optional<Map<String, String>> status = s == null ? Optional.empty() : DaemonProcess.status(s, cwd());
      if (status.isEmpty()) {
        if (s != null) {
          s.delete(dir);
        }
        if (output.json) {
          new JsonWriter(out).value(Map.of("running", false)).newline();
        } else if (output.csv) {
          out.println("running");
          out.println("false");
        } else {
          out.println("mailtrace daemon: not running");
        }
        out.flush();
        return 1;
      }
      Map<String, String> v = status.get();
      Duration up = Duration.ofMillis(System.currentTimeMillis() - Long.parseLong(v.getOrDefault("started", "0")));
      long requests = Long.parseLong(v.getOrDefault("requests", "0"));
      long indexes = Long.parseLong(v.getOrDefault("indexes", "0"));
      long warming = Long.parseLong(v.getOrDefault("warming", "0"));
      Duration idle = Duration.ofSeconds(Long.parseLong(v.getOrDefault("idle-seconds", "0")));
      boolean current = s.runsCurrentJar();
      if (output.json || output.csv) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("running", true);
        row.put("pid", s.pid());
        row.put("port", s.port());
        row.put("uptime_seconds", up.toSeconds());
        row.put("requests", requests);
        row.put("indexes_open", indexes);
        row.put("indexes_warming", warming);
        row.put("idle_seconds", idle.toSeconds());
        row.put("jar", v.get("jar"));
        row.put("jar_current", current);
        if (output.json) {
          new JsonWriter(out).value(row).newline();
        } else {
          CSVPrinter p = CSVFormat.RFC4180.builder().setHeader(row.keySet().toArray(String[]::new)).get().print(out);
          p.printRecord(row.values());
          p.flush();
        }
      } else {
        out.println("mailtrace daemon running: pid " + s.pid() + ", port " + s.port() + ", up " + human(up) + ", "
            + requests + (requests == 1 ? " request" : " requests") + " served, " + indexes
            + (indexes == 1 ? " index" : " indexes") + " open" + (warming > 0 ? " (" + warming + " warming up)" : "")
            + ", stops after " + human(idle) + " without requests");
        if (!current) {
          out.println("  its jar " + v.get("jar") + " was rebuilt since; it stops by itself within seconds (then run 'mailtrace daemon start' again)");
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "serve", hidden = true, description = "Run the daemon in the foreground ('daemon start' runs this in the background).")
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Idle idle;

    @Override
    public Integer call() throws Exception {
      Duration limit = idle.limit();
      QueryServer server = QueryServer.start(DaemonState.ensurePrivate(stateDir()), jar(), limit);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mailtrace-daemon-shutdown"));
      spec.commandLine().getErr().println("mailtrace daemon: pid " + server.state().pid() + " listening on 127.0.0.1:"
          + server.state().port() + ", serving search, stats, thread and show --index, stops after " + human(limit) + " without requests");
      spec.commandLine().getErr().flush();
      server.await();
      return 0;
    }
  }
}
