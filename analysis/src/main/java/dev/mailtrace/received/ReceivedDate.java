package dev.mailtrace.received;

import dev.mailtrace.header.DateParser;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Finding and reading the date of a Received field.
 *
 * <p>RFC 5322 section 3.6.7 puts the date after the last {@code ;}. Real MTAs also write it with no
 * {@code ;} (SendGrid, some Exchange and Lotus versions), in ISO form with fractional seconds
 * ({@code 2018-03-26 13:35:36.270951634 +0000 UTC}), in C {@code asctime} form ({@code Sun Nov 13
 * 14:50:12 2005}) or followed by comments and clauses. The general {@link DateParser} reads the
 * text first; this reader is the fallback for the Received-only forms, and it keeps milliseconds,
 * which delay arithmetic needs.
 */
final class ReceivedDate {
  private ReceivedDate() {}

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  /**
   * The date in {@code text}, or null. With {@code needTime} a date without a time of day is
   * refused (used when no {@code ;} marks the date, so a lone "22 Apr 2018" is weak evidence).
   */
  static OffsetDateTime read(String text, boolean needTime) {
    Fields f = scan(text);
    if (f == null || (needTime && f.hour < 0)) {
      return null;
    }
    OffsetDateTime general = null;
    if (f.hour >= 0) {
      general = DateParser.parse(text.strip());
    }
    if (general != null) {
      // the general parser may drop fractional seconds; Received delays need milliseconds
      if (general.getNano() == 0 && f.nanos > 0) {
        general = general.withNano(f.nanos);
      }
      return general;
    }
    return f.toDate();
  }

  /** True when the token at {@code t} can start a date in a field without {@code ;}. */
  static boolean startsDate(ReceivedTokens t, int i) {
    if (!t.isWord(i)) {
      return false;
    }
    String w = t.text(i);
    if (dayIndex(w) >= 0) {
      return true;
    }
    if (isIsoDate(w, 0, w.length())) {
      return true;
    }
    int n = w.length();
    return n <= 2 && allDigits(w, 0, n) && t.isWord(i + 1) && monthIndex(t.text(i + 1)) >= 0;
  }

  private static final class Fields {
    int year = -1;
    int month = -1;
    int day = -1;
    int hour = -1;
    int minute = -1;
    int second = 0;
    int nanos = 0;
    Integer offsetSeconds;
    Integer namedOffsetSeconds;

    OffsetDateTime toDate() {
      if (year < 0 || month < 0 || day < 0) {
        return null;
      }
      int y = year;
      // RFC 5322 section 4.3: two-digit years 00-49 are 20xx, 50-99 19xx; three digits add 1900
      if (y < 50) {
        y += 2000;
      } else if (y < 1000) {
        y += 1900;
      }
      int h = Math.max(hour, 0);
      int m = Math.max(minute, 0);
      int s = Math.min(second, 59); // a leap second 60 is read as 59
      Integer off = offsetSeconds != null ? offsetSeconds : namedOffsetSeconds;
      try {
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(off == null ? 0 : off);
        return OffsetDateTime.of(LocalDateTime.of(y, month, day, h, m, s, nanos), zone);
      } catch (DateTimeException e) {
        return null; // out-of-range parts (month 14, hour 36): no date rather than a wrong one
      }
    }
  }

