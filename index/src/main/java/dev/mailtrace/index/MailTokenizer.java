package dev.mailtrace.index;

import java.io.IOException;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits text into lower-cased, ASCII-folded words in one pass over the characters: the tokenizer
 * of {@link MailAnalyzer}, several times faster than Lucene's grammar-driven StandardTokenizer
 * followed by lower-casing and folding filters.
 *
 * <p>A word is a run of letters, digits, combining marks and connector punctuation ({@code _}),
 * following the main rules of Unicode word boundaries (UAX #29): letters joined by {@code .},
 * {@code '}, {@code ’} or {@code :} stay one word ({@code example.com}, {@code don't}), digits
 * joined by {@code .}, {@code ,} or {@code ;} stay one number ({@code 3.14}, {@code 1,000}).
 * Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) give one
 * token per character, so any word in them is found as a phrase of its characters whatever the
 * word breaks; Hangul is spaced and kept in words. Words longer than {@value #MAX_TOKEN} characters
 * are cut into pieces of that length, which keeps base64 and other junk cheap. Non-ASCII letters
 * are folded to ASCII where a folding exists ("Müller" is indexed as "muller").
 */
final class MailTokenizer extends Tokenizer {
  /** Longest token, in UTF-16 units. */
  static final int MAX_TOKEN = 128;

  private static final int BUFFER = 4096;
  private static final int OTHER = 0;
  private static final int LETTER = 1;
  private static final int DIGIT = 2;
  /** A character that is a token on its own (scripts without spaces). */
  private static final int SINGLE = 3;
  /** Combining marks and connector punctuation: part of a word, never its start. */
  private static final int EXTEND = 4;

  /** Classes of the first 128 characters, for the common case. */
  private static final byte[] ASCII = new byte[128];
  /** Lower case of the first 128 characters. */
  private static final char[] ASCII_LOWER = new char[128];
  /** ASCII characters that end any word: neither part of one nor a possible joiner. */
  private static final boolean[] ASCII_ENDS = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_LOWER[c] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (int c = '0'; c <= '9'; c++) {
      ASCII[c] = DIGIT;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      ASCII[c] = LETTER;
      ASCII[c - 32] = LETTER;
    }
    ASCII['_'] = EXTEND;
    for (int c = 0; c < 128; c++) {
      ASCII_ENDS[c] = ASCII[c] == OTHER && !isPunctuation((char) c);
    }
  }

  private final MailTermAttribute term = (MailTermAttribute) addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final char[] buffer = new char[BUFFER];
  private final char[] fold = new char[4];
  private final char[] folded = new char[16];
  private int pos;
  private int len;
  /** Offset in the input of {@code buffer[0]}. */
  private int base;
  private boolean eof;
  /** Whether offsets need correcting: only a char filter in front changes them. */
  private boolean charFilter;

  MailTokenizer() {
    super(MailTermAttribute.FACTORY);
  }

  @Override
  public boolean incrementToken() throws IOException {
    clearAttributes();
    char[] out = term.buffer();
    if (out.length < MAX_TOKEN + 4) {
      // Sized once: the ASCII run below writes without checking room per character.
      out = term.resizeBuffer(MAX_TOKEN + 4);
    }
    // An ASCII word's bytes are written beside its characters: they are the term Lucene indexes.
    byte[] bytes = term.asciiBuffer();
    boolean ascii = true;
    int n = 0;
    int start = -1;
    int last = OTHER;
    while (true) {
      if (pos >= len && !fill()) {
        break;
      }
      char c = buffer[pos];
      if (c < 128) {
        // Most mail text is ASCII: separators are skipped and a run of ASCII letters and digits
        // copied in a tight loop; everything else (joiners, '_', non-ASCII) takes the general path.
        int cls = ASCII[c];
        if (cls == LETTER || cls == DIGIT) {
          if (n == 0) {
            start = base + pos;
          }
          int p = pos;
          int end = Math.min(len, p + MAX_TOKEN - n);
          do {
            char lower = ASCII_LOWER[c];
            out[n] = lower;
            bytes[n++] = (byte) lower;
            last = cls;
            if (++p >= end) {
              break;
            }
            c = buffer[p];
            if (c >= 128) {
              break;
            }
            cls = ASCII[c];
          } while (cls == LETTER || cls == DIGIT);
          pos = p;
          if (n >= MAX_TOKEN || p < len && c < 128 && ASCII_ENDS[c]) {
            // The common end of a word, a space or line end, decided here without the general
            // path's joiner rules.
            break;
          }
          continue;
        }
        if (n == 0) {
          pos++;
          continue;
        }
      }
      int cp = c;
      int width = 1;
      int cls;
      if (c < 128) {
        cls = ASCII[c];
      } else {
        if (Character.isHighSurrogate(c)) {
          if (pos + 1 >= len && !fillKeeping()) {
            cls = OTHER;
          } else {
            char d = buffer[pos + 1];
            if (Character.isLowSurrogate(d)) {
              cp = Character.toCodePoint(c, d);
              width = 2;
            }
          }
        }
        cls = classOf(cp);
      }
      if (cls == OTHER || (cls == EXTEND && n == 0)) {
        if (n > 0) {
          if (last != OTHER && isJoiner(c, last) && joinsNext(c, last, width)) {
            // UAX #29 WB6/7, WB11/12: keep "example.com" and "3.14" one word.
            if (n + 1 > MAX_TOKEN) {
              break;
            }
            out = append(out, n, c);
            if (c < 128) {
              bytes[n] = (byte) c;
            } else {
              ascii = false;
            }
            n++;
            pos++;
            last = OTHER;
            continue;
          }
          break;
        }
        pos += width;
        continue;
      }
      if (cls == SINGLE) {
        if (n > 0) {
          break;
        }
        start = base + pos;
        out = term.resizeBuffer(2);
        n = Character.toChars(Character.toLowerCase(cp), out, 0);
        ascii = false;
        pos += width;
        break;
      }
      if (n == 0) {
        start = base + pos;
      }
      if (cp < 128) {
        char lower = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        out = append(out, n, lower);
        bytes[n] = (byte) lower;
        n++;
      } else {
        int lower = Character.toLowerCase(cp);
        int k = Character.toChars(lower, fold, 0);
        int f = ASCIIFoldingFilter.foldToASCII(fold, 0, folded, 0, k);
        if (n + f > MAX_TOKEN) {
          break;
        }
        if (n + f > out.length) {
          out = term.resizeBuffer(n + f);
        }
        System.arraycopy(folded, 0, out, n, f);
        for (int i = 0; i < f; i++) {
          char ch = folded[i];
          if (ch < 128) {
            bytes[n + i] = (byte) ch;
          } else {
            ascii = false;
          }
        }
        n += f;
      }
      pos += width;
      last = cls == EXTEND ? last : cls;
      if (n >= MAX_TOKEN) {
        break;
      }
    }
    if (n == 0) {
      return false;
    }
    // A joiner left at the end (a word cut at the limit) is not part of the word.
    while (n > 0 && isPunctuation(out[n - 1])) {
      n--;
    }
    if (n == 0) {
      return incrementToken();
    }
    term.setLength(n);
    if (ascii) {
      term.setAscii(n);
    }
    int end = base + pos;
    end = Math.max(start, end);
    if (charFilter) {
      offset.setOffset(correctOffset(start), correctOffset(end));
    } else {
      offset.setOffset(start, end);
    }
    return true;
  }

  private char[] append(char[] out, int n, char c) {
    if (n >= out.length) {
      out = term.resizeBuffer(n + 1);
    }
    out[n] = c;
    return out;
  }

  private static boolean isPunctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '\'' || c == '\u2019';
  }

  /** MidLetter, MidNumLet and MidNum characters of UAX #29 that we honour (the common ones). */
  private static boolean isJoiner(char c, int before) {
    return switch (c) {
      case '.', '\'', '\u2019' -> true;
      case ':' -> before == LETTER;
      case ',', ';' -> before == DIGIT;
      default -> false;
    };
  }

  /** True when the character after the joiner at {@code pos} continues the word. */
  private boolean joinsNext(char joiner, int before, int width) throws IOException {
    if (pos + width >= len && !fillKeeping()) {
      return false;
    }
    char next = buffer[pos + width];
    int cls = next < 128 ? ASCII[next] : classOf(Character.codePointAt(buffer, pos + width, len));
    if (joiner == '.' || joiner == '\'' || joiner == '\u2019') {
      return cls == before && (cls == LETTER || cls == DIGIT);
    }
    return cls == before;
  }

  private static int classOf(int cp) {
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER -> {
        return isSingle(cp) ? SINGLE : LETTER;
      }
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> {
        return DIGIT;
      }
      case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
          Character.CONNECTOR_PUNCTUATION -> {
        return EXTEND;
      }
      default -> {
        return OTHER;
      }
    }
  }

  /** Scripts written without spaces between words. */
  private static boolean isSingle(int cp) {
    if (cp < 0x0E00) {
      return false;
    }
    // The common blocks first: every letter in CJK Unified Ideographs is Han, every one in Hangul
    // Syllables is Hangul; the script lookup is a binary search over the whole of Unicode.
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      return true;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
      return false;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.THAI
        || s == Character.UnicodeScript.LAO
        || s == Character.UnicodeScript.KHMER
        || s == Character.UnicodeScript.MYANMAR;
  }

  /** Reads the next chunk when the buffer is used up; false at the end of input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    base += len;
    pos = 0;
    len = 0;
    int r = input.read(buffer, 0, buffer.length);
    if (r <= 0) {
      eof = true;
      return false;
    }
    len = r;
    return true;
  }

  /** Reads more while keeping the characters from {@code pos} on (for one character of lookahead). */
  private boolean fillKeeping() throws IOException {
    if (eof) {
      return false;
    }
    int keep = len - pos;
    System.arraycopy(buffer, pos, buffer, 0, keep);
    base += pos;
    pos = 0;
    len = keep;
    int r = input.read(buffer, keep, buffer.length - keep);
    if (r <= 0) {
      eof = true;
      return false;
    }
    len += r;
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    int end = correctOffset(base + len);
    offset.setOffset(end, end);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    charFilter = input instanceof CharFilter;
    pos = 0;
    len = 0;
    base = 0;
    eof = false;
  }
}
