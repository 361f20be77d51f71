package dev.mailtrace.message;

import java.util.List;
import java.util.Objects;

/**
 * One entity of the MIME tree.
 *
 * <p>Multiparts hold their parts in {@code children}; a message/rfc822 or message/global part
 * holds the enclosed message's top entity as its single child (whose {@code headers} are the
 * enclosed message's header fields). Leaves hold their decoded body, whole up to the parser's
 * per-part limit, else its first bytes ({@link #isBodyCut()}, with a problem on the message).
 *
 * <p>The SHA-256 of a leaf's decoded body is computed when first asked for ({@link #sha256()}) from
 * the kept bytes; a body too large to keep whole was hashed by the parser as it streamed past. Most
 * callers never ask: hashing every part of every message was a large share of parsing.
 */
public final class Part {
  private final String path;
  private final List<Header> headers;
  private final String contentType;
  private final String charset;
  private final String transferEncoding;
  private final String disposition;
  private final String filename;
  private final List<Part> children;
  private final byte[] body;
  private final long size;
  /** The hash when known: given, or computed on the first call of {@link #sha256()}. */
  private volatile String sha256;

  /**
   * A MIME entity.
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
   * @param body decoded body bytes of a leaf (transfer encoding undone, charset not applied), or
   *     their first bytes when the body was too large to keep; for a non-leaf an empty array
   * @param size length of the whole decoded body, at least {@code body.length}
   * @param sha256 lower-case hex SHA-256 of the whole decoded body, or null to compute it from
   *     {@code body} when asked (possible only when the body is whole)
   */
  public Part(String path, List<Header> headers, String contentType, String charset, String transferEncoding,
      String disposition, String filename, List<Part> children, byte[] body, long size, String sha256) {
    this.path = path;
    this.headers = List.copyOf(headers);
    this.contentType = contentType;
    this.charset = charset;
    this.transferEncoding = transferEncoding;
    this.disposition = disposition;
    this.filename = filename;
    this.children = List.copyOf(children);
    this.body = Objects.requireNonNull(body, "body");
    if (size < body.length) {
      throw new IllegalArgumentException("size " + size + " below the " + body.length + " bytes kept");
    }
    this.size = size;
    this.sha256 = sha256;
  }

  /** IMAP-style section number. */
  public String path() {
    return path;
  }

  /** This entity's header fields, in order. */
  public List<Header> headers() {
    return headers;
  }

  /** Lower-case type/subtype. */
  public String contentType() {
    return contentType;
  }

  /** The charset parameter, lower case, or null. */
  public String charset() {
    return charset;
  }

  /** Lower-case Content-Transfer-Encoding, 7bit when absent. */
  public String transferEncoding() {
    return transferEncoding;
  }

  /** Lower-case disposition type or null. */
  public String disposition() {
    return disposition;
  }

  /** Decoded file name or null. */
  public String filename() {
    return filename;
  }

  /** Sub-entities; empty for leaves. */
  public List<Part> children() {
    return children;
  }

  /** The decoded body as kept: all of it, or its first bytes when {@link #isBodyCut()}. Not to be changed. */
  public byte[] body() {
    return body;
  }

  /** Length of the whole decoded body. */
  public long size() {
    return size;
  }

  /** True when {@link #body()} holds only the first bytes of a larger body. */
  public boolean isBodyCut() {
    return body.length < size;
  }

  /**
   * Lower-case hex SHA-256 of the whole decoded body of a leaf, computed on the first call; null for
   * non-leaves, and for a cut body the parser did not hash (a {@link Part} built by hand).
   */
  public String sha256() {
    String s = sha256;
    if (s == null && isLeaf() && !isBodyCut()) {
      s = Sha256.of(body);
      sha256 = s;
    }
    return s;
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

  /** The kept body decoded to text with this part's charset (UTF-8, then windows-1252 as fallbacks). */
  public String text() {
    return Charsets.decode(body, charset);
  }

  @Override
  public String toString() {
    return "Part[" + path + " " + contentType + ", " + size + " bytes" + (isBodyCut() ? ", cut" : "") + "]";
  }
}
