package dev.mailtrace.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The files the pages load, all from the jar: the style sheet, our two scripts and Chart.js (copied
 * from its webjar at build time). Nothing is fetched from anywhere else.
 */
final class Assets {
  /** Served names and their content types; nothing else under /assets/ exists. */
  static final Map<String, String> TYPES = Map.of(
      "workbench.css", "text/css; charset=utf-8",
      "workbench.js", "text/javascript; charset=utf-8",
      "charts.js", "text/javascript; charset=utf-8",
      "chart.umd.js", "text/javascript; charset=utf-8");

  private Assets() {}

  /** An asset's bytes, or null when there is no such asset. */
  static byte[] bytes(String name) {
    if (!TYPES.containsKey(name)) {
      return null;
    }
    try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("asset " + name + " is missing from the jar; rebuild it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An asset as text. */
  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
