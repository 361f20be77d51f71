package dev.mailtrace.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Part;
import dev.mailtrace.message.Sha256;
import dev.mailtrace.web.backend.MessageRow;
import dev.mailtrace.web.lucene.LuceneBackend;
import dev.mailtrace.web.view.OpenedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench in a real browser: the token, a search, a facet, a message, its thread and route,
 * the bounce dashboard with its charts, an attachment downloaded and hashed; the console stays
 * free of errors on every page. Takes a screenshot of each view (target/screenshots).
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchBrowserTest {
  @TempDir static Path dir;
  static Served served;
  static Canary canary;
  static LuceneBackend backend;
  static Workbench workbench;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    served = Served.start(dir).withBrowser(dir);
    canary = served.canary;
    backend = served.backend;
    workbench = served.workbench;
    browser = served.browser;
  }

  @AfterAll
  static void stop() throws Exception {
    if (served != null) {
      served.close();
    }
  }


  @AfterEach
  void consoleHasNoErrors() {
    List<LogEntry> bad = browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertEquals(List.of(), bad.stream().map(LogEntry::getMessage).toList());
    assertEquals(List.of(), canary.requests());
  }

  private static void open(String path) {
    browser.driver.get(workbench.base() + path);
  }

  private static String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void withoutTheTokenNothingIsShownAndWithItTheSearchOpens() throws Exception {
    open("/search?q=");
    assertEquals("Token required", text("h1"));
    assertTrue(browser.driver.findElements(By.cssSelector("table.hits")).isEmpty());
    browser.screenshot("00-token-required");
    // The 403 itself is a console error; clear it before the page that counts.
    browser.console();
    browser.driver.get(workbench.url());
    assertEquals(workbench.base() + "/search?q=", browser.driver.getCurrentUrl(), "the token leaves the address bar");
    assertTrue(text("#shown").endsWith(" of 218"), text("#shown"));
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aSearchFromTheBoxThenAFacetRefinesIt() throws Exception {
    open("/search?q=");
    WebElement box = browser.driver.findElement(By.cssSelector(".searchbox input[name=q]"));
    box.clear();
    box.sendKeys("is:bounce", Keys.ENTER);
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=is%3Abounce"));
    assertEquals("1–15 of 15", text("#shown"));
    assertEquals(15, browser.driver.findElements(By.cssSelector("table.hits tbody tr")).size());
    browser.screenshot("01-search");
    WebElement facet = browser.driver.findElement(By.xpath("//section[@class='facet'][h2='Bounce reason']//a[.='expired']"));
    facet.click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("expired"));
    assertEquals("is:bounce bounce.reason:expired", browser.driver.findElement(By.cssSelector(".searchbox input[name=q]")).getDomProperty("value"));
    assertEquals("1–3 of 3", text("#shown"));
    browser.screenshot("02-facet");
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aBadQueryPointsAtItsColumn() throws Exception {
    open("/search?q=" + java.net.URLEncoder.encode("from:alice (subject:x", java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("Bad query at column 22", text("#query-error h1"));
    browser.screenshot("03-bad-query");
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void aMessageItsThreadAndItsRoute() throws Exception {
    MessageRow m = longestThreadMessage();
    open("/message/" + m.sha256());
    assertEquals(m.subject(), text("#subject"));
    assertTrue(text("#provenance").contains("verified now"));
    browser.screenshot("04-message");
    browser.driver.findElement(By.id("thread-link")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/thread/"));
    assertTrue(browser.driver.findElements(By.cssSelector("ol.thread li")).size() >= 4);
    assertEquals(1, browser.driver.findElements(By.cssSelector("ol.thread li.current")).size(), "each message once, however many copies");
    browser.screenshot("05-thread");
    open("/message/" + m.sha256());
    browser.driver.findElement(By.id("route-link")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/route"));
    assertFalse(browser.driver.findElements(By.cssSelector("ol.route li.hop")).isEmpty());
    browser.screenshot("06-route");
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void aRouteWithAnomaliesMarksThem() throws Exception {
    MessageRow m = backend.search("has:anomaly", dev.mailtrace.web.backend.Order.NEWEST, 0, 1).rows().get(0);
    open("/message/" + m.sha256() + "/route");
    assertFalse(browser.driver.findElements(By.cssSelector("ol.route li.hop.anomalous ul.anomalies li")).isEmpty());
    browser.screenshot("07-route-anomalies");
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void theBounceDashboardDrawsItsCharts() throws Exception {
    open("/bounces?q=");
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("figure.chart.drawn canvas")).isEmpty());
    int figures = browser.driver.findElements(By.cssSelector("#bounce-dashboard figure.chart")).size();
    assertEquals(figures, browser.driver.findElements(By.cssSelector("#bounce-dashboard figure.chart.drawn canvas")).size(), "every chart drawn");
    assertTrue(text("#bounce-dashboard .figures").startsWith("15 bounces"), text("#bounce-dashboard .figures"));
    browser.screenshot("08-bounces");
    open("/routes?q=");
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("figure.chart.drawn canvas")).isEmpty());
    browser.screenshot("09-routes");
  }

  @Test
  @org.junit.jupiter.api.Order(7)
  void anAttachmentDownloadsWithItsSha256() throws Exception {
    MessageRow m = backend.search("attachment.type:application/pdf", dev.mailtrace.web.backend.Order.OLDEST, 0, 1).rows().get(0);
    Part pdf = OpenedMessage.open(backend, m.sha256()).message().attachments().stream()
        .filter(p -> p.contentType().equals("application/pdf")).findFirst().orElseThrow();
    open("/message/" + m.sha256());
    browser.screenshot("10-message-attachment");
    browser.driver.findElement(By.xpath("//a[@class='attachment'][contains(@href,'/part/" + pdf.path() + "')]")).click();
    Path file = browser.downloads.resolve(pdf.filename());
    new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> Files.isRegularFile(file) && !Files.exists(Path.of(file + ".crdownload")));
    assertEquals(pdf.sha256(), Sha256.of(Files.readAllBytes(file)));
    assertTrue(text("#attachments").contains(pdf.sha256()));
  }

  @Test
  @org.junit.jupiter.api.Order(8)
  void theSourceIsShownAsText() throws Exception {
    MessageRow m = backend.search("is:bounce", dev.mailtrace.web.backend.Order.OLDEST, 0, 1).rows().get(0);
    open("/message/" + m.sha256() + "/source");
    assertTrue(text("#source").startsWith("Return-Path") || text("#source").contains("Subject:"));
  }

  @Test
  @org.junit.jupiter.api.Order(9)
  void theReportOpensOfflineWithItsCharts() throws Exception {
    Path report = dir.resolve("report.html");
    Report.write(backend, "", java.time.Instant.now(), report);
    browser.driver.get(report.toUri().toString());
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("figure.chart.drawn canvas")).isEmpty());
    int figures = browser.driver.findElements(By.cssSelector("figure.chart")).size();
    assertEquals(figures, browser.driver.findElements(By.cssSelector("figure.chart.drawn canvas")).size()
        + browser.driver.findElements(By.cssSelector("figure.chart.empty")).size(), "every chart drawn or said empty");
    browser.screenshot("11-report");
  }

  private static MessageRow longestThreadMessage() throws Exception {
    List<MessageRow> rows = backend.search("subject:re", dev.mailtrace.web.backend.Order.OLDEST, 0, 200).rows();
    MessageRow best = rows.get(0);
    int size = 0;
    for (MessageRow r : rows) {
      int n = backend.thread(r.thread(), 100).size();
      if (n > size) {
        size = n;
        best = r;
      }
    }
    return best;
  }
}
