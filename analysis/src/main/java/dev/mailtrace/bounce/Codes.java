package dev.mailtrace.bounce;

/**
 * Finds SMTP reply codes (RFC 5321 section 4.2), enhanced status codes (RFC 3463) and the SMTP
 * command at failure inside free diagnostic text, with plain character scans.
 */
final class Codes {
  private Codes() {}

  /**
   * The most telling enhanced status code in the text, or null. Codes of the form X.0.0 and 4.4.7
   * say little, so a more specific code found anywhere in the text wins over them.
   */
  static String findStatus(String text, char preferredClass) {
    if (text == null || text.length() < 5) {
      return null;
    }
    String best = null;
    int bestRank = -1;
    int n = text.length();
    for (int i = 0; i < n - 4; i++) {
      char c = text.charAt(i);
      if (c != '2' && c != '4' && c != '5') {
        continue;
      }
      if (preferredClass != 0 && c != preferredClass) {
        continue;
      }
      if (text.charAt(i + 1) != '.') {
        continue;
      }
      if (i > 0) {
        char p = text.charAt(i - 1);
        if (Character.isLetterOrDigit(p) || p == '.' || p == '/') {
          continue;
        }
      }
      int j = i + 2;
      int subjectStart = j;
      while (j < n && Character.isDigit(text.charAt(j)) && j - subjectStart < 3) {
        j++;
      }
      if (j == subjectStart || j - subjectStart > 1 || j >= n || text.charAt(j) != '.') {
        continue;
      }
      if (text.charAt(subjectStart) > '7') {
        continue;
      }
      int detailStart = ++j;
      while (j < n && Character.isDigit(text.charAt(j))) {
        j++;
      }
      if (j == detailStart || j - detailStart > 3) {
        continue;
      }
      // an IPv4 address or version number continues with ".digit"
      if (j + 1 < n && text.charAt(j) == '.' && Character.isDigit(text.charAt(j + 1))) {
        continue;
      }
      if (j < n && Character.isLetter(text.charAt(j))) {
        continue;
      }
      String code = text.substring(i, j);
      int rank = rank(code);
      if (rank > bestRank) {
        best = code;
        bestRank = rank;
      }
      i = j - 1;
    }
    return best;
  }

  /**
   * How much a code says: a failure over a success (a transcript quotes both), a specific detail
   * over X.Y.0, and X.Y.0 over X.0.0 and 4.4.7; the first of equals wins.
   */
  private static int rank(String code) {
    int r = code.charAt(0) == '2' ? 0 : 10;
    if (code.endsWith(".0.0") || code.equals("4.4.7")) {
      return r + 1;
    }
    return code.endsWith(".0") ? r + 2 : r + 3;
  }

  /** True for the reply codes RFC 5321 and its extensions define (RFC 4954, 5248, 7504). */
  static boolean isReplyCode(int code) {
    return switch (code / 100) {
      case 2 ->
          code == 211
              || code == 214
              || code == 220
              || code == 221
              || code == 235
              || (code >= 250 && code <= 253);
      case 4 ->
          code == 421
              || code == 422
              || code == 430
              || code == 432
              || (code >= 450 && code <= 455)
              || code == 458
              || code == 459;
      case 5 ->
          (code >= 500 && code <= 504)
              || code == 521
              || (code >= 523 && code <= 525)
              || code == 530
              || code == 533
              || code == 534
              || code == 535
              || code == 538
              || (code >= 550 && code <= 556);
      default -> false;
    };
  }

  /**
   * The first SMTP reply code in the text of the given class; with class 0 the first failure code
   * (5yz or 4yz), else the first success code. Null when there is none.
   */
  static String findReply(String text, char wantedClass) {
    if (wantedClass != 0) {
      return findReplyOfClass(text, wantedClass);
    }
    String any = findReplyOfClass(text, (char) 0);
    if (any == null || any.charAt(0) != '2') {
      return any;
    }
    String failure = findReplyOfClass(text, '5');
    if (failure == null) {
      failure = findReplyOfClass(text, '4');
    }
    return failure != null ? failure : any;
  }

