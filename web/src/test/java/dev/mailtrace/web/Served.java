package dev.mailtrace.web;

import dev.mailtrace.web.lucene.LuceneBackend;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Test fixture: the test archive (samples and hostile mail naming a canary) served by a workbench,
 * and optionally a browser; closes them in reverse order.
 */
final class Served implements AutoCloseable {
  final Canary canary;
  final TestArchive archive;
  final LuceneBackend backend;
  final Workbench workbench;
  Browser browser;

  private Served(Canary canary, TestArchive archive, LuceneBackend backend, Workbench workbench) {
    this.canary = canary;
    this.archive = archive;
    this.backend = backend;
    this.workbench = workbench;
  }

  /** Builds the archive in {@code dir} and serves it. */
  static Served start(Path dir) throws IOException {
    Canary canary = new Canary();
    try {
      TestArchive archive = TestArchive.build(dir, canary.hostPort());
      LuceneBackend backend = LuceneBackend.open(archive.index());
      return new Served(canary, archive, backend, Workbench.start(backend, 0, System.err));
    } catch (IOException | RuntimeException e) {
      canary.close();
      throw e;
    }
  }

  /** Adds a browser (its profile and downloads in {@code dir}). */
  Served withBrowser(Path dir) throws IOException {
    browser = new Browser(dir);
    return this;
  }

  @Override
  public void close() throws IOException {
    if (browser != null) {
      browser.close();
    }
    workbench.close();
    backend.close();
    canary.close();
  }
}
