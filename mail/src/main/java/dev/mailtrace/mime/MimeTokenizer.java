package dev.mailtrace.mime;

import dev.mailtrace.message.Charsets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pull tokenizer over one message's bytes: header fields, body ranges and multipart structure as
 * offsets into the buffer, nothing copied until the caller asks for a string.
 *
 * <p>The caller drives it: {@link #next()} returns the next {@link Token}; after {@link
 * Token#END_OF_HEADER} the caller says how the body is to be read ({@link #enterLeaf()}, {@link
 * #enterMultipart(byte[])} or {@link #enterMessage()}), because only the caller interprets
 * Content-Type. Open multiparts are an explicit stack of boundaries with a fixed capacity; a
 * delimiter line of any open multipart ends the current body (RFC 2046 section 5.1.1), so an inner
 * multipart that is never closed is closed by its parent's boundary. Line ends may be CRLF, LF or a
 * bare CR, mixed freely. One instance per message and thread.
 */
final class MimeTokenizer {

  /** What {@link #next()} found. */
  enum Token {
    /** A header field: {@link #fieldName()} and {@link #fieldValue(int)}. */
    FIELD,
    /** The end of an entity's header section; call one of the {@code enter} methods next. */
    END_OF_HEADER,
    /** A leaf body: {@link #bodyStart()} to {@link #bodyEnd()}. */
    BODY,
    /** A new part of the innermost open multipart begins; its header fields follow. */
    START_PART,
    /** The innermost open multipart ended (closed, or implicitly by an outer boundary or the end). */
    END_MULTIPART,
    /** Nothing more. */
    END_OF_INPUT
  }

  private enum State {
    HEADER,
    BODY_KIND,
    LEAF_BODY,
    AFTER_BODY,
    DONE
  }

  private final byte[] buf;
  private final int limit;
  private final List<String> problems;
  private final byte[][] boundaries;
  private int depth;
  private int pos;
  private State state = State.HEADER;

  private int fieldCount;
  private boolean messageTop = true;
  /** Line-end kinds met so far (1 CRLF, 2 LF, 4 CR), checked once at the end of the outer header. */
  private int endings;
  private int oddEnding = -1;
  private boolean outerHeaderDone;
  private int nameStart;
  private int nameEnd;
  private int valueStart;
  private int valueEnd;
  private boolean folded;

  private int bodyStart;
  private int bodyEnd;
  private int matchedFrame;
  private boolean matchedClose;
  private int afterDelimiter;
  private boolean unclosed;

  /**
   * @param buf the message bytes (not copied, not changed)
   * @param maxDepth how many multiparts may be open at once
   * @param problems where problems met while tokenizing are added
   */
  MimeTokenizer(byte[] buf, int maxDepth, List<String> problems) {
    this.buf = buf;
    this.limit = buf.length;
    this.problems = problems;
    this.boundaries = new byte[Math.max(1, maxDepth) + 1][];
  }

  /** Advances to the next token. */
  Token next() {
    switch (state) {
      case HEADER:
        return nextInHeader();
      case BODY_KIND:
        // The caller did not choose: read the body as a leaf.
        enterLeaf();
        return next();
      case LEAF_BODY:
        scanBody(bodyStart);
        state = State.AFTER_BODY;
        return Token.BODY;
      case AFTER_BODY:
        return afterBody();
      case DONE:
      default:
        return Token.END_OF_INPUT;
    }
  }

  /** Reads the body that follows the header section as one leaf. */
  void enterLeaf() {
    state = State.LEAF_BODY;
  }

  /** Reads the body that follows the header section as an enclosed message: its header comes next. */
  void enterMessage() {
    pos = bodyStart;
    fieldCount = 0;
    messageTop = true;
    state = State.HEADER;
    // Some MTAs put an empty line between a message/rfc822 part's header and the enclosed
    // message; when fields follow it, they are the enclosed header, not its body.
    int p = pos;
    while (p < limit && (buf[p] == '\r' || buf[p] == '\n')) {
      p = nextLine(p);
    }
    if (p > pos && p < limit && isFieldLine(p) && !(depth > 0 && delimiterAt(p) >= 0)) {
      problems.add("empty lines before an enclosed message's header skipped: offset " + pos);
      pos = p;
    }
  }

  /**
   * Reads the body as a multipart with this boundary. Returns false, leaving the body to be read as
   * a leaf, when no delimiter line of this boundary appears before the enclosing body ends.
   */
  boolean enterMultipart(byte[] boundary) {
    if (depth >= boundaries.length) {
      enterLeaf();
      return false;
    }
    boundaries[depth++] = boundary;
    scanBody(bodyStart); // the preamble, ignored (RFC 2046 section 5.1.1)
    if (matchedFrame != depth - 1) {
      depth--;
      enterLeaf();
      return false;
    }
    state = State.AFTER_BODY;
    return true;
  }

  /** The bytes being tokenized. */
  byte[] buffer() {
    return buf;
  }

  /** Number of multiparts open now. */
  int depth() {
    return depth;
  }

  /** True when the last {@link Token#END_MULTIPART} was not closed by its own close delimiter. */
  boolean wasUnclosed() {
    return unclosed;
  }

  int bodyStart() {
    return bodyStart;
  }

  int bodyEnd() {
    return bodyEnd;
  }

  /** Offset of the current field's first byte. */
  int fieldStart() {
    return nameStart;
  }

  /** Raw length of the current field's value (folding included). */
  int fieldValueLength() {
    return valueEnd - valueStart;
  }

  /** The current field's name, trailing white space before the colon removed (obsolete syntax). */
  String fieldName() {
    return new String(buf, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1);
  }

  /** True when the current field's name is {@code lowerName} ignoring ASCII case. */
  boolean fieldNameIs(String lowerName) {
    int n = nameEnd - nameStart;
    if (n != lowerName.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int c = buf[nameStart + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lowerName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The current field's value, unfolded (RFC 5322 section 2.2.3: line breaks removed, the white
   * space kept), trimmed, 8-bit bytes read as UTF-8 or else windows-1252, at most {@code maxBytes}.
   */
  String fieldValue(int maxBytes) {
    int s = valueStart;
    int e = valueEnd;
    if (!folded) {
      while (s < e && isWsp(buf[s])) {
        s++;
      }
      while (e > s && isWsp(buf[e - 1])) {
        e--;
      }
      int len = Math.min(e - s, maxBytes);
      return isAscii(buf, s, len)
          ? new String(buf, s, len, StandardCharsets.ISO_8859_1)
          : Charsets.decodeGuessing(buf, s, len, null);
    }
    byte[] tmp = new byte[Math.min(e - s, maxBytes)];
    int n = 0;
    for (int i = s; i < e && n < tmp.length; i++) {
      byte b = buf[i];
      if (b != '\r' && b != '\n') {
        tmp[n++] = b;
      }
    }
    int a = 0;
    while (a < n && isWsp(tmp[a])) {
      a++;
    }
    while (n > a && isWsp(tmp[n - 1])) {
      n--;
    }
    return isAscii(tmp, a, n - a)
        ? new String(tmp, a, n - a, StandardCharsets.ISO_8859_1)
        : Charsets.decodeGuessing(tmp, a, n - a, null);
  }

  // ---- header section ----

  private Token nextInHeader() {
    if (pos >= limit) {
      bodyStart = limit;
      return endOfHeader();
    }
    while (true) {
      if (pos >= limit) {
        bodyStart = limit;
        return endOfHeader();
      }
      byte first = buf[pos];
      if (first == '\r' || first == '\n') {
        // RFC 5322 section 2.1: an empty line ends the header section.
        if (fieldCount == 0 && messageTop) {
          // RFC 2046 section 5.1: a body part may have no fields; a message must have some.
          problems.add("no header fields, the entity starts with an empty line: offset " + pos);
        }
        bodyStart = nextLine(pos);
        return endOfHeader();
      }
      if (first == '-' && depth > 0 && delimiterAt(pos) >= 0) {
        // A part whose header section runs straight into the next boundary: empty body.
        bodyStart = pos;
        return endOfHeader();
      }
      int eol = lineEnd(pos);
      if (isWsp(first)) {
        if (blankUpTo(pos, eol)) {
          // A line of white space only where the empty line belongs: real MUAs end the header here.
          problems.add("header section ended by a line of white space: offset " + pos);
          bodyStart = nextLine(eol);
          return endOfHeader();
        }
        // A continuation line with no field to continue (after a skipped line, or first).
        problems.add("continuation line without a field skipped: offset " + pos);
        pos = nextLine(eol);
        continue;
      }
      int colon = fieldColon(pos, eol);
      if (colon < 0) {
        int following = nextLine(eol);
        boolean dashes = first == '-' && pos + 1 < eol && buf[pos + 1] == '-';
        // A "--" line is most likely this entity's own first boundary after a missing empty line.
        if (!dashes && following < limit && isFieldLine(following)) {
          // Junk between fields (an mbox From_ line, a stray word): skip it as mime4j does.
          problems.add("header line without a field name skipped: offset " + pos);
          pos = following;
          continue;
        }
        // Text where a field should be and no field after it: the body begins without the
        // empty line, as Python's email package and most MUAs read it.
        problems.add(
            fieldCount == 0
                ? "no header section, the entity starts with body text: offset " + pos
                : "header section not ended by an empty line: offset " + pos);
        bodyStart = pos;
        return endOfHeader();
      }
      nameStart = pos;
      int ne = colon;
      while (ne > pos && isWsp(buf[ne - 1])) {
        ne--;
      }
      nameEnd = ne;
      valueStart = colon + 1;
      folded = false;
      int end = eol;
      int p = nextLine(eol);
      // RFC 5322 section 2.2.3: a line starting with white space continues the field.
      while (p < limit && isWsp(buf[p])) {
        int e2 = lineEnd(p);
        if (blankUpTo(p, e2)) {
          int after = nextLine(e2);
          if (after >= limit || !isWsp(buf[after])) {
            break; // a white-space-only line followed by non-continuation: the separator
          }
        }
        folded = true;
        end = e2;
        p = nextLine(e2);
      }
      valueEnd = end;
      pos = p;
      fieldCount++;
      if (end >= limit && depth == 0) {
        // A header-only message is fine (RFC 5322 section 3.5), but not one whose last field has
        // no line end: the input stopped in the middle of a line, most likely cut off.
        problems.add("the message ends inside its header section, in a field without a line end"
            + " (cut off?): " + fieldName() + " at offset " + nameStart);
      }
      return Token.FIELD;
    }
  }

  /** The colon ending a valid field name on the line, or -1 (RFC 5322 section 3.6.8, obs-optional). */
  private int fieldColon(int p, int eol) {
    int i = p;
    while (i < eol) {
      int c = buf[i] & 0xff;
      if (c == ':') {
        break;
      }
      if (c <= 32 || c >= 127) {
        // obs-field allows white space between name and colon, nothing else after it
        int j = i;
        while (j < eol && isWsp(buf[j])) {
          j++;
        }
        if (j > i && j < eol && buf[j] == ':') {
          i = j;
          break;
        }
        return -1;
      }
      i++;
    }
    if (i >= eol || i == p) {
      return -1;
    }
    return i;
  }

  private boolean isFieldLine(int p) {
    if (isWsp(buf[p])) {
      return false;
    }
    return fieldColon(p, lineEnd(p)) > 0;
  }

  // ---- bodies and boundaries ----

  private Token afterBody() {
    if (matchedFrame < 0) {
      if (depth > 0) {
        depth--;
        unclosed = true;
        return Token.END_MULTIPART;
      }
      state = State.DONE;
      return Token.END_OF_INPUT;
    }
    if (matchedFrame < depth - 1) {
      // An outer boundary while an inner multipart is still open: the inner one ends here.
      depth--;
      unclosed = true;
      return Token.END_MULTIPART;
    }
    if (!matchedClose && afterDelimiter >= limit) {
      // A delimiter as the very last line opens no part: the close delimiter is missing.
      depth--;
      unclosed = true;
      matchedFrame = -1;
      return Token.END_MULTIPART;
    }
    if (!matchedClose) {
      pos = afterDelimiter;
      fieldCount = 0;
      messageTop = false;
      state = State.HEADER;
      return Token.START_PART;
    }
    depth--;
    unclosed = false;
    // The epilogue up to an outer delimiter is ignored (RFC 2046 section 5.1.1).
    scanBody(afterDelimiter);
    return Token.END_MULTIPART;
  }

  /**
   * Scans lines from {@code from} to the first delimiter line of an open multipart or the end;
   * sets the body range (the line end before a delimiter belongs to the delimiter) and the match.
   */
  private void scanBody(int from) {
    bodyStart = from;
    if (depth == 0) {
      bodyEnd = limit;
      matchedFrame = -1;
      return;
    }
    // A delimiter starts with "--" at a line start: jump from '-' to '-' eight bytes at a time
    // instead of walking every line (base64 bodies have no '-' at all).
    int p = from;
    while (true) {
      p = indexOfDash(p);
      if (p < 0) {
        break;
      }
      if ((p == from || buf[p - 1] == '\n' || buf[p - 1] == '\r')
          && p + 1 < limit && buf[p + 1] == '-') {
        int f = delimiterAt(p);
        if (f >= 0) {
          int e = p;
          if (e > from) {
            e--;
            if (buf[e] == '\n' && e > from && buf[e - 1] == '\r') {
              e--;
            }
          }
          bodyEnd = e;
          matchedFrame = f;
          return;
        }
      }
      p++;
    }
    bodyEnd = limit;
    matchedFrame = -1;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long DASHES = 0x2D2D2D2D2D2D2D2DL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** True when no byte in the range has the high bit set; eight bytes at a time. */
  static boolean isAscii(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    long or = 0;
    while (i + 8 <= end) {
      or |= (long) LONGS.get(b, i);
      i += 8;
    }
    if ((or & HIGHS) != 0) {
      return false;
    }
    while (i < end) {
      if (b[i] < 0) {
        return false;
      }
      i++;
    }
    return true;
  }

  /** The index of the first '-' at or after {@code from}, or -1 (SWAR zero-byte test). */
  private int indexOfDash(int from) {
    byte[] b = buf;
    int i = from;
    int n = limit;
    while (i + 8 <= n) {
      long x = (long) LONGS.get(b, i) ^ DASHES;
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    while (i < n) {
      if (b[i] == '-') {
        return i;
      }
      i++;
    }
    return -1;
  }

  /**
   * The frame whose delimiter line starts at {@code p}, innermost first, or -1. Sets
   * {@link #matchedClose} and {@link #afterDelimiter}. RFC 2046 section 5.1.1: "--" boundary,
   * optional "--", transport padding (white space), then the line end.
   */
  private int delimiterAt(int p) {
    if (p + 1 >= limit || buf[p] != '-' || buf[p + 1] != '-') {
      return -1;
    }
    for (int f = depth - 1; f >= 0; f--) {
      byte[] b = boundaries[f];
      int q = p + 2;
      if (q + b.length > limit) {
        continue;
      }
      boolean same = true;
      for (int i = 0; i < b.length; i++) {
        if (buf[q + i] != b[i]) {
          same = false;
          break;
        }
      }
      if (!same) {
        continue;
      }
      q += b.length;
      boolean close = false;
      if (q + 1 < limit && buf[q] == '-' && buf[q + 1] == '-') {
        close = true;
        q += 2;
      }
      if (q < limit && isWsp(buf[q])) {
        // Transport padding, and what some generators write after it: ignored to the line end
        // (mime4j does the same); a boundary directly followed by other text is not a match, so
        // "--b" never matches "--b2".
        q = lineEnd(q);
      } else if (q < limit && buf[q] != '\r' && buf[q] != '\n') {
        continue;
      }
      matchedClose = close;
      afterDelimiter = nextLine(q);
      return f;
    }
    return -1;
  }

  // ---- lines ----

  /** Index of the first CR or LF at or after {@code p}, or the end. */
  private int lineEnd(int p) {
    byte[] b = buf;
    int i = p;
    int n = limit;
    while (i < n) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        return i;
      }
      i++;
    }
    return n;
  }

  /** The start of the line after the line end at {@code eol} (CRLF, LF or CR). */
  private int nextLine(int eol) {
    if (eol >= limit) {
      return limit;
    }
    boolean crlf = buf[eol] == '\r' && eol + 1 < limit && buf[eol + 1] == '\n';
    int kind = crlf ? 1 : buf[eol] == '\n' ? 2 : 4;
    if ((endings & kind) == 0) {
      if (endings != 0 && oddEnding < 0) {
        oddEnding = eol;
      }
      endings |= kind;
    }
    return crlf ? eol + 2 : eol + 1;
  }

  /**
   * One tool writes one kind of line end: an outer header section that mixes them (CRLF fields
   * with an LF field, say) was most likely edited or assembled by hand or by a second program, which
   * an investigator wants to know. Checked once, when the outer header section ends.
   */
  private Token endOfHeader() {
    if (!outerHeaderDone) {
      outerHeaderDone = true;
      if (oddEnding >= 0) {
        problems.add("header section mixes line ends (" + endingNames() + "), it may have been edited: offset " + oddEnding);
      }
    }
    state = State.BODY_KIND;
    return Token.END_OF_HEADER;
  }

  private String endingNames() {
    StringBuilder b = new StringBuilder();
    for (String name : new String[] {(endings & 1) != 0 ? "CRLF" : null, (endings & 2) != 0 ? "LF" : null, (endings & 4) != 0 ? "CR" : null}) {
      if (name != null) {
        b.append(b.length() == 0 ? "" : ", ").append(name);
      }
    }
    return b.toString();
  }

  private boolean blankUpTo(int p, int eol) {
    for (int i = p; i < eol; i++) {
      if (!isWsp(buf[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean isWsp(byte b) {
    return b == ' ' || b == '\t';
  }
}
