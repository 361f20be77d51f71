package dev.mailtrace.cli.daemon;

import dev.mailtrace.cli.CommandLines;
import dev.mailtrace.cli.Invocation;
import dev.mailtrace.cli.Main;
import dev.mailtrace.search.OpenIndexes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The query daemon's server: answers read-only index commands from clients on this machine.
 *
 * <p>{@link #start} binds 127.0.0.1 on an ephemeral port, writes the {@link DaemonState} file and
 * accepts connections, one request each, run on a virtual thread through
 * {@link Main#run(String[], PrintStream, PrintStream, Invocation, CommandLines)} with the client's
 * working folder and terminals, with index readers that stay open ({@link OpenIndexes}) and command
 * models built once ({@link CommandLines}). A request without the
 * token is closed unanswered; a command other than search, stats, thread or show --index is answered
 * "not served".
 * The server stops after {@code idle} without requests, on {@code daemon stop}, or when its jar is
 * replaced (a rebuilt jar must not be answered by old code).
 */
public final class QueryServer implements AutoCloseable {
  /** The commands the daemon runs: they only read an index ({@code show} only with {@code --index}). */
  public static final Set<String> SERVED = Set.of("search", "stats", "thread", "show");

  /** How often an idle daemon looks whether its jar was rebuilt. */
  private static final Duration JAR_CHECK = Duration.ofSeconds(5);

  /** Longest wait for a client to send its request, so a stuck client cannot hold a thread. */
  private static final int REQUEST_TIMEOUT_MS = 10_000;

  /** Rounds of warming queries: enough calls for the JIT to compile the query paths fully. */
  private static final int WARM_ROUNDS = 400;

  /** Longest warming of one index: on a very large index the rounds above could take minutes. */
  private static final Duration WARM_LIMIT = Duration.ofSeconds(15);

  private final ServerSocket socket;
  private final Path dir;
  private final DaemonState state;
  private final Duration idle;
  private final OpenIndexes indexes = new OpenIndexes(8);
  private final CommandLines models = new CommandLines();
  /** Index folders whose queries have been warmed up (see {@link #warm}). */
  private final Set<Path> warmed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger warming = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final Object stopped = new Object();
  private volatile boolean stopping;

  private QueryServer(ServerSocket socket, Path dir, DaemonState state, Duration idle) {
    this.socket = socket;
    this.dir = dir;
    this.state = state;
    this.idle = idle;
  }

  /**
   * Starts a server for the jar (or class folder) {@code jar}: listens, writes the state file into
   * {@code dir} (made private when needed), and accepts requests on a thread of its own.
   */
  public static QueryServer start(Path dir, Path jar, Duration idle) throws IOException {
    DaemonState.ensurePrivate(dir);
    ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    try {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
      DaemonState state = new DaemonState(socket.getLocalPort(), ProcessHandle.current().pid(),
          HexFormat.of().formatHex(secret), jar.toAbsolutePath(), a.lastModifiedTime().toMillis(), a.size(),
          System.currentTimeMillis());
      state.write(dir);
      QueryServer server = new QueryServer(socket, dir, state, idle);
      Thread.ofPlatform().name("mailtrace-daemon-accept").start(server::accept);
      Thread.ofPlatform().name("mailtrace-daemon-idle").daemon().start(server::watchIdle);
      return server;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** What clients read from the state file. */
  public DaemonState state() {
    return state;
  }

  /** Requests answered so far (not counting refused or not-served ones). */
  public long served() {
    return served.get();
  }

  /** True once the server no longer accepts requests. */
  public boolean isStopped() {
    return socket.isClosed();
  }

  /** Waits until the server has stopped. */
  public void await() throws InterruptedException {
    synchronized (stopped) {
      while (!socket.isClosed()) {
        stopped.wait();
      }
    }
    // Let answers in flight finish: their clients are waiting for them.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (active.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Stops accepting requests, removes the state file and closes the indexes. */
  @Override
  public void close() {
    synchronized (stopped) {
      if (stopping) {
        return;
      }
      stopping = true;
      try {
        state.delete(dir);
      } catch (IOException ignored) {
        // The client checks the port and the token anyway; a stale file only costs it a failed connect.
      }
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing a listening socket; nothing to tell anyone.
      }
      indexes.close();
      stopped.notifyAll();
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread.ofVirtual().name("mailtrace-daemon-request").start(() -> answer(client));
      } catch (SocketException closed) {
        break;
      } catch (IOException e) {
        // A failed accept (out of file descriptors) must not end the daemon; the client falls back.
        System.err.println("mailtrace daemon: accept failed: " + e.getMessage());
      }
    }
    close();
  }

  private void watchIdle() {
    while (!stopping) {
      long quietFor = System.nanoTime() - lastActivity.get();
      long left = idle.toNanos() - quietFor;
      if (left <= 0 && active.get() == 0) {
        System.err.println("mailtrace daemon: no request for " + idle.toMillis() + " ms; stopping");
        close();
        return;
      }
      if (!state.runsCurrentJar()) {
        // Clients of a rebuilt jar no longer ask this daemon (its state file is older than the jar).
        System.err.println("mailtrace daemon: " + state.jar() + " changed; stopping");
        close();
        return;
      }
      try {
        Thread.sleep(Duration.ofNanos(Math.min(Math.max(left, JAR_CHECK.toNanos() / 100), JAR_CHECK.toNanos())));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void answer(Socket client) {
    active.incrementAndGet();
    lastActivity.set(System.nanoTime());
    try (client) {
      client.setSoTimeout(REQUEST_TIMEOUT_MS);
      client.setTcpNoDelay(true);
      Request request = Request.read(new BufferedInputStream(client.getInputStream()), state.tokenBytes());
      if (request == null) {
        return;
      }
      client.setSoTimeout(0);
      OutputStream wire = new BufferedOutputStream(client.getOutputStream(), Frames.MAX_FRAME + 64);
      Frames frames = new Frames(wire);
      List<String> args = request.args();
      String command = args.isEmpty() ? "" : args.get(0);
      if (command.equals("daemon") && args.size() == 2 && args.get(1).equals("status")) {
        frames.stdout().write(status().getBytes(StandardCharsets.UTF_8));
        frames.exit(0);
      } else if (command.equals("daemon") && args.size() == 2 && args.get(1).equals("stop")) {
        frames.exit(0);
        close();
      } else if (!isServed(args) || stopping) {
        frames.notServed();
      } else if (!state.runsCurrentJar()) {
        // The jar was rebuilt: this code may be out of date. The client runs the new jar instead.
        frames.notServed();
        System.err.println("mailtrace daemon: " + state.jar() + " changed; stopping");
        close();
      } else {
        run(request, frames);
      }
    } catch (IOException e) {
      // The client went away mid-answer (a closed pipe downstream of it); nothing to answer.
    } finally {
      lastActivity.set(System.nanoTime());
      active.decrementAndGet();
    }
  }

  /** Whether a command line only reads an index: search, stats, thread, and show with --index. */
  static boolean isServed(List<String> args) {
    if (args.isEmpty() || !SERVED.contains(args.get(0))) {
      return false;
    }
    if (!args.get(0).equals("show")) {
      return true;
    }
    // Without --index, show reads archives: paths and amounts of work the daemon is not for.
    for (String a : args) {
      if (a.equals("--index") || a.startsWith("--index=")) {
        return true;
      }
    }
    return false;
  }

  private void run(Request request, Frames frames) throws IOException {
    PrintStream out = new PrintStream(frames.stdout(), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(frames.stderr(), true, StandardCharsets.UTF_8);
    Invocation invocation = new Invocation(request.cwd(), request.terminals(), request.debug(), indexes);
    int code;
    try {
      code = Main.run(request.args().toArray(String[]::new), out, err, invocation, models);
    } catch (RuntimeException | Error e) {
      err.println("mailtrace: internal error in the query daemon (" + e + "); run again with MAILTRACE_DAEMON=0 and please report it");
      code = 4;
    }
    out.flush();
    err.flush();
    served.incrementAndGet();
    frames.exit(code);
    Path index = indexOf(request);
    if (code == 0 && index != null && warmed.add(index)) {
      warming.incrementAndGet();
      Thread.ofPlatform().name("mailtrace-daemon-warm").daemon().priority(Thread.MIN_PRIORITY).start(() -> {
        try {
          warm(index);
        } finally {
          warming.decrementAndGet();
        }
      });
    }
  }

  /**
   * Runs typical queries on an index the daemon has just served, in the background, as Solr warms
   * a new searcher: until the JIT has compiled them, the query paths run as profiled C1 code, and
   * a top-20 listing took 6-8 ms instead of 4-5 for the first few hundred queries. The queries do
   * not depend on what the index holds (a date range matches every dated message, so listings are
   * printed); their output is dropped, and an index that goes away ends the warming.
   */
  private void warm(Path index) {
    String i = index.toString();
    String everything = "date:1970-01-01..2100-01-01";
    List<String[]> queries = List.of(
        new String[] {"search", "--index", i, "--count", everything},
        new String[] {"search", "--index", i, "--limit", "20", everything},
        new String[] {"search", "--index", i, "--count", "from:example.com -subject:re"},
        new String[] {"search", "--index", i, "--limit", "20", "subject:re"},
        new String[] {"search", "--index", i, "--limit", "20", "re " + everything});
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    Invocation invocation = new Invocation(index.getParent(), null, false, indexes);
    long deadline = System.nanoTime() + WARM_LIMIT.toNanos();
    for (int round = 0; round < WARM_ROUNDS && !stopping && System.nanoTime() < deadline; round++) {
      for (String[] q : queries) {
        try {
          if (Main.run(q, nowhere, nowhere, invocation, models) != 0) {
            return;
          }
        } catch (RuntimeException | Error e) {
          return;
        }
      }
    }
  }

  /** The index folder a request reads, resolved in the client's folder, or null. */
  static Path indexOf(Request request) {
    List<String> args = request.args();
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k);
      String dir = a.equals("--index") && k + 1 < args.size() ? args.get(k + 1)
          : a.startsWith("--index=") ? a.substring("--index=".length()) : null;
      if (dir != null) {
        return request.cwd().resolve(dir).toAbsolutePath().normalize();
      }
    }
    return null;
  }

  private String status() {
    return "pid=" + state.pid() + "\nport=" + state.port() + "\nstarted=" + state.started() + "\nrequests=" + served.get()
        + "\nindexes=" + indexes.size() + "\nwarming=" + warming.get() + "\nidle-seconds=" + idle.toSeconds() + "\njar=" + state.jar() + "\n";
  }
}
