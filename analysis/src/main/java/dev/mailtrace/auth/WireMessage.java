package dev.mailtrace.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A message's bytes as a signer saw them on the wire: the header section with every line ending
 * CRLF, split into fields (byte ranges, folding kept), and the body as stored.
 *
 * <p>Archives store lines with LF or CRLF; DKIM is defined over CRLF (RFC 6376 section 3.4), so in
 * the header an LF not preceded by CR becomes CRLF, as dkimpy and OpenDKIM's milter see SMTP data;
 * the body is left as it is and {@link Canonicalization#body} reads either line end as CRLF (no
 * copy of the largest part). A bare CR is kept. The header section ends at the first empty line
 * (RFC 5322 section 2.1); a line in it that is neither a field nor a continuation is skipped and
 * recorded.
 */
final class WireMessage {
  /** Header fields kept; the rest are ignored (and recorded), bounding the work per message. */
  static final int MAX_FIELDS = 10_000;

  /** The header section, CRLF line ends, with the empty line that ends it. */
  final byte[] bytes;
  /** The stored message: the body is {@code [bodyStart, body.length)} of it, LF or CRLF line ends. */
  final byte[] body;
  /** First body byte in {@link #body}. */
  final int bodyStart;

  int fields;
  /** Per field: first byte of the name, end of the name (before any WSP and the colon). */
  int[] start = new int[32];
  int[] nameEnd = new int[32];
  /** Per field: end of the field, after its final CRLF (or at the end of input). */
  int[] end = new int[32];

  final java.util.ArrayList<String> problems = new java.util.ArrayList<>(0);
  private boolean capped;

  private WireMessage(byte[] content) {
    int headerEnd = headerEnd(content);
    this.bytes = withCrlf(headerEnd == content.length ? content : Arrays.copyOf(content, headerEnd));
    this.body = content;
    this.bodyStart = headerEnd;
    split();
  }

  /** Splits a message (LF or CRLF line ends). */
  static WireMessage of(byte[] content) {
    return new WireMessage(content);
  }

  /** The end of the header section in stored bytes: after its empty line, or the end of input. */
  private static int headerEnd(byte[] b) {
    int line = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        int len = i - line;
        if (len == 0 || (len == 1 && b[line] == '\r')) {
          return i + 1;
        }
        line = i + 1;
      }
    }
    return b.length;
  }

  /** {@code content} with every LF preceded by CR; the same array when it already is. */
  static byte[] withCrlf(byte[] content) {
    int n = content.length;
    int lf = indexOfBareLf(content, 0);
    if (lf < 0) {
      return content;
    }
    // one pass: the text between line ends is copied whole, a CR put before each bare LF
    byte[] out = new byte[n + n / 32 + 64];
    int o = 0;
    int from = 0;
    while (lf >= 0) {
      int len = lf - from;
      if (o + len + 2 > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, o + len + 2 + (n - lf)));
      }
      System.arraycopy(content, from, out, o, len);
      o += len;
      out[o++] = '\r';
      out[o++] = '\n';
      from = lf + 1;
      lf = indexOfBareLf(content, from);
    }
    int rest = n - from;
    if (o + rest > out.length) {
      out = Arrays.copyOf(out, o + rest);
    }
    System.arraycopy(content, from, out, o, rest);
    o += rest;
    return o == out.length ? out : Arrays.copyOf(out, o);
  }

  /** The next LF at or after {@code from} without a CR before it, or -1. */
  private static int indexOfBareLf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
        return i;
      }
    }
    return -1;
  }

  private void split() {
    byte[] b = bytes;
    int n = b.length;
    int i = 0;
    while (i < n) {
      int eol = lineEnd(i);
      if (eol == i) {
        return; // the empty line: the body follows it
      }
      if (b[i] == ' ' || b[i] == '\t') {
        if (fields > 0 && end[fields - 1] == i) {
          end[fields - 1] = next(eol); // a continuation line of the field before
        } else {
          problems.add("header line continues nothing: offset " + i);
        }
        i = next(eol);
        continue;
      }
      int colon = -1;
      for (int j = i; j < eol; j++) {
        if (b[j] == ':') {
          colon = j;
          break;
        }
      }
      int name = colon;
      while (name > i && (b[name - 1] == ' ' || b[name - 1] == '\t')) {
        name--; // RFC 5322 section 4.5.3 (obs-optional): WSP before the colon
      }
      if (colon < 0 || name == i) {
        problems.add("header line without a field name: offset " + i);
      } else if (fields < MAX_FIELDS) {
        add(i, name, next(eol));
      } else if (!capped) {
        capped = true;
        problems.add("more than " + MAX_FIELDS + " header fields: the rest ignored");
      }
      i = next(eol);
    }
  }

  /** Index of the CR of the CRLF ending the line at {@code from}, or the end of input. */
  private int lineEnd(int from) {
    byte[] b = bytes;
    for (int j = from; j < b.length - 1; j++) {
      if (b[j] == '\r' && b[j + 1] == '\n') {
        return j;
      }
    }
    return b.length;
  }

  private int next(int eol) {
    return Math.min(bytes.length, eol + 2);
  }

  private void add(int s, int ne, int e) {
    if (fields == start.length) {
      start = Arrays.copyOf(start, fields * 2);
      nameEnd = Arrays.copyOf(nameEnd, fields * 2);
      end = Arrays.copyOf(end, fields * 2);
    }
    start[fields] = s;
    nameEnd[fields] = ne;
    end[fields] = e;
    fields++;
  }

  /** True when field {@code f}'s name is {@code lower}, ignoring ASCII case. */
  boolean is(int f, String lower) {
    int len = nameEnd[f] - start[f];
    if (len != lower.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      int c = bytes[start[f] + k];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The field's name in lower case. */
  String name(int f) {
    return new String(bytes, start[f], nameEnd[f] - start[f], StandardCharsets.ISO_8859_1)
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** First byte of the value: after the colon. */
  int valueStart(int f) {
    int c = nameEnd[f];
    while (bytes[c] != ':') {
      c++;
    }
    return c + 1;
  }

  /**
   * The field's value, byte for byte as ISO-8859-1 characters (so a character offset is a byte
   * offset), folding kept, without the final CRLF.
   */
  String rawValue(int f) {
    int from = valueStart(f);
    return new String(bytes, from, valueEnd(f) - from, StandardCharsets.ISO_8859_1);
  }

  /** End of the value: before the field's final CRLF. */
  int valueEnd(int f) {
    int e = end[f];
    if (e - 2 >= start[f] && bytes[e - 2] == '\r' && bytes[e - 1] == '\n') {
      e -= 2;
    }
    return e;
  }

  /** The value unfolded and trimmed, for reading (UTF-8 where valid, else ISO-8859-1). */
  String value(int f) {
    String raw = rawValue(f).replace("\r\n", "");
    byte[] latin = raw.getBytes(StandardCharsets.ISO_8859_1);
    String utf8 = new String(latin, StandardCharsets.UTF_8);
    return (utf8.indexOf('\uFFFD') >= 0 ? raw : utf8).strip();
  }

  /** Indexes of the fields named {@code lower}, top to bottom. */
  List<Integer> indexesOf(String lower) {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>(2);
    for (int f = 0; f < fields; f++) {
      if (is(f, lower)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Number of fields named {@code lower}. */
  int count(String lower) {
    int c = 0;
    for (int f = 0; f < fields; f++) {
      if (is(f, lower)) {
        c++;
      }
    }
    return c;
  }
}
