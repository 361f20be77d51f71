package dev.mailtrace.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Part;
import dev.mailtrace.web.backend.MessageRow;
import dev.mailtrace.web.backend.Order;
import dev.mailtrace.web.lucene.LuceneBackend;
import dev.mailtrace.web.view.OpenedMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * Hostile HTML mail in a real browser: each message of the corpus is opened (its page, each HTML
 * frame on its own, each HTML or SVG attachment's address), hovered and clicked; no script of the
 * message may run (no alert, no console line from it) and the canary server the messages name must
 * receive no request.
 */
@Tag("browser")
class HostileHtmlBrowserTest {
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
    browser.driver.get(workbench.url());
    browser.console();
  }

  @AfterAll
  static void stop() throws Exception {
    if (served != null) {
      served.close();
    }
  }


  @ParameterizedTest
  @ValueSource(strings = {"scripts", "links", "refresh", "forms", "css", "images", "svg", "encodings"})
  void nothingRunsAndNothingIsFetched(String name) throws Exception {
    browser.console();
    MessageRow m = backend.search("msgid:" + name + "@attacker.test", Order.OLDEST, 0, 1).rows().get(0);
    List<String> addresses = new ArrayList<>();
    addresses.add("/message/" + m.sha256());
    for (Part p : OpenedMessage.open(backend, m.sha256()).message().leaves()) {
      if (p.contentType().equals("text/html") && !p.isAttachment()) {
        addresses.add("/message/" + m.sha256() + "/html/" + p.path());
      }
      if (p.isAttachment()) {
        addresses.add("/message/" + m.sha256() + "/part/" + p.path());
      }
    }
    for (String address : addresses) {
      browser.driver.get(workbench.base() + address);
      if (address.equals(addresses.get(0))) {
        poke();
        browser.screenshot("hostile-" + name);
      }
      // Time for anything that would run late (a refresh after 0 s, an image's error handler).
      Thread.sleep(700);
      assertNoAlert(address);
    }
    browser.driver.get(workbench.base() + "/message/" + m.sha256());
    Thread.sleep(300);
    List<String> console = browser.console().stream().map(LogEntry::getMessage).toList();
    assertEquals(List.of(), console.stream().filter(l -> l.contains("HOSTILE-RAN")).toList(), "script of the message ran");
    assertEquals(List.of(), console, "the console stays quiet");
    assertEquals(List.of(), canary.requests(), "the canary was reached");
    assertTrue(browser.driver.getCurrentUrl().startsWith(workbench.base()), "no navigation away: " + browser.driver.getCurrentUrl());
  }

  @org.junit.jupiter.api.Test
  void theCanaryAndTheConsoleWouldSeeAnEscape() throws Exception {
    // The control: the same browser, flags and canary do see a page on the loopback that loads
    // and logs (a page of another port, as the workbench's is to the canary's).
    try (Canary control = new Canary()) {
      browser.console();
      browser.driver.get("http://" + control.hostPort() + "/control-page");
      Thread.sleep(500);
      List<String> console = browser.console().stream().map(LogEntry::getMessage).toList();
      assertTrue(control.requests().contains("GET /control.gif"), control.requests().toString());
      assertTrue(console.stream().anyMatch(l -> l.contains("HOSTILE-RAN control")), console.toString());
    }
  }

  /** Hovers and clicks everything in each HTML frame, as a curious reader would. */
  private static void poke() {
    List<WebElement> frames = browser.driver.findElements(By.cssSelector("iframe.html-body"));
    for (int i = 0; i < frames.size(); i++) {
      WebElement frame = browser.driver.findElements(By.cssSelector("iframe.html-body")).get(i);
      new Actions(browser.driver).scrollToElement(frame).perform();
      browser.driver.switchTo().frame(frame);
      for (WebElement e : browser.driver.findElements(By.cssSelector("a, p, div, img, td, details"))) {
        try {
          if (e.isDisplayed()) {
            new Actions(browser.driver).moveToElement(e).click().perform();
          }
        } catch (RuntimeException notClickable) {
          // Hidden or zero-sized: nothing to poke.
        }
      }
      assertFalse(browser.driver.getPageSource().contains("<script"), "a script element reached the frame");
      browser.driver.switchTo().defaultContent();
    }
  }

  private static void assertNoAlert(String where) {
    try {
      String text = browser.driver.switchTo().alert().getText();
      throw new AssertionError("an alert opened on " + where + ": " + text);
    } catch (NoAlertPresentException expected) {
      // Nothing ran.
    }
  }
}
