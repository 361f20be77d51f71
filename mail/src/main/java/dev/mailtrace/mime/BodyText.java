package dev.mailtrace.mime;

import dev.mailtrace.message.Part;

/**
 * The readable text of a message: its text/plain leaves that are not attachments, joined; when
 * there are none, its text/html leaves reduced to text. In a multipart/alternative only the
 * alternative holding the wanted type counts (RFC 2046 section 5.1.4). Enclosed messages are
 * parts of their own message, not of this one's text, unless the message has no text of its own
 * (a digest, a bare forward): then theirs is used.
 */
final class BodyText {
  private BodyText() {}

  static String of(Part root) {
    Joined out = new Joined();
    collect(root, "text/plain", out, true, false);
    if (out.isEmpty()) {
      collect(root, "text/html", out, true, false);
    }
    if (out.isEmpty()) {
      collect(root, "text/plain", out, true, true);
    }
    if (out.isEmpty()) {
      collect(root, "text/html", out, true, true);
    }
    return out.toString();
  }

  private static void collect(
      Part p, String type, Joined out, boolean isRoot, boolean enclosed) {
    if (p.isLeaf()) {
      if (p.isAttachment() || !(p.contentType().equals(type) || isBrokenMultipart(p, type))) {
        return;
      }
      String text = decode(p);
      if (type.equals("text/html")) {
        text = HtmlText.reduce(text);
      }
      if (text.isEmpty()) {
        return;
      }
      out.add(text);
      return;
    }
    if (!isRoot && !enclosed && p.contentType().startsWith("message/")) {
      return;
    }
    if (p.contentType().equals("multipart/alternative")) {
      for (Part child : p.children()) {
        if (contains(child, type, enclosed)) {
          collect(child, type, out, false, enclosed);
          return;
        }
      }
      return;
    }
    for (Part child : p.children()) {
      collect(child, type, out, false, enclosed);
    }
  }

  /**
   * Texts joined by line ends: the first text is kept as it is and only a second one starts a
   * builder, so the usual single text leaf is not copied again.
   */
  private static final class Joined {
    private String first;
    private StringBuilder more;

    boolean isEmpty() {
      return first == null && more == null;
    }

    void add(String text) {
      if (isEmpty()) {
        first = text;
        return;
      }
      if (more == null) {
        more = new StringBuilder(first.length() + text.length() + 16);
        more.append(first);
        first = null;
      }
      if (more.charAt(more.length() - 1) != '\n') {
        more.append('\n');
      }
      more.append(text);
    }

    @Override
    public String toString() {
      return more != null ? more.toString() : first != null ? first : "";
    }
  }

  /** {@link Part#text()} with a fast path for ASCII bytes in an ASCII-compatible charset. */
  static String decode(Part p) {
    byte[] b = p.body();
    String cs = p.charset();
    boolean asciiCompatible = cs == null || cs.equals("us-ascii") || cs.equals("utf-8")
        || cs.startsWith("iso-8859-") || cs.startsWith("windows-125");
    if (asciiCompatible && MimeTokenizer.isAscii(b, 0, b.length)) {
      return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    return p.text();
  }

  /** A multipart read as one leaf (its boundary missing) is text as far as searching goes. */
  private static boolean isBrokenMultipart(Part p, String type) {
    return type.equals("text/plain") && p.contentType().startsWith("multipart/");
  }

  private static boolean contains(Part p, String type, boolean enclosed) {
    if (p.isLeaf()) {
      return !p.isAttachment() && (p.contentType().equals(type) || isBrokenMultipart(p, type));
    }
    if (!enclosed && p.contentType().startsWith("message/")) {
      return false;
    }
    for (Part child : p.children()) {
      if (contains(child, type, enclosed)) {
        return true;
      }
    }
    return false;
  }
}
