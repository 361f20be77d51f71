package dev.mailtrace.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixture: an HTTP server on 127.0.0.1 that records every request; hostile mail names it. */
final class Canary implements AutoCloseable {
  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  Canary() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      if (ex.getRequestURI().getPath().equals("/control-page")) {
        // For the control test: a page that fetches and logs, as hostile mail would like to.
        byte[] page = "<!DOCTYPE html><img src=\"/control.gif\"><script>console.log('HOSTILE-RAN control')</script>"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, page.length);
        ex.getResponseBody().write(page);
      } else {
        ex.sendResponseHeaders(204, -1);
      }
      ex.close();
    });
    server.start();
  }

  /** {@code 127.0.0.1:PORT}. */
  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request received, "METHOD /path". */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
