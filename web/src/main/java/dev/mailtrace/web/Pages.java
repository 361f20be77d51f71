package dev.mailtrace.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mailtrace.export.ExportFormat;
import dev.mailtrace.message.Part;
import dev.mailtrace.web.backend.Order;
import dev.mailtrace.web.backend.QueryError;
import dev.mailtrace.web.backend.SearchBackend;
import dev.mailtrace.web.body.SanitisedHtml;
import dev.mailtrace.web.view.BounceDashboard;
import dev.mailtrace.web.view.HtmlParts;
import dev.mailtrace.web.view.MessageView;
import dev.mailtrace.web.view.OpenedMessage;
import dev.mailtrace.web.view.QueryProblem;
import dev.mailtrace.web.view.RouteDashboard;
import dev.mailtrace.web.view.RouteView;
import dev.mailtrace.web.view.SearchView;
import dev.mailtrace.web.view.SourceText;
import dev.mailtrace.web.view.ThreadView;
import dev.mailtrace.web.view.Urls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Answers the workbench's requests: checks access, dispatches by path to a view, renders it with
 * its template and sends it with headers that keep the page from loading anything remote.
 *
 * <p>Only GET and HEAD exist: every view is a plain link or a GET form, so each can be bookmarked.
 */
final class Pages implements HttpHandler {
  /** Pages: only this origin's scripts and styles, images inline, no connections, frames of this origin. */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";
  /**
   * A sanitised HTML body: sandboxed without scripts even when opened on its own, inline styles and
   * data: images only, so nothing the mail names can be fetched.
   */
  static final String FRAME_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
      + "form-action 'none'; frame-ancestors 'self'; base-uri 'none'";
  /** Downloads and plain text: nothing at all. */
  static final String NOTHING_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";
  private static final String HEX64 = "[0-9a-fA-F]{64}";

  private final SearchBackend backend;
  private final Access access;
  private final Templates templates = new Templates();
  private final PrintStream log;