  private static String findReplyOfClass(String text, char wantedClass) {
    if (text == null || text.length() < 3) {
      return null;
    }
    int n = text.length();
    for (int i = 0; i + 3 <= n; i++) {
      char c = text.charAt(i);
      if (c != '2' && c != '4' && c != '5') {
        continue;
      }
      if (wantedClass != 0 && c != wantedClass) {
        continue;
      }
      if (i > 0) {
        char p = text.charAt(i - 1);
        if (Character.isLetterOrDigit(p)
            || p == '.'
            || p == '/'
            || p == '-'
            || p == '+'
            || p == '='
            || p == '_') {
          continue;
        }
      }
      char b = text.charAt(i + 1);
      char d = text.charAt(i + 2);
      if (!Character.isDigit(b) || !Character.isDigit(d)) {
        continue;
      }
      if (i + 3 < n) {
        char f = text.charAt(i + 3);
        if (Character.isLetterOrDigit(f)
            || f == '/'
            || f == '@'
            || f == ':' && i + 4 < n && Character.isDigit(text.charAt(i + 4))) {
          continue;
        }
        if ((f == '.' || f == ',') && i + 4 < n && Character.isDigit(text.charAt(i + 4))) {
          continue;
        }
      }
      int code = (c - '0') * 100 + (b - '0') * 10 + (d - '0');
      if (isReplyCode(code)) {
        return text.substring(i, i + 3);
      }
    }
    return null;
  }

  /**
   * The SMTP command the text says the failure answered (the last one mentioned), or null. {@code
   * lower} is lower case.
   */
  static String findCommand(String lower) {
    if (lower == null || lower.isEmpty()) {
      return null;
    }
    // in a session transcript the failing command is the last one mentioned
    int best = -1;
    String found = null;
    for (String[] p : COMMAND_PHRASES) {
      int at = lower.lastIndexOf(p[0]);
      if (at > best) {
        best = at;
        found = p[1];
      }
    }
    return found;
  }

  private static final String[][] COMMAND_PHRASES = {
    {"in reply to rcpt to", "RCPT"},
    {"like our rcpt to", "RCPT"},
    {"like our mail from", "MAIL"},
    {"like our final data", "DATA"},
    {"like our data", "DATA"},
    {"[rcpt_to]", "RCPT"},
    {"smtp:rcpt", "RCPT"},
    {"[mail_from]", "MAIL"},
    {"smtp:mail", "MAIL"},
    {"smtp:data", "DATA"},
    {"after rcpt command", "RCPT"},
    {"after rcpt to", "RCPT"},
    {">>> rcpt to", "RCPT"},
    {"rcpt to:<", "RCPT"},
    {"rcpt to: <", "RCPT"},
    {"response to rcpt to", "RCPT"},
    {"most progress was rcpt to", "RCPT"},
    {"for rcpt to response", "RCPT"},
    {"rcpt to response", "RCPT"},
    {"in reply to mail from", "MAIL"},
    {"after mail from", "MAIL"},
    {">>> mail from", "MAIL"},
    {"mail from:<", "MAIL"},
    {"in reply to end of data", "DATA"},
    {"after end of data", "DATA"},
    {"in reply to data", "DATA"},
    {"after data", "DATA"},
    {">>> data", "DATA"},
    {"in reply to end of message", "DATA"},
    {"after the end of data", "DATA"},
    {"after initial connection", "CONN"},
    {"in reply to ehlo", "EHLO"},
    {"in reply to helo", "HELO"},
    {"after ehlo", "EHLO"},
    {"after helo", "HELO"},
    {">>> ehlo", "EHLO"},
    {">>> helo", "HELO"},
    {"in reply to starttls", "STARTTLS"},
    {"after starttls", "STARTTLS"},
    {"in reply to auth", "AUTH"},
    {"in reply to bdat", "BDAT"}
  };
}
