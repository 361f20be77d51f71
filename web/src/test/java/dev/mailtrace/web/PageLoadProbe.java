package dev.mailtrace.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * Page-load timing of the workbench from a real browser, for {@code bench/pageload.sh}: loads the
 * search page of each query (20 results, facets and all) many times in headless chromium and reads
 * the browser's Navigation Timing: time to the first byte of the page, and to its load event (the
 * style sheet and scripts loaded and run). Prints a Markdown table; not a test.
 *
 * <p>Arguments: the workbench URL with its token, warm-up loads per query, measured loads per
 * query, then the queries.
 */
public final class PageLoadProbe {
  private PageLoadProbe() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int warmup = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    List<String> queries = Arrays.asList(args).subList(3, args.length);
    String base = url.substring(0, url.indexOf("/?token="));
    Path work = Files.createTempDirectory("mailtrace-pageload");
    try (Browser browser = new Browser(work)) {
      browser.driver.get(url);
      System.out.println("| query | matches | shown | new query: first byte p50 / p90 ms | new query: load p50 / p90 ms | again: load p50 / p90 ms |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      int variant = 0;
      for (String q : queries) {
        String page = address(base, q);
        for (int i = 0; i < warmup; i++) {
          browser.driver.get(address(base, variant(q, variant++)));
        }
        // A new query each time: the same results under a query string the workbench has not
        // counted before (a clause that excludes nothing), so its facets are counted afresh.
        List<Double> firstByte = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          double[] t = load(browser, address(base, variant(q, variant++)));
          firstByte.add(t[0]);
          load.add(t[1]);
        }
        // The same address again, as when paging back or reloading: facets already counted.
        List<Double> again = new ArrayList<>();
        browser.driver.get(page);
        for (int i = 0; i < runs; i++) {
          again.add(load(browser, page)[1]);
        }
        String shown = browser.driver.findElement(By.id("shown")).getText();
        int rows = browser.driver.findElements(By.cssSelector("table.hits tbody tr")).size();
        System.out.printf(Locale.ROOT, "| `%s` | %s | %d | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |%n", q.isEmpty() ? "(all)" : q,
            shown.contains(" of ") ? shown.substring(shown.indexOf(" of ") + 4) : shown, rows,
            pct(firstByte, 50), pct(firstByte, 90), pct(load, 50), pct(load, 90), pct(again, 50), pct(again, 90));
      }
    }
  }

  private static String address(String base, String q) {
    return base + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The query with a clause that matches no message excluded: same results, a new query string. */
  private static String variant(String q, int n) {
    return (q.isEmpty() ? "" : q + " ") + "-msgid:probe-" + n + "@nowhere.invalid";
  }

  /** Loads a page; its time to first byte and to its load event, in ms (Navigation Timing). */
  private static double[] load(Browser browser, String page) {
    browser.driver.get(page);
    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) browser.driver.executeScript(
        "const n = performance.getEntriesByType('navigation')[0];"
            + "return {firstByte: n.responseStart - n.startTime, load: n.loadEventEnd - n.startTime};");
    return new double[] {((Number) t.get("firstByte")).doubleValue(), ((Number) t.get("load")).doubleValue()};
  }

  private static double pct(List<Double> values, int p) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    return s.get(Math.min(s.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.size()) - 1)));
  }
}
