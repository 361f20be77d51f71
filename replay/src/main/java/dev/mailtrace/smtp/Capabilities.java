package dev.mailtrace.smtp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a server announced in its EHLO reply: each extension with its parameters (RFC 5321 section
 * 4.1.1.1). Empty after HELO.
 *
 * @param extensions keyword to the parameter text after it (empty when there is none)
 */
public record Capabilities(Map<SmtpExtension, String> extensions) {
  /** No extensions: the server answered HELO, or EHLO said nothing. */
  public static final Capabilities NONE = new Capabilities(Map.of());

  public Capabilities {
    extensions = Map.copyOf(extensions);
  }

  /** Reads the extension lines of an EHLO reply (the first line is the greeting). */
  static Capabilities of(SmtpReply ehlo) {
    Map<SmtpExtension, String> map = new LinkedHashMap<>();
    List<String> lines = ehlo.lines();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String keyword = sp < 0 ? line : line.substring(0, sp);
      String params = sp < 0 ? "" : line.substring(sp + 1).trim();
      // Old servers announce "AUTH=LOGIN PLAIN"; treat it as AUTH with those mechanisms.
      int eq = keyword.indexOf('=');
      if (eq > 0) {
        params = (keyword.substring(eq + 1) + " " + params).trim();
        keyword = keyword.substring(0, eq);
      }
      SmtpExtension ext = SmtpExtension.of(keyword);
      String prior = map.get(ext);
      map.put(ext, prior == null || prior.isEmpty() ? params : (prior + " " + params).trim());
    }
    return new Capabilities(map);
  }

  /** Whether the server announced the extension. */
  public boolean has(SmtpExtension extension) {
    return extensions.containsKey(extension);
  }

  /** The server's SIZE limit in bytes, 0 when it announced none or no limit (RFC 1870 section 4). */
  public long sizeLimit() {
    String p = extensions.get(SmtpExtension.SIZE);
    if (p == null || p.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(p.split(" ")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The AUTH mechanisms, upper case. */
  public List<String> authMechanisms() {
    String p = extensions.get(SmtpExtension.AUTH);
    if (p == null || p.isBlank()) {
      return List.of();
    }
    return List.of(p.toUpperCase(Locale.ROOT).trim().split("\\s+"));
  }
}
