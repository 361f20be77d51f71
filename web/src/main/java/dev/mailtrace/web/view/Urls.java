package dev.mailtrace.web.view;

import dev.mailtrace.export.ExportFormat;
import dev.mailtrace.web.backend.Order;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The workbench's addresses, one method per view, so that every link is built one way and every
 * view can be bookmarked. Paths are absolute within the workbench; none carries the access token.
 */
public final class Urls {
  private Urls() {}

  /** Search results for a query, in an order, at a page (from 1). */
  public static String search(String query, Order order, int page) {
    StringBuilder b = new StringBuilder("/search?q=").append(encode(query == null ? "" : query));
    if (order != Order.NEWEST) {
      b.append("&sort=").append(order.param());
    }
    if (page > 1) {
      b.append("&page=").append(page);
    }
    return b.toString();
  }

  /** Search results for a query, newest first. */
  public static String search(String query) {
    return search(query, Order.NEWEST, 1);
  }

  /** A message by the SHA-256 of its stored bytes. */
  public static String message(String sha256) {
    return "/message/" + sha256;
  }

  /** The message's trace path. */
  public static String route(String sha256) {
    return message(sha256) + "/route";
  }

  /** The message's source as text. */
  public static String source(String sha256) {
    return message(sha256) + "/source";
  }

  /** The message's stored bytes as a download, byte-exact. */
  public static String stored(String sha256) {
    return message(sha256) + "/eml";
  }

  /** The decoded body of one MIME part as a download, byte-exact. */
  public static String part(String sha256, String path) {
    return message(sha256) + "/part/" + path;
  }

  /** One HTML part, sanitised, for a sandboxed frame. */
  public static String html(String sha256, String path) {
    return message(sha256) + "/html/" + path;
  }

  /** The conversation of a thread id. */
  public static String thread(String threadId) {
    return "/thread/" + threadId;
  }

  /** The conversation of a thread id, with one of its messages marked. */
  public static String thread(String threadId, String sha256) {
    return thread(threadId) + "?m=" + sha256;
  }

  /** The bounce dashboard for a query. */
  public static String bounces(String query) {
    return "/bounces?q=" + encode(query == null ? "" : query);
  }

  /** The route dashboard for a query. */
  public static String routes(String query) {
    return "/routes?q=" + encode(query == null ? "" : query);
  }

  /** An export of a query's messages as a zip download. */
  public static String export(String query, ExportFormat format) {
    return "/export?q=" + encode(query == null ? "" : query) + "&format=" + format.name().toLowerCase(Locale.ROOT);
  }

  /** One of the assets served from the jar. */
  public static String asset(String name) {
    return "/assets/" + name;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
