package dev.mailtrace.mime;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;

/**
 * A line-end-independent text form of a parsed message, for comparing the LF, CRLF and CR copies
 * of one message: everything except provenance, with line ends in values and text bodies made LF.
 */
final class ModelText {
  private ModelText() {}

  static String of(Message m) {
    StringBuilder b = new StringBuilder();
    b.append("headers=").append(m.headers()).append('\n');
    b.append("subject=").append(m.subject()).append(" date=").append(m.date()).append('\n');
    b.append("from=").append(m.from()).append(" to=").append(m.to()).append(" cc=").append(m.cc())
        .append('\n');
    b.append("ids=").append(m.messageId()).append(' ').append(m.inReplyTo()).append(' ')
        .append(m.references()).append('\n');
    part(m.root(), b);
    b.append("text=").append(lf(m.text())).append('\n');
    b.append("problems=").append(m.problems().stream().map(p -> p.replaceAll("offset \\d+", "offset"))
        .toList()).append('\n');
    return b.toString();
  }

  /**
   * What must agree between copies of a message stored with different line ends by other tools
   * (which may also have re-encoded them): subject, addresses, parts and text.
   */
  static String summary(Message m) {
    StringBuilder b = new StringBuilder();
    b.append("subject=").append(m.subject()).append('\n');
    b.append("from=").append(m.from()).append(" to=").append(m.to()).append('\n');
    for (Part p : m.leaves()) {
      b.append(p.path()).append(' ').append(p.contentType()).append('\n');
    }
    b.append("text=").append(lf(m.text()).strip()).append('\n');
    return b.toString();
  }

  private static void part(Part p, StringBuilder b) {
    b.append("part ").append(p.path()).append(' ').append(p.contentType()).append(' ')
        .append(p.charset()).append(' ').append(p.transferEncoding()).append(' ')
        .append(p.disposition()).append(' ').append(p.filename()).append(' ')
        .append(p.headers()).append('\n');
    if (p.isLeaf()) {
      if (!p.transferEncoding().equals("base64")) {
        // unencoded bodies carry the file's line ends
        b.append(lf(new String(p.body(), java.nio.charset.StandardCharsets.ISO_8859_1)))
            .append('\n');
      } else {
        b.append(p.sha256()).append('\n');
      }
    }
    for (Part c : p.children()) {
      part(c, b);
    }
  }

  private static String lf(String s) {
    return s == null ? null : s.replace("\r\n", "\n").replace('\r', '\n');
  }
}
