package dev.mailtrace.archive;

/**
 * Recognises an mbox {@code From } separator line (RFC 4155 section 2: {@code "From "}, the
 * envelope sender, a timestamp).
 *
 * <p>Tolerant on purpose: a line counts when it starts {@code "From "}, has a sender token (any run
 * of non-blank bytes, or a quoted string), and the rest contains a time {@code h:mm} somewhere. This
 * admits asctime() dates, RFC 5322 dates and the extra zone or "remote from" words some writers
 * add, while rejecting body text such as "From the start of 2009 ...". Lines longer than {@link
 * MboxQuoting#LOOK} bytes are never separators.
 */
final class Envelope {
  private Envelope() {}

  static boolean looksLikeFromLine(byte[] b, int off, int len) {
    if (len > MboxQuoting.LOOK || !MboxQuoting.startsWithFrom(b, off, off + len)) {
      return false;
    }
    int end = off + len;
    int i = off + 5;
    while (i < end && b[i] == ' ') {
      i++;
    }
    if (i == end) {
      return false;
    }
    if (b[i] == '"') {
      // RFC 5321 quoted local part, may contain spaces
      i++;
      while (i < end && b[i] != '"') {
        i++;
      }
      i++;
    }
    while (i < end && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    if (i >= end) {
      return false;
    }
    for (int j = i + 1; j + 2 < end; j++) {
      if (b[j] == ':' && isDigit(b[j - 1]) && isDigit(b[j + 1]) && isDigit(b[j + 2])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
