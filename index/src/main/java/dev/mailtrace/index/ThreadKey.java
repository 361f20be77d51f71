package dev.mailtrace.index;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The deterministic thread id of a message, computed from the message alone so parallel and
 * incremental runs agree.
 *
 * <p>The root of the thread is the first References id (RFC 5322 section 3.6.4: it names the
 * first message of the thread), else the In-Reply-To id, else the message's own Message-ID. A reply
 * that carries no ids but a reply-style subject ("Re: ...") falls back to its normalised subject, as
 * do messages without any id. The id is the first 16 hex digits of the SHA-256 of the root key.
 */
public final class ThreadKey {
  private ThreadKey() {}

  /** The thread id of a message. */
  public static String of(Message m) {
    String root = null;
    if (!m.references().isEmpty()) {
      root = m.references().get(0);
    } else if (m.inReplyTo() != null && !m.inReplyTo().isBlank()) {
      root = m.inReplyTo();
    }
    if (root != null) {
      return ofMessageId(root);
    }
    String subject = normaliseSubject(m.subject());
    boolean reply = m.subject() != null && !subject.equals(plain(m.subject()));
    if (reply && !subject.isEmpty()) {
      return hash("subject:" + subject);
    }
    if (m.messageId() != null && !m.messageId().isBlank()) {
      return ofMessageId(m.messageId());
    }
    if (!subject.isEmpty()) {
      return hash("subject:" + subject);
    }
    return hash("sha256:" + m.source().sha256());
  }

  /** The thread id of the thread whose first message has this Message-ID. */
  public static String ofMessageId(String messageId) {
    return hash("id:" + messageId.strip());
  }

  /** A subject without reply and forward prefixes or list tags, spaces collapsed, lower case. */
  static String normaliseSubject(String subject) {
    if (subject == null) {
      return "";
    }
    String s = plain(subject);
    boolean changed = true;
    while (changed && !s.isEmpty()) {
      changed = false;
      if (s.charAt(0) == '[') {
        int close = s.indexOf(']');
        if (close > 0) {
          s = s.substring(close + 1).strip();
          changed = true;
          continue;
        }
      }
      int colon = s.indexOf(':');
      if (colon > 0 && colon <= 8 && isReplyPrefix(s.substring(0, colon))) {
        s = s.substring(colon + 1).strip();
        changed = true;
      }
    }
    return s;
  }

  private static String plain(String subject) {
    StringBuilder b = new StringBuilder(subject.length());
    boolean space = false;
    for (int i = 0; i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  private static boolean isReplyPrefix(String p) {
    String t = p.strip().toLowerCase(Locale.ROOT);
    // Counted forms such as "Re[2]" and "Re^2" are common in old clients.
    int bracket = t.indexOf('[');
    if (bracket > 0) {
      t = t.substring(0, bracket);
    }
    int caret = t.indexOf('^');
    if (caret > 0) {
      t = t.substring(0, caret);
    }
    return switch (t) {
      case "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "rif", "tr", "odp", "ynt", "r" -> true;
      default -> false;
    };
  }

  private static String hash(String key) {
    byte[] d = Sha256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 8);
  }
}
