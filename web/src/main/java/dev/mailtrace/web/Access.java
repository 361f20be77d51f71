package dev.mailtrace.web;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who may use the workbench: requests addressed to this server by its loopback name (a page on
 * another site that rebinds its DNS name to 127.0.0.1 is refused) and carrying the token, either in
 * the URL the command printed (as Jupyter does) or in the cookie set when that URL was first opened.
 *
 * <p>The cookie is HttpOnly and SameSite=Strict, so another site's page cannot send it, and named by
 * the port, so two workbenches on one machine keep their own.
 */
final class Access {
  private final String token;
  private final byte[] tokenBytes;
  private final int port;

  Access(int port) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.token = HexFormat.of().formatHex(random);
    this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
    this.port = port;
  }

  String token() {
    return token;
  }

  /** The cookie's name. */
  String cookieName() {
    return "mailtrace-" + port;
  }

  /** The Set-Cookie value that lets this browser in from now on. */
  String cookie() {
    return cookieName() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  }

  /** Whether the request names this server as 127.0.0.1 or localhost on its port. */
  boolean isOwnHost(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1:" + port) || h.equals("localhost:" + port);
  }

  /** Whether a token value is this server's. */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(tokenBytes, candidate.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether the request's cookie carries the token. */
  boolean hasCookie(HttpExchange ex) {
    List<String> cookies = ex.getRequestHeaders().get("Cookie");
    if (cookies == null) {
      return false;
    }
    String prefix = cookieName() + "=";
    for (String header : cookies) {
      for (String c : header.split(";")) {
        String kv = c.strip();
        if (kv.startsWith(prefix) && matches(kv.substring(prefix.length()))) {
          return true;
        }
      }
    }
    return false;
  }
}
