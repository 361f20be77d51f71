package dev.mailtrace.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.Sha256;
import dev.mailtrace.message.Source;
import dev.mailtrace.web.backend.MessageRow;
import dev.mailtrace.web.backend.Order;
import dev.mailtrace.web.lucene.LuceneBackend;
import dev.mailtrace.web.view.OpenedMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench over HTTP, without a browser: access, headers, views, downloads and exports. */
class WorkbenchTest {
  @TempDir static Path dir;
  static Served served;
  static Canary canary;
  static LuceneBackend backend;
  static Workbench workbench;
  static String cookie;
  static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    served = Served.start(dir);
    canary = served.canary;
    backend = served.backend;
    workbench = served.workbench;
    HttpResponse<String> login = get(URI.create(workbench.url()), null);
    cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  @AfterAll
  static void stop() throws IOException {
    if (served != null) {
      served.close();
    }
  }

  static HttpResponse<String> get(URI uri, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> page(String path) throws Exception {
    return get(URI.create(workbench.base() + path), cookie);
  }

  static HttpResponse<byte[]> bytes(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(workbench.base() + path)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void listensOnLoopbackOnly() {
    assertTrue(workbench.url().startsWith("http://127.0.0.1:" + workbench.port() + "/?token="));
    assertEquals(64 + "http://127.0.0.1:/?token=".length() + String.valueOf(workbench.port()).length(), workbench.url().length());
  }

  @Test
  void requestsWithoutTheTokenAreRefusedAndShowNothing() throws Exception {
    for (String path : List.of("/", "/search?q=", "/bounces", "/assets/workbench.css", "/export?q=&format=mbox")) {
      HttpResponse<String> r = get(URI.create(workbench.base() + path), null);
      assertEquals(403, r.statusCode(), path + ": " + r.body());
      assertFalse(r.body().contains("Undelivered"), path);
    }
    HttpResponse<String> wrong = get(URI.create(workbench.base() + "/search?token=" + "0".repeat(64)), null);
    assertEquals(403, wrong.statusCode());
    assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
    HttpResponse<String> badCookie = get(URI.create(workbench.base() + "/search"), cookie.substring(0, cookie.length() - 1) + "0");
    assertEquals(403, badCookie.statusCode());
  }

  @Test
  void theTokenBecomesAStrictCookieAndLeavesTheAddress() throws Exception {
    HttpResponse<String> r = get(URI.create(workbench.url().replace("/?token=", "/search?q=is%3Abounce&token=")), null);
    assertEquals(303, r.statusCode());
    assertEquals("/search?q=is%3Abounce", r.headers().firstValue("Location").orElseThrow());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.startsWith("mailtrace-" + workbench.port() + "="), setCookie);
  }

  @Test
  void anotherHostNameIsRefused() throws Exception {
    // A page elsewhere whose name was rebound to 127.0.0.1 sends its own name as Host.
    try (Socket s = new Socket("127.0.0.1", workbench.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /search HTTP/1.1\r\nHost: rebound.example:" + workbench.port() + "\r\n" + "Cookie: " + cookie + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
    }
  }

  @Test
  void everyResponseForbidsRemoteLoads() throws Exception {
    String sha = backend.search("is:bounce", Order.NEWEST, 0, 1).rows().get(0).sha256();
    for (String path : List.of("/search?q=", "/search?q=from%3A(", "/bounces?q=", "/routes?q=", "/message/" + sha, "/message/" + sha + "/route",
        "/message/" + sha + "/source", "/message/" + sha + "/eml", "/assets/chart.umd.js", "/nowhere", "/message/" + "a".repeat(64))) {
      HttpResponse<String> r = page(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.startsWith("default-src 'none'") || csp.startsWith("sandbox; default-src 'none'"), path + ": " + csp);
      assertFalse(csp.contains("http") || csp.contains("*") || csp.contains("unsafe-eval"), path + ": " + csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), path);
    }
  }

  @Test
  void searchListsAPageWithMarkersFacetsAndPaging() throws Exception {
    String body = page("/search?q=is%3Abounce").body();
    assertTrue(body.contains("1–15 of 15"), body);
    assertEquals(15, count(body, "class=\"mark bounce\""));
    assertTrue(body.contains("Bounce reason"));
    assertTrue(body.contains("href=\"/search?q=is%3Abounce%20bounce.reason%3Auserunknown\""), "facet links refine the query");
    String all = page("/search?q=&page=2&sort=oldest").body();
    assertTrue(all.contains("21–40 of 218"), all);
    assertTrue(all.contains("rel=\"prev\" href=\"/search?q=&amp;sort=oldest\""), all);
    assertTrue(all.contains("rel=\"next\" href=\"/search?q=&amp;sort=oldest&amp;page=3\""), all);
  }

  @Test
  void aBadQueryShowsWhereItGoesWrong() throws Exception {
    HttpResponse<String> r = page("/search?q=from%3Aalice%20(subject%3Ax");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Bad query at column 22"), r.body());
    assertTrue(r.body().contains("expected &#39;)&#39; to close &#39;(&#39; at column 12") || r.body().contains("expected ')' to close '(' at column 12"), r.body());
    assertTrue(r.body().contains("from:alice (subject:x\n" + " ".repeat(21) + "^"), r.body());
  }

  @Test
  void aMessageShowsProvenanceHeadersMimeTreeAndText() throws Exception {
    MessageRow row = backend.search("has:attachment", Order.OLDEST, 0, 1).rows().get(0);
    String body = page("/message/" + row.sha256()).body();
    assertTrue(body.contains("verified now"));
    assertTrue(body.contains("<code>" + row.file() + "</code>"));
    assertTrue(body.contains(">" + row.offset() + "<") && body.contains(">" + row.length() + "<"));
    assertTrue(body.contains("MIME tree") && body.contains("Header section as stored") && body.contains("id=\"text\""));
    assertTrue(body.contains("class=\"attachment\""));
  }

  @Test
  void attachmentsDownloadByteExact() throws Exception {
    for (MessageRow row : backend.search("has:attachment", Order.OLDEST, 0, 5).rows()) {
      OpenedMessage opened = OpenedMessage.open(backend, row.sha256());
      Message m = opened.message();
      for (Part p : m.attachments()) {
        HttpResponse<byte[]> r = bytes("/message/" + row.sha256() + "/part/" + p.path());
        assertEquals(200, r.statusCode());
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        assertArrayEquals(p.body(), r.body());
        assertEquals(p.sha256(), Sha256.of(r.body()));
      }
    }
  }

  @Test
  void theStoredBytesDownloadHashesToTheMessagesName() throws Exception {
    MessageRow row = backend.search("", Order.OLDEST, 0, 1).rows().get(0);
    HttpResponse<byte[]> r = bytes("/message/" + row.sha256() + "/eml");
    assertEquals(row.sha256(), Sha256.of(r.body()));
    assertArrayEquals(SourceBytes.read(new Source(row.file(), row.offset(), row.length(), row.sha256())), r.body());
  }

  @Test
  void threadAndRouteViewsHaveTheirOwnAddresses() throws Exception {
    MessageRow reply = backend.search("subject:re", Order.OLDEST, 0, 1).rows().get(0);
    String thread = page("/thread/" + reply.thread()).body();
    assertTrue(thread.contains("href=\"/message/" + reply.sha256() + "\""), thread);
    String route = page("/message/" + reply.sha256() + "/route").body();
    assertTrue(route.contains("class=\"route\""), route);
    assertTrue(route.contains("hops in travel order"));
  }

  @Test
  void dashboardsCountTheQuery() throws Exception {
    String bounces = page("/bounces?q=").body();
    assertTrue(bounces.contains("<b>15</b> bounces"), bounces);
    assertTrue(bounces.contains("data-chart=\"{&#34;type&#34;:&#34;bar&#34;") || bounces.contains("data-chart=\"{&quot;type&quot;:&quot;bar&quot;"), bounces);
    String routes = page("/routes?q=is%3Abounce").body();
    assertTrue(routes.contains("<b>15</b> messages"), routes);
  }

  @Test
  void exportsAZipWithTheCustodyManifest() throws Exception {
    HttpResponse<byte[]> r = bytes("/export?q=is%3Abounce&format=mbox");
    assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
    Map<String, byte[]> entries = unzip(r.body());
    assertEquals(List.of("messages.mbox", "messages.mbox.manifest.csv"), List.copyOf(entries.keySet()));
    List<String> manifest = new String(entries.get("messages.mbox.manifest.csv"), StandardCharsets.UTF_8).lines().toList();
    assertEquals(16, manifest.size());
    assertTrue(manifest.get(0).startsWith("source_file,offset,length,sha256,exported_path"));
    assertTrue(manifest.get(1).contains(",messages.mbox,"), manifest.get(1));
    assertTrue(manifest.get(1).endsWith(",is:bounce"), manifest.get(1));
    Map<String, byte[]> eml = unzip(bytes("/export?q=is%3Abounce&format=eml").body());
    assertEquals(16, eml.size());
    for (Map.Entry<String, byte[]> e : eml.entrySet()) {
      if (e.getKey().endsWith(".eml")) {
        assertEquals("messages/" + Sha256.of(e.getValue()) + ".eml", e.getKey());
      }
    }
  }

  @Test
  void htmlBodiesComeSandboxedAndSanitised() throws Exception {
    MessageRow hostile = backend.search("msgid:scripts@attacker.test", Order.OLDEST, 0, 1).rows().get(0);
    HttpResponse<String> r = page("/message/" + hostile.sha256() + "/html/2");
    assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").startsWith("sandbox; default-src 'none'"));
    String body = r.body().toLowerCase(java.util.Locale.ROOT);
    assertFalse(body.contains("<script") || body.contains("onerror") || body.contains("onload") || body.contains(canary.hostPort()), body);
    String message = page("/message/" + hostile.sha256()).body();
    assertTrue(message.contains("<iframe class=\"html-body\" sandbox=\"\""), message);
    assertTrue(message.contains("Blocked 2 remote references: nothing was fetched"), message);
  }

  @Test
  void aChangedSourceIsReportedAndNotShown() throws Exception {
    Path one = Files.createDirectories(dir.resolve("changed"));
    Path eml = one.resolve("one.eml");
    Files.writeString(eml, "From: a@example.test\r\nSubject: before\r\n\r\nbody\r\n");
    Path idx = one.resolve("idx");
    new dev.mailtrace.index.IndexRun(idx, List.of(eml), dev.mailtrace.index.IndexConfig.DEFAULT.withThreads(1)).run();
    Files.writeString(eml, "From: a@example.test\r\nSubject: after!\r\n\r\nbody\r\n");
    try (LuceneBackend b = LuceneBackend.open(idx); Workbench w = Workbench.start(b, 0, System.err)) {
      String c = get(URI.create(w.url()), null).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      String sha = b.search("", Order.OLDEST, 0, 1).rows().get(0).sha256();
      String body = get(URI.create(w.base() + "/message/" + sha), c).body();
      assertTrue(body.contains("stored message changed"), body);
      assertFalse(body.contains("after!"));
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  static byte[] read(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
