package dev.mailtrace.smtp;

import dev.mailtrace.header.MediaType;
import dev.mailtrace.message.Charsets;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a message with 8-bit bytes into 7-bit form for a server without 8BITMIME (RFC 6152
 * section 3: a client must not send 8-bit data to it), as sendmail and Postfix do.
 *
 * <p>The MIME structure is walked (multiparts by their boundaries, message/rfc822 bodies as
 * messages, at most {@link #MAX_DEPTH} levels): a leaf body with 8-bit bytes and an identity
 * transfer encoding (none, 7bit, 8bit) becomes quoted-printable (text/*) or base64 (anything else),
 * a {@code binary} body always becomes base64 (RFC 2045 section 6), and its Content-Transfer-Encoding
 * field is set; a composite entity whose content changed is labelled 7bit. Bodies already in base64
 * or quoted-printable keep their encoding (stray 8-bit bytes in them are dropped from base64 and
 * written as =XX in quoted-printable, which decode to the same bytes). Preamble, epilogue and
 * delimiter lines are kept, except that 8-bit bytes in a preamble or epilogue, which readers ignore
 * (RFC 2046 section 5.1.1), become '?'. Generated lines use the message's own line end, at most 76
 * characters; a message with bare CR line ends is first given CRLF ones, as on the wire.
 *
 * <p>Header fields with 8-bit bytes: unstructured ones become RFC 2047 encoded words (UTF-8 when the
 * value is valid UTF-8, else windows-1252, as our parser reads raw header bytes); Content-Type and
 * Content-Disposition parameters become RFC 2231 values. Address fields and other structured fields
 * cannot be downgraded this way: the message is refused (it needs SMTPUTF8, RFC 6531). A message
 * without 8-bit bytes is returned as it is.
 */
final class SevenBitDowngrade {
  /** Deepest nesting of multiparts and enclosed messages that is rewritten. */
  static final int MAX_DEPTH = 32;
  private static final int LINE = 76;

  /** What became of the message. */
  sealed interface Result permits Downgraded, Refused {}

  /**
   * The 7-bit message.
   *
   * @param content the rewritten message (the input array itself when nothing needed changing)
   * @param bodies how many bodies were re-encoded
   * @param fields how many header fields were re-encoded
   */
  record Downgraded(byte[] content, int bodies, int fields) implements Result {
    /** Whether anything changed. */
    boolean isChanged() {
      return bodies + fields > 0;
    }

    /** A short note for logs. */
    String note() {
      return "downgraded to 7-bit (no 8BITMIME): " + bodies + " bodies and " + fields + " header fields re-encoded";
    }
  }

  /** The message cannot be made 7-bit; {@code reason} says why, in words. */
  record Refused(String reason) implements Result {}

  /** Header fields holding addresses: their 8-bit bytes need SMTPUTF8. */
  private static final Set<String> ADDRESS_FIELDS = Set.of(
      "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender", "resent-to",
      "resent-cc", "resent-bcc", "resent-reply-to", "return-path", "delivered-to", "x-original-to",
      "envelope-to", "errors-to", "disposition-notification-to", "mail-followup-to", "mail-reply-to",
      "return-receipt-to", "original-recipient", "final-recipient");

  /** Structured fields where encoded words are not allowed (RFC 2047 section 5). */
  private static final Set<String> STRUCTURED_FIELDS = Set.of(
      "message-id", "in-reply-to", "references", "resent-message-id", "content-id", "date",
      "resent-date", "received", "mime-version", "content-transfer-encoding", "dkim-signature",
      "content-location", "content-language", "list-id", "list-unsubscribe", "list-post");

  private SevenBitDowngrade() {}

  /** The message in 7-bit form, or why it cannot be. Never throws on malformed input. */
  static Result downgrade(byte[] message) {
    if (!hasEightBit(message, 0, message.length)) {
      return new Downgraded(message, 0, 0);
    }
    if (hasBareCr(message)) {
      // Old Mac line ends: made CRLF first, as MessageData does on the wire (RFC 5321 section 2.3.8).
      message = crlf(message);
    }
    Walk w = new Walk(message);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 3 + 256);
      w.entity(out, 0, message.length, 0, true, "text/plain");
      return new Downgraded(out.toByteArray(), w.bodies, w.fields);
    } catch (Refusal r) {
      return new Refused(r.getMessage());
    }
  }

  static boolean hasBareCr(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n')) {
        return true;
      }
    }
    return false;
  }

  private static byte[] crlf(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + b.length / 16);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\r') {
        out.write('\r');
        out.write('\n');
        if (i + 1 < b.length && b[i + 1] == '\n') {
          i++;
        }
      } else if (b[i] == '\n') {
        out.write('\r');
        out.write('\n');
      } else {
        out.write(b[i]);
      }
    }
    return out.toByteArray();
  }

  static boolean hasEightBit(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return true;
      }
    }
    return false;
  }

  /** Ends the walk: the message cannot be downgraded. */
  private static final class Refusal extends RuntimeException {
    Refusal(String why) {
      super(why, null, false, false);
    }
  }

  /** One header field: {@code [start, end)} with its line end, the colon at {@code colon} (or -1). */
  private record Field(String name, int start, int end, int colon) {}

  /** The walk over one message: its bytes, its line end, and what was changed. */
  private static final class Walk {
    final byte[] m;
    final byte[] eol;
    int bodies;
    int fields;

    Walk(byte[] m) {
      this.m = m;
      int lf = -1;
      for (int i = 0; i < m.length; i++) {
        if (m[i] == '\n') {
          lf = i;
          break;
        }
      }
      this.eol = lf > 0 && m[lf - 1] == '\r' || lf < 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
    }

    /** Index after the line that starts at {@code i} (after its LF), or {@code end}. */
    int nextLine(int i, int end) {
      while (i < end && m[i] != '\n') {
        i++;
      }
      return i < end ? i + 1 : end;
    }

    /** Whether the line at {@code i} is empty (just a line end). */
    boolean isBlankLine(int i, int end) {
      return i < end && (m[i] == '\n' || m[i] == '\r' && i + 1 < end && m[i + 1] == '\n');
    }

    /**
     * Writes the entity {@code [start, end)} in 7-bit form; returns whether anything changed.
     * {@code isMessage}: a whole message (top level or enclosed), which may need MIME-Version.
     */
    boolean entity(ByteArrayOutputStream out, int start, int end, int depth, boolean isMessage, String defaultType) {
      if (depth > MAX_DEPTH) {
        if (hasEightBit(m, start, end)) {
          throw new Refusal("MIME nesting deeper than " + MAX_DEPTH + " levels holds 8-bit bytes; cannot downgrade it to 7-bit");
        }
        out.write(m, start, end - start);
        return false;
      }
      // The header section: fields up to the empty line (RFC 5322 section 2.1).
      List<Field> header = new ArrayList<>();
      int p = start;
      while (p < end && !isBlankLine(p, end)) {
        int q = nextLine(p, end);
        while (q < end && (m[q] == ' ' || m[q] == '\t')) {
          q = nextLine(q, end);
        }
        int colon = -1;
        for (int i = p; i < q && m[i] != '\n'; i++) {
          if (m[i] == ':') {
            colon = i;
            break;
          }
        }
        String name = colon < 0 ? "" : new String(m, p, colon - p, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
        header.add(new Field(name, p, q, colon));
        p = q;
      }
      int headerEnd = p;
      int bodyStart = p < end ? nextLine(p, end) : end;
      MediaType type = null;
      String cte = "";
      boolean mimeVersion = false;
      for (Field f : header) {
        switch (f.name()) {
          case "content-type" -> {
            if (type == null) {
              type = MediaType.parse(value(f), null);
            }
          }
          case "content-transfer-encoding" -> {
            if (cte.isEmpty()) {
              cte = token(value(f));
            }
          }
          case "mime-version" -> mimeVersion = true;
          default -> { }
        }
      }
      if (type == null) {
        type = MediaType.parse(defaultType, null);
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream(end - bodyStart + 64);
      String newCte = null;
      boolean identity = cte.isEmpty() || cte.equals("7bit") || cte.equals("8bit") || cte.equals("binary");
      if (type.type().equals("multipart") && identity) {
        String boundary = type.param("boundary");
        if (boundary != null && !boundary.isEmpty() && multipart(body, boundary, bodyStart, end, depth,
            type.subtype().equals("digest") ? "message/rfc822" : "text/plain")) {
          newCte = cte.isEmpty() || cte.equals("7bit") ? null : "7bit";
        } else if (boundary == null || boundary.isEmpty()) {
          if (hasEightBit(m, bodyStart, end)) {
            throw new Refusal("a multipart without boundary holds 8-bit bytes; cannot downgrade it to 7-bit");
          }
          body.write(m, bodyStart, end - bodyStart);
        }
      } else if (type.type().equals("message") && (type.subtype().equals("rfc822") || type.subtype().equals("news"))
          && identity) {
        if (entity(body, bodyStart, end, depth + 1, true, "text/plain")) {
          newCte = "7bit";
        }
      } else {
        newCte = leaf(body, bodyStart, end, type, cte);
      }
      // The header, with re-encoded fields and the new transfer encoding.
      boolean changed = newCte != null || body.size() != end - bodyStart;
      boolean cteWritten = false;
      int before = out.size();
      for (Field f : header) {
        if (f.name().equals("content-transfer-encoding") && newCte != null) {
          if (!cteWritten) {
            writeField(out, "Content-Transfer-Encoding: " + newCte);
            cteWritten = true;
          }
          continue;
        }
        if (hasEightBit(m, f.start(), f.end())) {
          field(out, f);
          changed = true;
        } else {
          out.write(m, f.start(), f.end() - f.start());
        }
      }
      if (newCte != null && !cteWritten) {
        // The header section may lack a line end on its last line when the entity has no body.
        if (out.size() > before && headerEnd == end && m[end - 1] != '\n') {
          out.write(eol, 0, eol.length);
        }
        if (isMessage && !mimeVersion) {
          writeField(out, "MIME-Version: 1.0");
        }
        writeField(out, "Content-Transfer-Encoding: " + newCte);
      }
      if (headerEnd < end) {
        out.write(m, headerEnd, bodyStart - headerEnd);
      } else if (body.size() > 0) {
        out.write(eol, 0, eol.length);
      }
      out.write(body.toByteArray(), 0, body.size());
      if (!changed) {
        changed = !equalRange(body, bodyStart, end);
      }
      return changed;
    }

    private boolean equalRange(ByteArrayOutputStream body, int from, int to) {
      if (body.size() != to - from) {
        return false;
      }
      return Arrays.equals(body.toByteArray(), 0, body.size(), m, from, to);
    }

    /**
     * Writes a multipart body, each part walked; returns whether anything changed. RFC 2046 section
     * 5.1.1: a delimiter line is "--" boundary, optionally "--" for the last, then white space; the
     * line end before it belongs to it.
     */
    boolean multipart(ByteArrayOutputStream out, String boundary, int start, int end, int depth, String partType) {
      byte[] b = boundary.getBytes(StandardCharsets.ISO_8859_1);
      if (hasEightBit(b, 0, b.length)) {
        throw new Refusal("a multipart boundary has 8-bit characters; cannot downgrade it to 7-bit");
      }
      boolean changed = false;
      int copied = start; // bytes before this are written
      int partStart = -1; // content start of the open part, -1 in the preamble or epilogue
      int p = start;
      boolean closed = false;
      while (p < end && !closed) {
        int q = nextLine(p, end);
        int kind = delimiter(p, q, b);
        if (kind != 0) {
          int contentEnd = p;
          if (contentEnd > start && m[contentEnd - 1] == '\n') {
            contentEnd--;
            if (contentEnd > start && m[contentEnd - 1] == '\r') {
              contentEnd--;
            }
          }
          if (partStart < 0) {
            changed |= outside(out, copied, Math.max(copied, contentEnd));
          } else {
            changed |= entity(out, partStart, Math.max(partStart, contentEnd), depth + 1, false, partType);
          }
          copied = Math.max(copied, Math.max(partStart, contentEnd));
          // The delimiter line; what follows its transport padding is ignored by readers.
          changed |= outside(out, copied, q);
          copied = q;
          partStart = kind == 1 ? q : -1;
          closed = kind == 2;
        }
        p = q;
      }
      if (partStart >= 0) {
        changed |= entity(out, partStart, end, depth + 1, false, partType);
      } else {
        changed |= outside(out, copied, end);
      }
      return changed;
    }

    /** 1 for a delimiter line of {@code b} at {@code [p, q)}, 2 for the close delimiter, else 0. */
    private int delimiter(int p, int q, byte[] b) {
      if (q - p < b.length + 2 || m[p] != '-' || m[p + 1] != '-') {
        return 0;
      }
      for (int i = 0; i < b.length; i++) {
        if (m[p + 2 + i] != b[i]) {
          return 0;
        }
      }
      int i = p + 2 + b.length;
      int kind = 1;
      if (i + 1 < q && m[i] == '-' && m[i + 1] == '-') {
        kind = 2;
        i += 2;
      }
      if (i < q && m[i] != ' ' && m[i] != '\t' && m[i] != '\r' && m[i] != '\n') {
        return 0;
      }
      return kind;
    }

    /** Preamble or epilogue: copied, 8-bit bytes as '?'. */
    private boolean outside(ByteArrayOutputStream out, int from, int to) {
      boolean changed = false;
      for (int i = from; i < to; i++) {
        if (m[i] < 0) {
          out.write('?');
          changed = true;
        } else {
          out.write(m[i]);
        }
      }
      return changed;
    }

    /** Writes a leaf body; returns the new transfer encoding, or null when it stays. */
    private String leaf(ByteArrayOutputStream out, int start, int end, MediaType type, String cte) {
      boolean eight = hasEightBit(m, start, end);
      switch (cte) {
        case "", "7bit", "8bit", "binary" -> {
          if (!eight && !cte.equals("binary")) {
            out.write(m, start, end - start);
            return null;
          }
          bodies++;
          if (type.type().equals("text") && !cte.equals("binary")) {
            quotedPrintable(out, start, end);
            return "quoted-printable";
          }
          byte[] encoded = Base64.getMimeEncoder(LINE, eol).encode(Arrays.copyOfRange(m, start, end));
          out.write(encoded, 0, encoded.length);
          if (encoded.length > 0 && end == m.length) {
            // Inside a multipart the line end before the next delimiter ends the last line.
            out.write(eol, 0, eol.length);
          }
          return "base64";
        }
        case "base64" -> {
          // Bytes outside the base64 alphabet are ignored by decoders (RFC 2045 section 6.8).
          for (int i = start; i < end; i++) {
            if (m[i] >= 0) {
              out.write(m[i]);
            }
          }
          return null;
        }
        case "quoted-printable" -> {
          for (int i = start; i < end; i++) {
            if (m[i] < 0) {
              hex(out, m[i] & 0xff);
            } else {
              out.write(m[i]);
            }
          }
          return null;
        }
        default -> {
          if (eight) {
            throw new Refusal("a body in Content-Transfer-Encoding " + cte + " has 8-bit bytes; cannot downgrade it to 7-bit");
          }
          out.write(m, start, end - start);
          return null;
        }
      }
    }

    /**
     * RFC 2045 section 6.7: the message's line end is a hard line break, any other CR or LF is
     * =0D/=0A, white space before a break or the end is encoded, lines end with a soft break '='
     * before 76 characters.
     */
    private void quotedPrintable(ByteArrayOutputStream out, int start, int end) {
      int col = 0;
      int i = start;
      while (i < end) {
        int br = breakAt(i, end);
        if (br > 0) {
          out.write(eol, 0, eol.length);
          col = 0;
          i += br;
          continue;
        }
        int c = m[i] & 0xff;
        boolean literal = c >= 33 && c <= 126 && c != '=';
        if ((c == ' ' || c == '\t') && i + 1 < end && breakAt(i + 1, end) == 0) {
          literal = true;
        }
        int width = literal ? 1 : 3;
        if (col + width > LINE - 1) {
          out.write('=');
          out.write(eol, 0, eol.length);
          col = 0;
        }
        if (literal) {
          out.write(c);
        } else {
          hex(out, c);
        }
        col += width;
        i++;
      }
    }

    /** The length of the message's line end at {@code i}, or 0. */
    private int breakAt(int i, int end) {
      if (eol.length == 2) {
        return m[i] == '\r' && i + 1 < end && m[i + 1] == '\n' ? 2 : 0;
      }
      return m[i] == '\n' ? 1 : 0;
    }

    private static void hex(ByteArrayOutputStream out, int c) {
      out.write('=');
      out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
      out.write(Character.toUpperCase(Character.forDigit(c & 15, 16)));
    }

    /** A header field with 8-bit bytes, rewritten in 7-bit form or refused. */
    private void field(ByteArrayOutputStream out, Field f) {
      String display = f.colon() < 0 ? "a header line" : "the " + new String(m, f.start(), f.colon() - f.start(), StandardCharsets.ISO_8859_1).trim() + " field";
      if (f.colon() >= 0 && hasEightBit(m, f.start(), f.colon())) {
        // RFC 5322 section 2.2: field names are printable US-ASCII; nothing can encode them.
        throw new Refusal("a header field name has 8-bit bytes; cannot downgrade it to 7-bit");
      }
      if (f.colon() < 0 || ADDRESS_FIELDS.contains(f.name())) {
        throw new Refusal(display + " has 8-bit bytes; sending it needs SMTPUTF8, which the server does not offer");
      }
      if (STRUCTURED_FIELDS.contains(f.name())) {
        throw new Refusal(display + " is structured and has 8-bit bytes; sending it needs SMTPUTF8, which the server does not offer");
      }
      fields++;
      String name = new String(m, f.start(), f.colon() - f.start(), StandardCharsets.ISO_8859_1);
      if (f.name().equals("content-type") || f.name().equals("content-disposition")) {
        parameters(out, name, f);
        return;
      }
      encodedWords(out, name, unfolded(f));
    }

    /** The value bytes of a field, line breaks removed (RFC 5322 section 2.2.3). */
    private byte[] unfolded(Field f) {
      ByteArrayOutputStream b = new ByteArrayOutputStream(f.end() - f.colon());
      for (int i = f.colon() + 1; i < f.end(); i++) {
        if (m[i] != '\r' && m[i] != '\n') {
          b.write(m[i]);
        }
      }
      return b.toByteArray();
    }

    /** The value as our parser reads it: unfolded, trimmed, UTF-8 or else windows-1252. */
    private String value(Field f) {
      if (f.colon() < 0) {
        return "";
      }
      byte[] v = unfolded(f);
      return Charsets.decodeGuessing(v, 0, v.length, null).strip();
    }

    private static String token(String v) {
      int i = 0;
      while (i < v.length() && v.charAt(i) != ';' && v.charAt(i) != '(' && v.charAt(i) != ' ' && v.charAt(i) != '\t') {
        i++;
      }
      return v.substring(0, i).toLowerCase(Locale.ROOT);
    }

    private void writeField(ByteArrayOutputStream out, String line) {
      out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
      out.write(eol, 0, eol.length);
    }

    /**
     * RFC 2047 sections 5 and 6.2: runs of words with 8-bit bytes become B-encoded words; the white
     * space between two encoded words is dropped by readers, so when a run meets an encoded word
     * already there, the space between them goes inside the new word.
     */
    private void encodedWords(ByteArrayOutputStream out, String name, byte[] v) {
      boolean utf8 = isUtf8(v);
      String charset = utf8 ? "UTF-8" : "windows-1252";
      // Tokens: alternating white space and words, as byte ranges.
      List<int[]> words = new ArrayList<>();
      int i = 0;
      while (i < v.length) {
        int ws = i;
        while (i < v.length && (v[i] == ' ' || v[i] == '\t')) {
          i++;
        }
        int w = i;
        while (i < v.length && v[i] != ' ' && v[i] != '\t') {
          i++;
        }
        words.add(new int[] {ws, w, i});
      }
      Folder fold = new Folder(out, name + ":");
      int k = 0;
      while (k < words.size()) {
        int[] t = words.get(k);
        if (!hasEightBit(v, t[1], t[2])) {
          fold.add(new String(v, t[0], t[1] - t[0], StandardCharsets.ISO_8859_1), new String(v, t[1], t[2] - t[1], StandardCharsets.ISO_8859_1));
          k++;
          continue;
        }
        int last = k;
        while (last + 1 < words.size() && hasEightBit(v, words.get(last + 1)[1], words.get(last + 1)[2])) {
          last++;
        }
        int from = t[1];
        int to = words.get(last)[2];
        String lead = new String(v, t[0], t[1] - t[0], StandardCharsets.ISO_8859_1);
        if (lead.isEmpty()) {
          lead = " ";
        }
        if (k > 0 && isEncodedWord(v, words.get(k - 1))) {
          from = t[0];
          lead = " ";
        }
        if (last + 1 < words.size() && isEncodedWord(v, words.get(last + 1))) {
          int[] next = words.get(last + 1);
          to = next[1];
          // The space stays inside; the next word gets a plain separating space.
          words.set(last + 1, new int[] {next[1], next[1], next[2]});
        }
        int maxBytes = (75 - 7 - charset.length()) / 4 * 3;
        int s = from;
        boolean first = true;
        while (s < to) {
          int e = Math.min(to, s + maxBytes);
          if (utf8) {
            // RFC 2047 section 5: each encoded word holds whole characters.
            while (e < to && e > s + 1 && (v[e] & 0xc0) == 0x80) {
              e--;
            }
          }
          String word = "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(v, s, e)) + "?=";
          fold.add(first ? lead : " ", word);
          first = false;
          s = e;
        }
        k = last + 1;
        fold.pendingSpace = true;
      }
      fold.finish();
    }

    private static boolean isEncodedWord(byte[] v, int[] t) {
      int n = t[2] - t[1];
      return n >= 8 && v[t[1]] == '=' && v[t[1] + 1] == '?' && v[t[2] - 2] == '?' && v[t[2] - 1] == '=';
    }

    /**
     * Content-Type or Content-Disposition with 8-bit parameter values: written again from its parsed
     * form, values with 8-bit characters as RFC 2231 UTF-8 values in sections.
     */
    private void parameters(ByteArrayOutputStream out, String name, Field f) {
      String v = value(f);
      MediaType t = f.name().equals("content-type") ? MediaType.parse(v, null) : MediaType.parseDisposition(v, null);
      StringBuilder b = new StringBuilder(name).append(": ").append(t.mimeType());
      for (Map.Entry<String, String> p : t.params().entrySet()) {
        String value = p.getValue();
        boolean ascii = value.chars().allMatch(c -> c < 127 && c >= 32);
        if (ascii) {
          b.append(';').append(new String(eol, StandardCharsets.US_ASCII)).append('\t').append(p.getKey()).append("=\"");
          for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
              b.append('\\');
            }
            b.append(c);
          }
          b.append('"');
          continue;
        }
        // RFC 2231 sections 3 and 4: name*0*=utf-8''%XX..., name*1*=...
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder section = new StringBuilder("utf-8''");
        int n = 0;
        for (int i = 0; i <= bytes.length; i++) {
          if (i < bytes.length) {
            int c = bytes[i] & 0xff;
            if (c > 32 && c < 127 && "*'%()<>@,;:\\\"/[]?=".indexOf(c) < 0) {
              section.append((char) c);
            } else {
              section.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                  .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
          }
          if (i == bytes.length || section.length() >= 50 && (i + 1 >= bytes.length || (bytes[i + 1] & 0xc0) != 0x80)) {
            b.append(';').append(new String(eol, StandardCharsets.US_ASCII)).append('\t')
                .append(p.getKey()).append('*').append(n++).append("*=").append(section);
            section.setLength(0);
            if (i + 1 >= bytes.length) {
              break;
            }
          }
        }
      }
      writeField(out, b.toString());
    }

    /** Folds a field's tokens into lines of at most 76 characters where white space allows. */
    private final class Folder {
      final ByteArrayOutputStream out;
      int col;
      boolean pendingSpace;

      Folder(ByteArrayOutputStream out, String start) {
        this.out = out;
        out.writeBytes(start.getBytes(StandardCharsets.ISO_8859_1));
        col = start.length();
      }

      void add(String space, String text) {
        if (pendingSpace && space.isEmpty()) {
          space = " ";
        }
        pendingSpace = false;
        if (!space.isEmpty() && col + space.length() + text.length() > LINE && col > 0) {
          out.write(eol, 0, eol.length);
          col = 0;
        }
        out.writeBytes(space.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        col += space.length() + text.length();
      }

      void finish() {
        out.write(eol, 0, eol.length);
      }
    }
  }

  private static boolean isUtf8(byte[] v) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(v));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
