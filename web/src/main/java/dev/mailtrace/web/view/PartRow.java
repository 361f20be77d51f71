package dev.mailtrace.web.view;

import dev.mailtrace.message.Part;
import java.util.List;

/**
 * One entity of a message's MIME tree as the message page lists it.
 *
 * @param depth nesting depth, from 0
 * @param path the IMAP section number ("1.2")
 * @param contentType type/subtype
 * @param charset the charset, or null
 * @param encoding the transfer encoding of a leaf, or null
 * @param disposition inline or attachment, or null
 * @param filename the file name, or null
 * @param size the decoded size of a leaf, readable, or null
 * @param bytes the decoded size in bytes (0 for multiparts)
 * @param sha256 SHA-256 of the decoded body of a leaf, or null
 * @param href the decoded body as a download, for leaves
 * @param attachment whether it is an attachment
 */
public record PartRow(
    int depth,
    String path,
    String contentType,
    String charset,
    String encoding,
    String disposition,
    String filename,
    String size,
    long bytes,
    String sha256,
    String href,
    boolean attachment) {

  /** The rows of a MIME tree in depth-first order. */
  public static List<PartRow> of(String messageSha256, Part root) {
    List<PartRow> rows = new java.util.ArrayList<>();
    // An explicit stack, not recursion: nesting is bounded by the parser, but depth costs nothing here.
    java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      Part p = (Part) top[0];
      int depth = (Integer) top[1];
      boolean leaf = p.isLeaf();
      rows.add(new PartRow(depth, p.path(), p.contentType(), p.charset(), leaf ? p.transferEncoding() : null, p.disposition(),
          p.filename(), leaf ? Display.size(p.size()) : null, leaf ? p.size() : 0, leaf ? p.sha256() : null,
          leaf ? Urls.part(messageSha256, p.path()) : null, p.isAttachment()));
      List<Part> children = p.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(new Object[] {children.get(i), depth + 1});
      }
    }
    return rows;
  }
}
