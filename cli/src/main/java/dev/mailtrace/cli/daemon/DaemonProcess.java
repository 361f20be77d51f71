package dev.mailtrace.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting, asking and stopping the background daemon process, for {@code mailtrace daemon}.
 *
 * <p>{@link #start} runs {@code java -jar JAR daemon serve} in a session of its own (setsid, when
 * present, so closing the terminal does not end it), with its output in {@code daemon.log} next to
 * the state file, and returns once it answers. The daemon keeps the default JIT (C2) and collector
 * that suit a long-lived process, not the launcher's quick-start flags for one-off queries;
 * MAILTRACE_DAEMON_JAVA_OPTS adds JVM options.
 */
public final class DaemonProcess {
  /** The daemon's log, next to the state file. */
  public static final String LOG = "daemon.log";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The default JIT (C2) and collector (G1) for a long-lived process, with a small initial and a
   * bounded maximum heap (the default initial heap is 1/64 of memory, which G1 never gives back), and a
   * periodic collection (JEP 346) that gives memory back to the system while it waits for queries.
   * MAILTRACE_DAEMON_JAVA_OPTS adds to them.
   */
  private static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx1g", "-XX:G1PeriodicGCInterval=60000");

  private DaemonProcess() {}

  /** What a running daemon reports about itself: pid, port, started, requests, indexes, idle-seconds, jar. */
  public static Optional<Map<String, String>> status(DaemonState state, Path cwd) {
    try {
      DaemonClient.Reply r = DaemonClient.send(state, Request.of(cwd, "daemon", "status"));
      if (!r.served() || r.code() != 0) {
        return Optional.empty();
      }
      Map<String, String> v = new LinkedHashMap<>();
      for (String line : r.outText().split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          v.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return Optional.of(v);
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** The daemon the state file in {@code dir} describes, when it answers; a stale file is removed. */
  public static Optional<DaemonState> running(Path dir, Path cwd) throws IOException {
    DaemonState s = DaemonState.read(dir);
    if (s == null) {
      return Optional.empty();
    }
    if (status(s, cwd).isPresent()) {
      return Optional.of(s);
    }
    s.delete(dir);
    return Optional.empty();
  }

  /**
   * Starts a daemon running {@code jar} with the java at {@code java} and waits until it answers.
   *
   * @throws IOException when it cannot be started or does not answer in time (its log says why)
   */
  public static DaemonState start(Path dir, Path java, Path jar, Duration idle, Path cwd) throws IOException {
    DaemonState.ensurePrivate(dir);
    Path log = dir.resolve(LOG);
    Files.deleteIfExists(log);
    Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    List<String> command = new ArrayList<>();
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString());
    }
    command.add(java.toString());
    command.addAll(JVM_OPTIONS);
    String extra = System.getenv("MAILTRACE_DAEMON_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "daemon", "serve", "--idle", idle.toSeconds() + "s"));
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("MAILTRACE_DAEMON_DIR", dir.toString());
    long before = System.currentTimeMillis();
    Process p = pb.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      DaemonState s = DaemonState.read(dir);
      if (s != null && s.started() >= before - 1000 && status(s, cwd).isPresent()) {
        return s;
      }
      if (!p.isAlive()) {
        throw new IOException("the daemon exited at start (code " + p.exitValue() + "); see " + log);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    p.destroy();
    throw new IOException("the daemon did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
  }

  /**
   * Asks the daemon to stop and waits (up to 10 s) until its process has ended.
   *
   * @return false when it did not answer (the stale state file is removed then)
   */
  public static boolean stop(Path dir, DaemonState state, Path cwd) throws IOException {
    try {
      DaemonClient.send(state, Request.of(cwd, "daemon", "stop"));
    } catch (IOException gone) {
      state.delete(dir);
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(state.pid());
    if (process.isPresent()) {
      try {
        process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        // It stops accepting at once and exits once answers in flight are sent; nothing more to wait for.
      }
    }
    return true;
  }
}
