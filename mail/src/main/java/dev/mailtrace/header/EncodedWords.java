package dev.mailtrace.header;

import dev.mailtrace.message.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 2047 encoded-word decoding for unstructured fields, display names and parameters.
 *
 * <p>Lenient the way real mail needs: 'B' and 'Q' in any case, the RFC 2231 section 5 {@code
 * charset*language} form, bad base64 padding and junk characters, folding inside a word, words
 * glued to the text around them, and words inside quoted strings (the caller passes their content).
 * Whitespace between adjacent encoded words is dropped (RFC 2047 section 6.2) and adjacent words in
 * the same charset are decoded as one byte run, so a multibyte character split across two words
 * comes out whole. A word in a charset Java does not know is kept as written.
 */
public final class EncodedWords {
  /** Longest charset label accepted; anything longer is not an encoded word. */
  private static final int MAX_LABEL = 64;

  private EncodedWords() {}

  /**
   * Decodes every encoded word in {@code value} (B and Q, adjacent words joined); a word in an
   * unknown charset is kept as written and a problem is added to {@code problems}. Text outside
   * encoded words is returned unchanged, whitespace and line breaks included.
   */
  public static String decode(String value, List<String> problems) {
    if (value == null || value.indexOf("=?") < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    decodeInto(value, 0, value.length(), out, problems, false);
    return out.toString();
  }

  /**
   * Decodes {@code s[from, to)} into {@code out}. With {@code unstructured}, whitespace runs that
   * contain a line break become one space (RFC 5322 section 2.2.3 unfolding) and an encoded word
   * glued to ordinary text is separated from it by a space, as mail readers show it.
   */
  static void decodeInto(
      CharSequence s,
      int from,
      int to,
      StringBuilder out,
      List<String> problems,
      boolean unstructured) {
    Run run = null;
    int plainStart = from; // plain text not yet written
    int lastWordEnd = -1; // end of the last decoded word
    int[] word = new int[4];
    int unknown = 0; // problems reported for unknown charsets: a few are enough
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c != '=' || i + 1 >= to || s.charAt(i + 1) != '?') {
        i++;
        continue;
      }
      int end = scanWord(s, i, to, word);
      if (end < 0) {
        i += 2;
        continue;
      }
      String label = label(s, word[0], word[1]);
      Charset charset = Charsets.forLabel(label);
      if (charset == null) {
        // Kept as written (it stays part of the plain text).
        if (problems != null && unknown++ < 3) {
          problems.add("unknown charset in encoded word: " + label);
        }
        i = end;
        continue;
      }
      boolean adjacent = lastWordEnd == plainStart && isBlank(s, plainStart, i);
      if (!adjacent) {
        if (run != null) {
          run.flush(out, unstructured);
        }
        appendPlain(s, plainStart, i, out, unstructured, lastWordEnd);
        if (unstructured && i > plainStart && gluesBefore(s.charAt(i - 1))) {
          out.append(' ');
        }
      } else if (run != null && !run.charset.equals(charset)) {
        run.flush(out, unstructured);
      }
      if (run == null) {
        run = new Run();
      }
      run.charset = charset;
      char enc = s.charAt(word[2]);
      if (enc == 'B' || enc == 'b') {
        run.appendBase64(s, word[3], end - 2);
      } else {
        run.appendQ(s, word[3], end - 2);
      }
      lastWordEnd = end;
      plainStart = end;
      i = end;
    }
    if (run != null) {
      run.flush(out, unstructured);
    }
    appendPlain(s, plainStart, to, out, unstructured, lastWordEnd);
  }

  /**
   * The end (exclusive) of the encoded word starting at {@code start} in {@code s}, or -1; fills
   * {@code word} with charset start, charset end, encoding position and text start.
   */
  static int scanWord(CharSequence s, int start, int to, int[] word) {
    int j = start + 2;
    int labelStart = j;
    while (j < to) {
      char c = s.charAt(j);
      if (c == '?') {
        break;
      }
      if (c <= ' ' || c == '=' || j - labelStart >= MAX_LABEL) {
        return -1;
      }
      j++;
    }
    if (j == labelStart || j + 2 >= to) {
      return -1;
    }
    int labelEnd = j;
    char enc = s.charAt(j + 1);
    if ((enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') || s.charAt(j + 2) != '?') {
      return -1;
    }
    int textStart = j + 3;
    for (j = textStart; j + 1 < to; j++) {
      char c = s.charAt(j);
      if (c == '?' && s.charAt(j + 1) == '=') {
        word[0] = labelStart;
        word[1] = labelEnd;
        word[2] = labelEnd + 1;
        word[3] = textStart;
        return j + 2;
      }
      // An unterminated word must not swallow the next real one.
      if (c == '=' && s.charAt(j + 1) == '?' && startsWord(s, j, to)) {
        return -1;
      }
    }
    return -1;
  }

  /** Whether {@code =?charset?X?} starts at {@code i} (without looking for the end). */
  private static boolean startsWord(CharSequence s, int i, int to) {
    int j = i + 2;
    int labelStart = j;
    while (j < to && s.charAt(j) != '?') {
      char c = s.charAt(j);
      if (c <= ' ' || c == '=' || j - labelStart >= MAX_LABEL) {
        return false;
      }
      j++;
    }
    if (j == labelStart || j + 2 >= to) {
      return false;
    }
    char enc = s.charAt(j + 1);
    return (enc == 'B' || enc == 'b' || enc == 'Q' || enc == 'q') && s.charAt(j + 2) == '?';
  }

  /** The charset label without an RFC 2231 section 5 {@code *language} suffix. */
  private static String label(CharSequence s, int start, int end) {
    for (int k = start; k < end; k++) {
      if (s.charAt(k) == '*') {
        end = k;
        break;
      }
    }
    return s.subSequence(start, end).toString();
  }

  private static boolean isBlank(CharSequence s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Text before a glued word that should be kept apart from it ("[SPAM]=?utf-8?..."). */
  private static boolean gluesBefore(char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n' && "([{\"'<".indexOf(c) < 0;
  }

  /** Text after a glued word that should be kept apart from it. */
  private static boolean gluesAfter(char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n' && ")]}\"'>.,;:!?".indexOf(c) < 0;
  }

  private static void appendPlain(
      CharSequence s, int from, int to, StringBuilder out, boolean unstructured, int lastWordEnd) {
    if (from >= to) {
      return;
    }
    if (!unstructured) {
      out.append(s, from, to);
      return;
    }
    if (from == lastWordEnd && gluesAfter(s.charAt(from))) {
      out.append(' ');
    }
    Unstructured.appendUnfolded(s, from, to, out);
  }

  /** Decoded bytes of adjacent words in one charset, decoded together when the run ends. */
  private static final class Run {
    byte[] bytes = new byte[64];
    int length;
    Charset charset;

    void flush(StringBuilder out, boolean unstructured) {
      if (length > 0) {
        String text = Charsets.decode(bytes, 0, length, charset);
        if (unstructured && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
          // A line break smuggled inside a word ("=0D=0A") would end a displayed line.
          text = text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
        }
        out.append(text);
        length = 0;
      }
    }

    private void add(int b) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, length * 2);
      }
      bytes[length++] = (byte) b;
    }

    /** RFC 2047 section 4.1, tolerant: junk skipped, padding optional, stops at '='. */
    void appendBase64(CharSequence s, int from, int to) {
      int acc = 0;
      int bits = 0;
      for (int k = from; k < to; k++) {
        char c = s.charAt(k);
        int v = base64Value(c);
        if (v < 0) {
          if (c == '=') {
            // Padding ends this quantum; a second encoded block may follow in broken mail.
            acc = 0;
            bits = 0;
          }
          continue;
        }
        acc = ((acc << 6) | v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          add((acc >> bits) & 0xFF);
        }
      }
    }

    /** RFC 2047 section 4.2, tolerant: bad escapes kept, folding inside the word dropped. */
    void appendQ(CharSequence s, int from, int to) {
      for (int k = from; k < to; k++) {
        char c = s.charAt(k);
        if (c == '_') {
          add(' ');
        } else if (c == '='
            && k + 2 < to
            && hex(s.charAt(k + 1)) >= 0
            && hex(s.charAt(k + 2)) >= 0) {
          add(hex(s.charAt(k + 1)) << 4 | hex(s.charAt(k + 2)));
          k += 2;
        } else if (c == '\r' || c == '\n') {
          // Folding inside a word (invalid, but common): drop the break and the indent.
          while (k + 1 < to && isFoldChar(s.charAt(k + 1))) {
            k++;
          }
        } else if (c < 0x80) {
          add(c);
        } else {
          addUtf8(s, k);
          if (Character.isHighSurrogate(c) && k + 1 < to) {
            k++;
          }
        }
      }
    }

    private void addUtf8(CharSequence s, int k) {
      int cp = Character.codePointAt(s, k);
      byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      for (byte b : utf8) {
        add(b & 0xFF);
      }
    }
  }

  private static boolean isFoldChar(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  static int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
      return 62;
    }
    if (c == '/' || c == '_') {
      return 63;
    }
    return -1;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
