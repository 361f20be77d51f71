package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void printsATokenUrlOnTheLoopbackServesItAndStopsWhenInterrupted() throws Exception {
    Path idx = SampleIndex.build(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger code = new AtomicInteger(-1);
    Thread serve = new Thread(() -> code.set(Main.run(new String[] {"serve", "--index", idx.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))));
    serve.start();
    Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=[0-9a-f]{64}").matcher("");
    for (int i = 0; i < 200 && !url.reset(out.toString(StandardCharsets.UTF_8)).find(); i++) {
      Thread.sleep(50);
    }
    assertTrue(url.reset(out.toString(StandardCharsets.UTF_8)).find(), out.toString(StandardCharsets.UTF_8) + err);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("mailtrace workbench for " + idx + " (180 messages):"));
    int port = Integer.parseInt(url.group(1));
    assertTrue(get(port, "/search", null).startsWith("HTTP/1.1 403"));
    String login = get(port, url.group().substring(url.group().indexOf("/?")), null);
    assertTrue(login.startsWith("HTTP/1.1 303"), login);
    Matcher cookie = Pattern.compile("(?im)^set-cookie: ([^;]+)").matcher(login);
    assertTrue(cookie.find(), login);
    String page = get(port, "/search?q=is%3Abounce", cookie.group(1));
    assertTrue(page.startsWith("HTTP/1.1 200") && page.contains("1–13 of 13"), page);
    serve.interrupt();
    serve.join(10_000);
    assertEquals(0, code.get());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("workbench stopped"));
  }

  /** One GET over a plain socket (the module reads no HTTP client), the whole answer as text. */
  private static String get(int port, String path, String cookie) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPortOutOfRangeIsAUsageError() throws Exception {
    CliRun r = CliRun.run("serve", "--index", SampleIndex.build(dir).toString(), "--port", "70000");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--port must be 0 to 65535"), r.err());
  }
}
