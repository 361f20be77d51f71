package dev.mailtrace.smtp;

import java.util.List;
import java.util.Objects;

/**
 * One server reply: the three-digit code, the RFC 3463 enhanced status code when the text starts
 * with one, and the text of each line without the code.
 *
 * @param code the reply code, 200 to 599 (RFC 5321 section 4.2)
 * @param enhancedStatus {@code class.subject.detail} (RFC 2034/3463) or null
 * @param lines the text of every line of a multiline reply, enhanced status code removed
 */
public record SmtpReply(int code, String enhancedStatus, List<String> lines) {
  public SmtpReply {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("reply code out of range: " + code);
    }
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
  }

  /** Parses the lines of one reply as received ({@code 250-first}, ..., {@code 250 last}). */
  static SmtpReply parse(List<String> raw) {
    int code = Integer.parseInt(raw.get(0).substring(0, 3));
    String enhanced = null;
    String[] texts = new String[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      String line = raw.get(i);
      String text = line.length() > 4 ? line.substring(4) : "";
      // RFC 2034 section 4: every line of a reply carries the same enhanced code when there is one.
      int len = enhancedLength(text, code / 100);
      if (len > 0) {
        if (enhanced == null) {
          enhanced = text.substring(0, len);
        }
        text = text.substring(len).stripLeading();
      }
      texts[i] = text;
    }
    return new SmtpReply(code, enhanced, List.of(texts));
  }

  /** Length of a leading {@code c.s.d} status code whose class matches the reply, or 0. */
  private static int enhancedLength(String text, int replyClass) {
    int i = 0;
    int n = text.length();
    if (n < 5 || text.charAt(0) != (char) ('0' + replyClass) || text.charAt(1) != '.') {
      return 0;
    }
    i = 2;
    for (int part = 0; part < 2; part++) {
      int start = i;
      while (i < n && i - start < 3 && Character.isDigit(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        return 0;
      }
      if (part == 0) {
        if (i >= n || text.charAt(i) != '.') {
          return 0;
        }
        i++;
      }
    }
    return i == n || text.charAt(i) == ' ' ? i : 0;
  }

  /** A reply made by this client, not by a server (used to record local decisions). */
  public static SmtpReply local(int code, String text) {
    return new SmtpReply(code, null, List.of(text));
  }

  /** The text of all lines joined by a space. */
  public String text() {
    return String.join(" ", lines);
  }

  /** 2xx. */
  public boolean isPositive() {
    return code / 100 == 2;
  }

  /** 3xx: the server waits for more (354 after DATA, 334 during AUTH). */
  public boolean isIntermediate() {
    return code / 100 == 3;
  }

  /** 4xx: try again later. */
  public boolean isTransient() {
    return code / 100 == 4;
  }

  /** 5xx: do not try again as it is. */
  public boolean isPermanent() {
    return code / 100 == 5;
  }

  /** The reply as a server would write it on one line: code, enhanced status, text. */
  @Override
  public String toString() {
    return code + (enhancedStatus == null ? "" : " " + enhancedStatus) + (lines.isEmpty() ? "" : " " + text());
  }
}
