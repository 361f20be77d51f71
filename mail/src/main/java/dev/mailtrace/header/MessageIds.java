package dev.mailtrace.header;

import java.util.ArrayList;
import java.util.List;

/**
 * Message-ID, In-Reply-To and References (RFC 5322 section 3.6.4), tolerant of real-world forms.
 *
 * <p>An id is what stands between {@code <} and {@code >}, as written but without line breaks (an
 * unclosed {@code <} runs to the next whitespace); {@code <>} is no id. Text outside brackets is
 * junk (comments, "Your message of ...") except words holding an {@code @}, which are ids that lost
 * their brackets. A value without any bracket gives each of its whitespace- or comma-separated
 * words (comments removed), so {@code malformed@id.example} is read too.
 */
public final class MessageIds {
  private MessageIds() {}

  /** The ids in a field value, without angle brackets, in order. */
  public static List<String> parse(String value) {
    List<String> ids = new ArrayList<>(2);
    if (value == null) {
      return ids;
    }
    boolean bracketed = value.indexOf('<') >= 0;
    int n = value.length();
    int i = 0;
    while (i < n) {
      char c = value.charAt(i);
      if (c == '<') {
        int j = i + 1;
        StringBuilder b = new StringBuilder();
        while (j < n && value.charAt(j) != '>' && value.charAt(j) != '<') {
          char d = value.charAt(j);
          if (d != '\r' && d != '\n') {
            b.append(d);
          }
          j++;
        }
        if (j < n && value.charAt(j) == '>') {
          j++;
        } else {
          // Unclosed: the id runs to the first whitespace.
          int end = 0;
          while (end < b.length() && !isSpace(b.charAt(end))) {
            end++;
          }
          b.setLength(end);
        }
        String id = b.toString().strip();
        if (!id.isEmpty()) {
          ids.add(id);
        }
        i = j;
      } else if (c == '(') {
        i = Comments.skip(value, i);
      } else if (isSpace(c) || c == ',' || c == '>') {
        i++;
      } else {
        int j = i;
        boolean at = false;
        while (j < n) {
          char d = value.charAt(j);
          if (isSpace(d) || d == ',' || d == '<' || d == '(') {
            break;
          }
          at |= d == '@';
          j++;
        }
        if (!bracketed || at) {
          ids.add(value.substring(i, j));
        }
        i = j;
      }
    }
    return ids;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

}
