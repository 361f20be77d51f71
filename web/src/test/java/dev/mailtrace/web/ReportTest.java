package dev.mailtrace.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.web.backend.QueryError;
import dev.mailtrace.web.lucene.LuceneBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir static Path dir;
  static LuceneBackend backend;

  @BeforeAll
  static void index() throws Exception {
    backend = LuceneBackend.open(TestArchive.build(dir, "127.0.0.1:9").index());
  }

  @AfterAll
  static void close() throws Exception {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void theReportIsOneFileThatLoadsNothing() throws Exception {
    Document d = Jsoup.parse(Report.render(backend, "", Instant.parse("2026-01-02T03:04:05Z")));
    List<String> references = new ArrayList<>();
    for (Element e : d.getAllElements()) {
      for (String a : List.of("src", "href", "action", "srcset", "background", "poster", "data")) {
        if (e.hasAttr(a)) {
          references.add(e.tagName() + " " + a + "=" + e.attr(a));
        }
      }
    }
    assertEquals(List.of(), references);
    assertEquals(List.of(), d.select("link").eachAttr("href"));
  }

  @Test
  void itsPolicyAllowsExactlyItsOwnInlineBlocks() throws Exception {
    Document d = Jsoup.parse(Report.render(backend, "", Instant.parse("2026-01-02T03:04:05Z")));
    String policy = d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
    List<String> scripts = d.select("script").stream().map(Element::data).toList();
    assertEquals(2, scripts.size());
    assertEquals("default-src 'none'; script-src " + Report.hash(scripts.get(0)) + " " + Report.hash(scripts.get(1))
        + "; style-src " + Report.hash(d.selectFirst("style").data()) + "; img-src data:; base-uri 'none'; form-action 'none'", policy);
    assertTrue(d.head().child(0).is("meta[charset]") && d.head().child(1).is("meta[http-equiv=Content-Security-Policy]"),
        "the policy comes before anything it governs");
  }

  @Test
  void itHoldsTheSummaryAndBothDashboardsOfTheQuery() throws Exception {
    Document d = Jsoup.parse(Report.render(backend, "is:bounce", Instant.parse("2026-01-02T03:04:05Z")));
    assertTrue(d.title().equals("mailtrace report: is:bounce"), d.title());
    assertEquals("15 bounces 3 with a hard failure 12 with a soft failure", d.selectFirst("#bounce-dashboard .figures").text());
    assertEquals("15 messages", d.selectFirst("#route-dashboard .figures").text());
    assertTrue(d.selectFirst("#summary").text().contains("Sender domains"));
    assertEquals("2026-01-02 03:04:05 UTC", d.select("table.fields tr").get(2).selectFirst("td").text());
  }

  @Test
  void aBadQueryIsAnErrorWithItsColumn() {
    QueryError e = org.junit.jupiter.api.Assertions.assertThrows(QueryError.class, () -> Report.render(backend, "from:(", Instant.EPOCH));
    assertEquals(7, e.column());
  }

  @Test
  void writingLeavesNoPartialFile() throws Exception {
    Path out = dir.resolve("out").resolve("report.html");
    Files.createDirectories(out.getParent());
    Report.write(backend, "", Instant.EPOCH, out);
    try (var files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList());
    }
  }
}
