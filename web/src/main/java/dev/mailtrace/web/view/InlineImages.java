package dev.mailtrace.web.view;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A message's inline images by Content-ID, as {@code data:} URIs, so an HTML body's {@code cid:}
 * references show without any request (RFC 2392 names the scheme).
 */
final class InlineImages {
  /** Raster types a browser shows as an image and never runs: SVG is left out. */
  private static final Set<String> TYPES = Set.of("image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp", "image/bmp");
  /** Larger inline images are left out rather than inflating the page by a third more. */
  static final long MAX_BYTES = 2 << 20;

  private InlineImages() {}

  static Map<String, String> of(Message m) {
    Map<String, String> out = new HashMap<>();
    for (Part p : m.leaves()) {
      String id = p.header("Content-ID");
      if (id == null || !TYPES.contains(p.contentType()) || p.size() > MAX_BYTES) {
        continue;
      }
      String key = id.strip();
      if (key.startsWith("<") && key.endsWith(">")) {
        key = key.substring(1, key.length() - 1);
      }
      out.put(key, "data:" + p.contentType() + ";base64," + Base64.getEncoder().encodeToString(p.body()));
    }
    return out;
  }
}