  Pages(SearchBackend backend, Access access, PrintStream log) {
    this.backend = backend;
    this.access = access;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      if (!access.isOwnHost(ex)) {
        error(ex, 403, "Wrong host", "This workbench answers only requests addressed to 127.0.0.1 or localhost on its port.", false);
        return;
      }
      Request r = Request.of(ex.getRequestURI());
      String token = r.params().get("token");
      if (token != null) {
        if (!access.matches(token)) {
          error(ex, 403, "Wrong token", "Open the URL that 'mailtrace serve' printed, with its token.", false);
          return;
        }
        // The token goes into a cookie and out of the address bar, so addresses pasted into case
        // notes do not carry it.
        ex.getResponseHeaders().add("Set-Cookie", access.cookie());
        redirect(ex, withoutToken(ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery()));
        return;
      }
      if (!access.hasCookie(ex)) {
        error(ex, 403, "Token required", "Open the URL that 'mailtrace serve' printed, with its token; this browser has not been given it.", false);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        error(ex, 405, "Method not allowed", "The workbench only reads: every view is a GET.", true);
        return;
      }
      dispatch(ex, r);
    } catch (NoSuchElementException missing) {
      error(ex, 404, "Not found", missing.getMessage(), true);
    } catch (IOException | RuntimeException e) {
      log.println("mailtrace serve: " + ex.getRequestURI().getRawPath() + ": " + e);
      error(ex, 500, "Something went wrong", String.valueOf(e.getMessage()), true);
    } finally {
      ex.close();
    }
  }

  private void dispatch(HttpExchange ex, Request r) throws IOException {
    String first = r.segment(0);
    if (first == null) {
      redirect(ex, Urls.search(""));
      return;
    }
    String q = r.param("q", "");
    switch (first) {
      case "search" -> page(ex, "search.jte", Map.of("v", SearchView.of(backend, q, Order.of(r.param("sort", null)), r.page())));
      case "bounces" -> {
        try {
          page(ex, "bounces.jte", Map.of("d", BounceDashboard.of(backend, q)));
        } catch (QueryError e) {
          queryProblem(ex, q, e);
        }
      }
      case "routes" -> {
        try {
          page(ex, "routes.jte", Map.of("d", RouteDashboard.of(backend, q)));
        } catch (QueryError e) {
          queryProblem(ex, q, e);
        }
      }
      case "thread" -> thread(ex, r);
      case "message" -> message(ex, r);
      case "export" -> export(ex, r);
      case "assets" -> asset(ex, r.segment(1));
      default -> throw new NoSuchElementException("There is no page " + ex.getRequestURI().getRawPath() + ".");
    }
  }

  private void queryProblem(HttpExchange ex, String q, QueryError e) throws IOException {
    SearchView v = new SearchView(q, 0, "", List.of(), List.of(), List.of(), null, null, List.of(), null, null, QueryProblem.of(q, e));
    page(ex, "search.jte", Map.of("v", v));
  }

  private void thread(HttpExchange ex, Request r) throws IOException {
    String ref = r.segment(1);
    if (ref == null || !(ref.matches("[0-9a-fA-F]{16}") || ref.matches(HEX64))) {
      throw new NoSuchElementException("A thread is named by its 16-digit id or a message's SHA-256.");
    }
    ThreadView v = ThreadView.of(backend, ref);
    if (v.rows().isEmpty()) {
      throw new NoSuchElementException("No thread " + ref + " in this index.");
    }
    String from = r.param("m", "");
    page(ex, "thread.jte", Map.of("v", v, "current", from.matches(HEX64) ? Urls.message(from) : ""));
  }

  private void message(HttpExchange ex, Request r) throws IOException {
    String sha = r.segment(1);
    if (sha == null || !sha.matches(HEX64)) {
      throw new NoSuchElementException("A message is named by the SHA-256 of its stored bytes (64 hex digits).");
    }
    OpenedMessage opened = OpenedMessage.open(backend, sha.toLowerCase(Locale.ROOT));
    String view = r.segment(2);
    if (view == null) {
      page(ex, "message.jte", Map.of("v", MessageView.of(opened)));
      return;
    }
    if (!opened.isReadable()) {
      throw new NoSuchElementException("No stored copy of " + sha + " matches its SHA-256 now: " + opened.checks().get(0).problem());
    }
    String subject = opened.message().subject() == null ? "(no subject)" : opened.message().subject();
    switch (view) {
      case "route" -> page(ex, "route.jte", Map.of("v", RouteView.of(opened)));
      case "source" -> page(ex, "source.jte", Map.of("sha256", opened.sha256(), "subject", subject, "text", SourceText.of(opened.stored()),
          "messageHref", Urls.message(opened.sha256()), "storedHref", Urls.stored(opened.sha256())));
      case "eml" -> download(ex, opened.stored(), opened.sha256() + ".eml");
      case "part" -> {
        Part p = HtmlParts.leaf(opened.message(), rest(r, 2)).orElseThrow(() -> new NoSuchElementException("No part " + rest(r, 2) + " in this message."));
        download(ex, p.body(), p.filename() != null ? p.filename() : opened.sha256().substring(0, 12) + "-part-" + p.path() + ".bin");
      }
      case "html" -> {
        Optional<SanitisedHtml> html = HtmlParts.sanitised(opened.message(), rest(r, 2));
        SanitisedHtml s = html.orElseThrow(() -> new NoSuchElementException("No HTML part " + rest(r, 2) + " in this message."));
        send(ex, 200, "text/html; charset=utf-8", FRAME_POLICY, true, templates.render("frame.jte", Map.of("html", s.html())).getBytes(StandardCharsets.UTF_8));
      }
      default -> throw new NoSuchElementException("There is no view '" + view + "' of a message.");
    }
  }

  private static String rest(Request r, int from) {
    return String.join("/", r.segments().subList(Math.min(from + 1, r.segments().size()), r.segments().size()));
  }

  private void export(HttpExchange ex, Request r) throws IOException {
    ExportFormat format = ExportFormat.of(r.param("format", "mbox"));
    if (format == null) {
      throw new NoSuchElementException("Export formats are mbox, eml, csv and json.");
    }
    String q = r.param("q", "");
    try {
      backend.count(q);
    } catch (QueryError e) {
      queryProblem(ex, q, e);
      return;
    }
    String stamp = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss", Locale.ROOT).format(ZonedDateTime.now(ZoneOffset.UTC));
    headers(ex, "application/zip", NOTHING_POLICY, false);
    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"mailtrace-export-" + format.name().toLowerCase(Locale.ROOT) + "-" + stamp + ".zip\"");
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      backend.export(q, format, out);
    }
  }

  private void asset(HttpExchange ex, String name) throws IOException {
    byte[] bytes = name == null ? null : Assets.bytes(name);
    if (bytes == null) {
      throw new NoSuchElementException("There is no asset " + name + ".");
    }
    send(ex, 200, Assets.TYPES.get(name), NOTHING_POLICY, false, bytes);
  }

  private void page(HttpExchange ex, String template, Map<String, Object> params) throws IOException {
    Map<String, Object> all = new java.util.HashMap<>(params);
    all.put("index", backend.name());
    send(ex, 200, "text/html; charset=utf-8", PAGE_POLICY, false, templates.render(template, all).getBytes(StandardCharsets.UTF_8));
  }

  private void download(HttpExchange ex, byte[] bytes, String filename) throws IOException {
    // Always a download and never a type the browser would render: an HTML or SVG attachment
    // opened in this origin could run its scripts here.
    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + asciiName(filename) + "\"; filename*=UTF-8''"
        + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
    send(ex, 200, "application/octet-stream", NOTHING_POLICY, false, bytes);
  }

  private static String asciiName(String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' ? c : '_');
    }
    return b.toString();
  }

  private void error(HttpExchange ex, int status, String title, String detail, boolean styled) throws IOException {
    byte[] body = templates.render("error.jte", Map.of("status", status, "title", title, "detail", detail == null ? "" : detail, "styled", styled))
        .getBytes(StandardCharsets.UTF_8);
    send(ex, status, "text/html; charset=utf-8", PAGE_POLICY, false, body);
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    headers(ex, "text/plain; charset=utf-8", NOTHING_POLICY, false);
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(303, -1);
  }

  private static String withoutToken(String rawPath, String rawQuery) {
    StringBuilder q = new StringBuilder();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.startsWith("token=") && !pair.isEmpty()) {
          q.append(q.isEmpty() ? "?" : "&").append(pair);
        }
      }
    }
    return (rawPath == null || rawPath.isEmpty() ? "/" : rawPath) + q;
  }

  private static void headers(HttpExchange ex, String type, String policy, boolean framable) {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Content-Security-Policy", policy);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (!framable) {
      h.set("X-Frame-Options", "DENY");
    }
  }

  private static void send(HttpExchange ex, int status, String type, String policy, boolean framable, byte[] body) throws IOException {
    headers(ex, type, policy, framable);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
