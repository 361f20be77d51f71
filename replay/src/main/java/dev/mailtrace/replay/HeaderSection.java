package dev.mailtrace.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A light scan of a message's header section on bytes (RFC 5322 section 2.2): where each field
 * starts and ends, folded continuation lines included, so fields can be read or cut out exactly.
 * Any line end (CRLF, LF, CR) is accepted; a line without a colon is kept as a field with no name.
 */
final class HeaderSection {

  /**
   * One field: bytes {@code [start, end)} of the content, line end(s) included.
   *
   * @param start first byte of the name
   * @param colon position of the colon, or -1
   * @param end first byte after the field's last line end
   */
  record Field(int start, int colon, int end) {
    String name(byte[] content) {
      if (colon < 0) {
        return "";
      }
      int e = colon;
      while (e > start && (content[e - 1] == ' ' || content[e - 1] == '\t')) {
        e--;
      }
      return new String(content, start, e - start, StandardCharsets.ISO_8859_1);
    }

    boolean is(byte[] content, String name) {
      if (colon < 0) {
        return false;
      }
      int e = colon;
      while (e > start && (content[e - 1] == ' ' || content[e - 1] == '\t')) {
        e--;
      }
      if (e - start != name.length()) {
        return false;
      }
      for (int i = 0; i < name.length(); i++) {
        int c = content[start + i];
        int n = name.charAt(i);
        if (c != n && (c | 0x20) != (n | 0x20)) {
          return false;
        }
      }
      return true;
    }

    /** The unfolded value (RFC 5322 section 2.2.3): line ends removed, trimmed, read as UTF-8. */
    String value(byte[] content) {
      if (colon < 0) {
        return "";
      }
      byte[] v = new byte[end - colon - 1];
      int n = 0;
      for (int i = colon + 1; i < end; i++) {
        byte b = content[i];
        if (b != '\r' && b != '\n') {
          v[n++] = b;
        }
      }
      return new String(v, 0, n, StandardCharsets.UTF_8).strip();
    }
  }

  private final byte[] content;
  private final List<Field> fields;
  private final int bodyStart;

  private HeaderSection(byte[] content, List<Field> fields, int bodyStart) {
    this.content = content;
    this.fields = fields;
    this.bodyStart = bodyStart;
  }

  /** Scans the header section of {@code content}; never throws. */
  static HeaderSection scan(byte[] content) {
    List<Field> fields = new ArrayList<>(24);
    int n = content.length;
    int i = 0;
    int fieldStart = -1;
    int colon = -1;
    while (i < n) {
      int lineStart = i;
      byte first = content[i];
      if (first == '\r' || first == '\n') {
        // The empty line ends the header section.
        if (fieldStart >= 0) {
          fields.add(new Field(fieldStart, colon, lineStart));
        }
        i = skipLineEnd(content, i);
        return new HeaderSection(content, List.copyOf(fields), i);
      }
      boolean continuation = first == ' ' || first == '\t';
      if (!continuation || fieldStart < 0) {
        if (fieldStart >= 0) {
          fields.add(new Field(fieldStart, colon, lineStart));
        }
        fieldStart = lineStart;
        colon = -1;
      }
      while (i < n && content[i] != '\r' && content[i] != '\n') {
        if (colon < 0 && !continuation && content[i] == ':') {
          colon = i;
        }
        i++;
      }
      i = skipLineEnd(content, i);
    }
    if (fieldStart >= 0) {
      fields.add(new Field(fieldStart, colon, n));
    }
    return new HeaderSection(content, List.copyOf(fields), n);
  }

  private static int skipLineEnd(byte[] c, int i) {
    if (i < c.length && c[i] == '\r') {
      i++;
    }
    if (i < c.length && c[i] == '\n') {
      i++;
    }
    return i;
  }

  /** All fields in order. */
  List<Field> fields() {
    return fields;
  }

  /** First byte after the blank line (or the end of the content when there is none). */
  int bodyStart() {
    return bodyStart;
  }

  /** The value of the first field with this name (case-insensitive), or null. */
  String first(String name) {
    for (Field f : fields) {
      if (f.is(content, name)) {
        return f.value(content);
      }
    }
    return null;
  }

  /** The values of every field with this name, in order. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>(2);
    for (Field f : fields) {
      if (f.is(content, name)) {
        values.add(f.value(content));
      }
    }
    return values;
  }
}
