package dev.mailtrace.header;

/**
 * RFC 5322 comments (section 3.2.2): parenthesised text that may nest and may contain quoted
 * pairs. The field grammars skip them where CFWS is allowed; the address grammar keeps their text
 * and reads them itself.
 */
final class Comments {
  private Comments() {}

  /**
   * The index after the comment that starts with '(' at {@code i}, or the end of {@code s} when
   * the comment is not closed (malformed input is read to its end, not rejected).
   */
  static int skip(String s, int i) {
    int depth = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i++);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return n;
  }
}
