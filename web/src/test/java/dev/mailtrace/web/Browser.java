package dev.mailtrace.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Test fixture: Debian's chromium driven by its chromium-driver through Selenium, headless, with
 * the flags a closed, root-run machine needs (no sandbox as root, no background networking, a
 * fresh profile), downloads into a folder, and the console kept for inspection.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
  /** Where screenshots go: web/target/screenshots. */
  static final Path SHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  final Path downloads;

  Browser(Path work) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver ("
          + CHROMIUM + ", " + DRIVER + "): apt-get install chromium chromium-driver, as .ci/run does");
    }
    downloads = Files.createDirectories(work.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--disable-extensions", "--disable-default-apps", "--window-size=1280,860", "--hide-scrollbars",
        "--user-data-dir=" + Files.createDirectories(work.resolve("profile")));
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false,
        "safebrowsing.enabled", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
  }

  /** The console's entries since the last call. */
  List<LogEntry> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Saves a screenshot of the window as target/screenshots/NAME.png. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Path out = SHOTS.resolve(name + ".png");
    Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
    return out;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
