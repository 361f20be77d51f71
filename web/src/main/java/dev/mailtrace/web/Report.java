package dev.mailtrace.web;

import dev.mailtrace.web.backend.SearchBackend;
import dev.mailtrace.web.view.BounceDashboard;
import dev.mailtrace.web.view.RouteDashboard;
import dev.mailtrace.web.view.SummaryView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a query: one self-contained HTML file with the summary tables and the bounce and
 * route dashboards, for attaching to a ticket or a case file. Its style sheet, Chart.js and the
 * chart script are inlined; a Content-Security-Policy in the file allows exactly those inline
 * blocks (by their SHA-256) and no load from anywhere, so it opens offline and stays inert.
 */
public final class Report {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Report() {}

  /**
   * Renders the report of a query.
   *
   * @param query the query ("" for every message)
   * @param generated the time written into the report
   * @throws dev.mailtrace.web.backend.QueryError when the query does not follow the query language
   */
  public static String render(SearchBackend backend, String query, Instant generated) throws IOException {
    String style = Assets.text("workbench.css");
    String library = Assets.text("chart.umd.js");
    String script = Assets.text("charts.js");
    String policy = "default-src 'none'; script-src " + hash(library) + " " + hash(script) + "; style-src " + hash(style)
        + "; img-src data:; base-uri 'none'; form-action 'none'";
    Map<String, Object> params = new HashMap<>();
    params.put("summary", SummaryView.of(backend, query));
    params.put("bounces", BounceDashboard.of(backend, query));
    params.put("routes", RouteDashboard.of(backend, query));
    params.put("index", backend.name());
    params.put("generated", STAMP.format(generated));
    params.put("contentSecurityPolicy", policy);
    params.put("style", style);
    params.put("chartLibrary", library);
    params.put("chartScript", script);
    return new Templates().render("report.jte", params);
  }

  /**
   * Writes the report of a query to a file, through a temporary file beside it so that a failed run
   * leaves no half report.
   */
  public static void write(SearchBackend backend, String query, Instant generated, Path out) throws IOException {
    String html = render(backend, query, generated);
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A CSP source for an inline block: {@code 'sha256-...'} of its exact text. */
  static String hash(String inline) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
