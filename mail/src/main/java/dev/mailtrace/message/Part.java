package dev.mailtrace.message;

import java.util.List;

/**
 * One entity of the MIME tree.
 *
 * <p>Multiparts hold their parts in {@code children}; a message/rfc822 or message/global part
 * holds the enclosed message's top entity as its single child (whose {@code headers} are the
 * enclosed message's header fields). Leaves hold their decoded body.
 *
 * @param path IMAP-style section number: "1", "1.2", ...; the top entity of a single-part message
 *     is "1"
 * @param headers this entity's header fields, in order
 * @param contentType lower-case type/subtype, text/plain when absent or unreadable
 * @param charset the charset parameter, lower case, or null
 * @param transferEncoding lower-case Content-Transfer-Encoding, 7bit when absent
 * @param disposition lower-case disposition type (inline, attachment) or null
 * @param filename decoded file name from Content-Disposition or Content-Type name, or null
 * @param children sub-entities; empty for leaves
 * @param body decoded body bytes of a leaf (transfer encoding undone, charset not applied); for a
 *     non-leaf an empty array
 * @param size length of {@code body}
 * @param sha256 lower-case hex SHA-256 of {@code body}, or null for non-leaves (and for leaves when
 *     the parser was told not to hash parts)
 */
public record Part(
    String path,
    List<Header> headers,
    String contentType,
    String charset,
    String transferEncoding,
    String disposition,
    String filename,
    List<Part> children,
    byte[] body,
    long size,
    String sha256) {

  public Part {
    headers = List.copyOf(headers);
    children = List.copyOf(children);
  }

  /** True when this entity has no sub-entities. */
  public boolean isLeaf() {
    return children.isEmpty();
  }

  /** True for multipart/* entities. */
  public boolean isMultipart() {
    return contentType.startsWith("multipart/");
  }

  /** True when the part is an attachment: disposition attachment, or a file name on a non-text leaf. */
  public boolean isAttachment() {
    return isLeaf()
        && ("attachment".equals(disposition)
            || (filename != null && !contentType.startsWith("text/")));
  }

  /** The first value of a header field of this entity, or null. */
  public String header(String name) {
    for (Header h : headers) {
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** The body decoded to text with this part's charset (UTF-8, then windows-1252 as fallbacks). */
  public String text() {
    return Charsets.decode(body, charset);
  }
}
