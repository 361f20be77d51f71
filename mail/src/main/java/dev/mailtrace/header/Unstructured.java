package dev.mailtrace.header;

import java.util.ArrayList;
import java.util.List;

/**
 * Unstructured field values (Subject, Comments, X- fields; RFC 5322 section 3.2.5) and simple
 * comma-separated phrase lists (Keywords, section 3.6.5), as a reader should see them.
 *
 * <p>Unfolds (a whitespace run containing a line break becomes one space), decodes RFC 2047 encoded
 * words with {@link EncodedWords}, separates an encoded word glued to ordinary text by one space,
 * and trims the ends. Other whitespace inside a line is kept as written; a line break decoded from
 * inside an encoded word becomes a space, so the result is always one line.
 */
public final class Unstructured {
  private Unstructured() {}

  /**
   * The displayable text of an unstructured field value; problems are added to {@code problems}.
   */
  public static String decode(String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    if (value.indexOf("=?") < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return trim(value, 0, value.length());
    }
    StringBuilder out = new StringBuilder(value.length());
    EncodedWords.decodeInto(value, 0, value.length(), out, problems, true);
    return trim(out, 0, out.length());
  }

  /**
   * The items of a comma-separated list (Keywords), each decoded like {@link #decode}; empty items
   * are dropped and a comma inside an encoded word does not split.
   */
  public static List<String> decodeList(String value, List<String> problems) {
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    int[] word = new int[4];
    int start = 0;
    int n = value.length();
    for (int i = 0; i <= n; i++) {
      if (i < n && value.charAt(i) == '=' && i + 1 < n && value.charAt(i + 1) == '?') {
        int end = EncodedWords.scanWord(value, i, n, word);
        if (end > 0) {
          i = end - 1;
          continue;
        }
      }
      if (i == n || value.charAt(i) == ',') {
        StringBuilder out = new StringBuilder(i - start);
        EncodedWords.decodeInto(value, start, i, out, problems, true);
        String item = trim(out, 0, out.length());
        if (!item.isEmpty()) {
          items.add(item);
        }
        start = i + 1;
      }
    }
    return items;
  }

  /**
   * Copies {@code s[from, to)}, turning each whitespace run that holds a line break into a space.
   */
  static void appendUnfolded(CharSequence s, int from, int to, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
        int j = i;
        boolean lineBreak = false;
        while (j < to) {
          char d = s.charAt(j);
          if (d == '\r' || d == '\n') {
            lineBreak = true;
          } else if (d != ' ' && d != '\t') {
            break;
          }
          j++;
        }
        if (lineBreak) {
          out.append(' ');
        } else {
          out.append(s, i, j);
        }
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  private static String trim(CharSequence s, int from, int to) {
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.subSequence(from, to).toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