  /** Reads the parts of a date, ignoring comments and words that are not date parts. */
  private static Fields scan(String text) {
    Fields f = new Fields();
    int n = Math.min(text.length(), 512);
    int depth = 0;
    int i = 0;
    boolean any = false;
    while (i < n) {
      char ch = text.charAt(i);
      if (ch == '(') {
        depth++;
        i++;
        continue;
      }
      if (ch == ')') {
        depth = Math.max(0, depth - 1);
        i++;
        continue;
      }
      if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ',' || ch == ';') {
        i++;
        continue;
      }
      int j = i;
      while (j < n) {
        char c = text.charAt(j);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';' || c == '(' || c == ')') {
          break;
        }
        j++;
      }
      if (depth == 0) {
        if (complete(f) && f.offsetSeconds != null) {
          break; // a whole date was read; what follows (clauses, junk) is not part of it
        }
        any |= piece(f, text, i, j);
      }
      i = j;
    }
    return any ? f : null;
  }

  private static boolean complete(Fields f) {
    return f.year >= 0 && f.month >= 0 && f.day >= 0 && f.hour >= 0;
  }

  /** Reads one piece; true when it was a date part. */
  private static boolean piece(Fields f, String s, int from, int to) {
    int len = to - from;
    char c0 = s.charAt(from);
    if (isIsoDate(s, from, to) || isIsoDateTime(s, from, to)) {
      f.year = num(s, from, from + 4);
      int d1 = s.indexOf('-', from + 5);
      f.month = num(s, from + 5, d1);
      int dayEnd = d1 + 1;
      while (dayEnd < to && isDigit(s.charAt(dayEnd))) {
        dayEnd++;
      }
      f.day = num(s, d1 + 1, dayEnd);
      if (dayEnd < to && (s.charAt(dayEnd) == 'T' || s.charAt(dayEnd) == 't')) {
        time(f, s, dayEnd + 1, to);
      }
      return true;
    }
    if (isDigit(c0) && s.indexOf(':', from) > 0 && s.indexOf(':', from) < to) {
      return f.hour < 0 && time(f, s, from, to);
    }
    if ((c0 == '+' || c0 == '-') && len >= 3 && isDigit(s.charAt(from + 1))) {
      if (f.offsetSeconds == null && f.hour >= 0) {
        Integer off = numericOffset(s, from, to);
        if (off != null) {
          f.offsetSeconds = off;
          return true;
        }
      }
      return false;
    }
    if (allDigits(s, from, to)) {
      int v = num(s, from, to);
      if (len <= 2 && f.day < 0 && (f.year < 0 || f.month >= 0)) {
        f.day = v;
        return true;
      }
      if (f.year < 0 && len <= 4 && (f.day >= 0 || f.month >= 0 || len == 4)) {
        f.year = v;
        return true;
      }
      return false;
    }
    if (isLetter(c0)) {
      int dash = s.indexOf('-', from);
      if (dash > from && dash < to) {
        return dashedDate(f, s, from, to);
      }
      String w = s.substring(from, to);
      int m = monthIndex(w);
      if (m >= 0 && f.month < 0) {
        f.month = m + 1;
        return true;
      }
      if (dayIndex(w) >= 0) {
        return true;
      }
      Integer zone = namedZone(w);
      if (zone != null && f.hour >= 0) {
        if (f.namedOffsetSeconds == null) {
          f.namedOffsetSeconds = zone;
        }
        return true;
      }
      return false;
    }
    if (isDigit(c0) && s.indexOf('-', from) > from && s.indexOf('-', from) < to) {
      return dashedDate(f, s, from, to);
    }
    return false;
  }

  /** {@code 26-Mar-2018}. */
  private static boolean dashedDate(Fields f, String s, int from, int to) {
    int a = s.indexOf('-', from);
    int b = s.indexOf('-', a + 1);
    if (b < 0 || b >= to || !allDigits(s, from, a) || !allDigits(s, b + 1, to) || f.day >= 0) {
      return false;
    }
    int m = monthIndex(s.substring(a + 1, b));
    if (m < 0 || a - from > 2) {
      return false;
    }
    f.day = num(s, from, a);
    f.month = m + 1;
    f.year = num(s, b + 1, to);
    return true;
  }

  /** {@code hh:mm[:ss[.fraction]]} with an optional zone glued on ({@code Z}, {@code +0200}). */
  private static boolean time(Fields f, String s, int from, int to) {
    int i = from;
    int[] parts = {-1, -1, 0};
    for (int p = 0; p < 3 && i < to; p++) {
      int st = i;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == st || i - st > 2) {
        return false;
      }
      parts[p] = num(s, st, i);
      if (i < to && s.charAt(i) == ':' && p < 2) {
        i++;
      } else {
        break;
      }
    }
    if (parts[1] < 0 || parts[0] > 23 || parts[1] > 59 || parts[2] > 60) {
      return false;
    }
    int nanos = 0;
    if (i < to && s.charAt(i) == '.') {
      i++;
      int scale = 100_000_000;
      while (i < to && isDigit(s.charAt(i))) {
        nanos += (s.charAt(i) - '0') * scale;
        scale /= 10;
        i++;
      }
    }
    f.hour = parts[0];
    f.minute = parts[1];
    f.second = parts[2];
    f.nanos = nanos;
    if (i < to) {
      char z = s.charAt(i);
      if (z == 'Z' || z == 'z') {
        f.offsetSeconds = 0;
      } else if (z == '+' || z == '-') {
        Integer off = numericOffset(s, i, to);
        if (off != null) {
          f.offsetSeconds = off;
        }
      }
    }
    return true;
  }

  /** {@code +hhmm}, {@code -hhmm}, {@code +hh:mm} or {@code +hh}; null otherwise. */
  private static Integer numericOffset(String s, int from, int to) {
    int sign = s.charAt(from) == '-' ? -1 : 1;
    int i = from + 1;
    int h;
    int m;
    if (to - i == 4 && allDigits(s, i, to)) {
      h = num(s, i, i + 2);
      m = num(s, i + 2, i + 4);
    } else if (to - i == 5 && s.charAt(i + 2) == ':' && allDigits(s, i, i + 2) && allDigits(s, i + 3, to)) {
      h = num(s, i, i + 2);
      m = num(s, i + 3, i + 5);
    } else if (to - i == 2 && allDigits(s, i, to)) {
      h = num(s, i, to);
      m = 0;
    } else {
      return null;
    }
    if (h > 18 || m > 59) {
      return null;
    }
    return sign * (h * 3600 + m * 60);
  }

  /** RFC 5322 section 4.3 zone names plus a few common abbreviations; military zones as -0000. */
  private static Integer namedZone(String w) {
    String z = w.toUpperCase(java.util.Locale.ROOT);
    int hours =
        switch (z) {
          case "UT", "UTC", "GMT", "Z", "WET" -> 0;
          case "EST" -> -5;
          case "EDT", "AST" -> -4;
          case "CST" -> -6;
          case "CDT" -> -5;
          case "MST" -> -7;
          case "MDT" -> -6;
          case "PST" -> -8;
          case "PDT" -> -7;
          case "CET", "MET", "BST", "WEST" -> 1;
          case "CEST", "MEST", "EET" -> 2;
          case "EEST", "MSK" -> 3;
          case "HKT", "AWST" -> 8;
          case "JST", "KST" -> 9;
          case "AEST" -> 10;
          case "AEDT" -> 11;
          case "NZST" -> 12;
          case "NZDT" -> 13;
          default -> Integer.MIN_VALUE;
        };
    if (hours == Integer.MIN_VALUE) {
      return z.length() == 1 && z.charAt(0) >= 'A' && z.charAt(0) <= 'Z' && z.charAt(0) != 'J' ? 0 : null;
    }
    return hours * 3600;
  }

  static int monthIndex(String w) {
    if (w.length() < 3 || w.length() > 9) {
      return -1;
    }
    for (int m = 0; m < 12; m++) {
      if (IpAddress.regionIgnoreCase(w, 0, MONTHS[m]) && allLetters(w)) {
        return m;
      }
    }
    return -1;
  }

  static int dayIndex(String w) {
    int n = w.length();
    if (n > 0 && (w.charAt(n - 1) == ',' || w.charAt(n - 1) == '.')) {
      n--;
    }
    if (n < 3 || n > 9) {
      return -1;
    }
    String core = w.substring(0, n);
    if (!allLetters(core)) {
      return -1;
    }
    for (int d = 0; d < 7; d++) {
      if (IpAddress.regionIgnoreCase(core, 0, DAYS[d]) && (n == 3 || core.toLowerCase(java.util.Locale.ROOT).endsWith("day"))) {
        return d;
      }
    }
    return -1;
  }

  /** {@code yyyy-m-d} exactly. */
  private static boolean isIsoDate(String s, int from, int to) {
    if (to - from < 8 || to - from > 10 || !allDigits(s, from, from + 4) || s.charAt(from + 4) != '-') {
      return false;
    }
    int d1 = s.indexOf('-', from + 5);
    return d1 > from + 5 && d1 < to - 1 && d1 - from <= 7 && allDigits(s, from + 5, d1) && allDigits(s, d1 + 1, to) && to - d1 <= 3;
  }

  /** {@code yyyy-mm-ddThh:mm...}. */
  private static boolean isIsoDateTime(String s, int from, int to) {
    int t = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == 'T' || c == 't') {
        t = i;
        break;
      }
    }
    return t > 0 && isIsoDate(s, from, t);
  }

  private static boolean allDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isLetter(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int num(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to && i - from < 9; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
