package dev.mailtrace.web;

import com.sun.net.httpserver.HttpServer;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The workbench: a web server on 127.0.0.1 that shows an index in the browser (search with facets,
 * messages, threads, routes, bounce and route dashboards, exports).
 *
 * <p>It listens on the loopback address only, on a free port unless told one, and answers only
 * requests that carry its random token ({@link #url()} has it, as Jupyter's URL does). It opens no
 * browser and makes no request of its own; its pages load nothing from anywhere else. Requests run
 * on virtual threads; close it to stop.
 */
public final class Workbench implements Closeable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Access access;

  private Workbench(HttpServer server, ExecutorService executor, Access access) {
    this.server = server;
    this.executor = executor;
    this.access = access;
  }

  /**
   * Starts a workbench over a back end.
   *
   * @param port the port, or 0 for a free one
   * @param log where request failures are reported, one line each
   * @throws IOException when the port cannot be bound
   */
  public static Workbench start(SearchBackend backend, int port, PrintStream log) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    Access access = new Access(server.getAddress().getPort());
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", new Pages(backend, access, log));
    server.start();
    return new Workbench(server, executor, access);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address to open, with the token: {@code http://127.0.0.1:PORT/?token=...}. */
  public String url() {
    return base() + "/?token=" + access.token();
  }

  /** The address without the token: {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + port();
  }

  /** Stops answering and waits up to a second for requests in flight. */
  @Override
  public void close() {
    server.stop(1);
    executor.close();
  }
}
