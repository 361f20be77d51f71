package dev.mailtrace.header;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * RFC 5322 section 3.3 dates and their obsolete and real-world variants, found anywhere in a text.
 *
 * <p>A small tokenizer (numbers, words, signs; comments and folding skipped) feeds three patterns,
 * tried at every token from the left; the first that fits wins, so the date after the ';' of a
 * Received field is found among the clauses before it:
 *
 * <ul>
 *   <li>day-first: {@code [Tue,] 3 Oct 2023 10:00[:00] [zone]}, also {@code 03-Oct-23} (RFC 850);
 *   <li>month-first: asctime {@code Tue Oct  3 10:00:00 [zone] 2023} and {@code Oct 3, 2023 10:00};
 *   <li>ISO 8601: {@code 2023-10-03[T ]10:00[:00[.fff]][Z|+02:00|+0200]}, or a bare ISO date.
 * </ul>
 *
 * <p>Decisions for what the RFC does not settle: two-digit years below 50 are 20xx, others 19xx,
 * three-digit years add 1900 (section 4.3); month names in any case and as any prefix of at least
 * three letters of the English name; zones as {@code +hhmm}, {@code +hh:mm}, {@code +hh}, {@code
 * GMT+2}, UT/GMT/UTC/Z and the US names of section 4.3 plus a few common European and Asian
 * abbreviations. Military single letters, unknown names, a missing zone and {@code -0000} all give
 * offset zero (section 4.3 says their meaning is unknown; UTC is the usual reading). Out-of-range
 * values are repaired, not rejected: seconds 60 and 61 (leap seconds) become 59, hour 24 rolls over
 * to midnight of the next day, and a day past the end of its month becomes the month's last day; a
 * month outside 1-12, an hour above 24 or a minute above 59 is no date. An AM/PM marker after the
 * time is honoured.
 */
public final class DateParser {
  private static final int NUM = 1;
  private static final int WORD = 2;
  private static final int PLUS = 3;
  private static final int MINUS = 4;
  private static final int COLON = 5;
  private static final int DOT = 6;
  private static final int COMMA = 7;
  private static final int SLASH = 8;
  private static final int OTHER = 9;

  private static final String[] MONTHS = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"
  };

  private DateParser() {}

  /**
   * The first date in {@code value} with its original offset, or null when no date can be read.
   * See the class description for the forms read and the repairs made.
   */
  public static OffsetDateTime parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    Tokens t = new Tokens(value);
    if (t.count == 0) {
      return null;
    }
    Fields f = new Fields();
    for (int i = 0; i < t.count; i++) {
      int k = t.kind[i];
      if (k == NUM) {
        if ((t.digits(i) <= 2 && dayFirst(t, i, f)) || (t.digits(i) == 4 && iso(t, i, f))) {
          OffsetDateTime d = f.build();
          if (d != null) {
            return d;
          }
        }
      } else if (k == WORD && monthFirst(t, i, f)) {
        OffsetDateTime d = f.build();
        if (d != null) {
          return d;
        }
      }
    }
    return null;
  }

  /** {@code 3 Oct 2023 10:00:00 +0200}, separators '-', '/' or '.' allowed between the parts. */
  private static boolean dayFirst(Tokens t, int i, Fields f) {
    f.reset();
    f.day = t.num[i];
    int p = i + 1;
    if (t.is(p, DOT)) {
      p++; // "3. Oct"
    }
    p = t.skipDateSeparator(p);
    int month = t.month(p);
    if (month == 0) {
      return false;
    }
    f.month = month;
    p = t.skipDateSeparator(p + 1);
    if (!t.is(p, NUM) || t.is(p + 1, COLON)) {
      return false;
    }
    f.year = year(t.num[p], t.digits(p));
    if (f.year < 0) {
      return false;
    }
    p++;
    if (t.is(p, COMMA)) {
      p++;
    }
    if (t.isWord(p, "at")) {
      p++;
    }
    int q = time(t, p, f);
    if (q < 0) {
      return false;
    }
    zone(t, q, f);
    return true;
  }

  /** asctime {@code Oct  3 10:00:00 [UTC] 2023} and US style {@code Oct 3, 2023 10:00}. */
  private static boolean monthFirst(Tokens t, int i, Fields f) {
    int month = t.month(i);
    if (month == 0 || !t.is(i + 1, NUM) || t.digits(i + 1) > 2) {
      return false;
    }
    f.reset();
    f.month = month;
    f.day = t.num[i + 1];
    int p = i + 2;
    if (t.is(p, COMMA)) {
      p++;
    }
    if (t.is(p, NUM) && !t.is(p + 1, COLON)) {
      f.year = year(t.num[p], t.digits(p));
      if (f.year < 0) {
        return false;
      }
      p++;
      if (t.is(p, COMMA)) {
        p++;
      }
      if (t.isWord(p, "at")) {
        p++;
      }
      int q = time(t, p, f);
      if (q < 0) {
        return false;
      }
      zone(t, q, f);
      return true;
    }
    int q = time(t, p, f);
    if (q < 0) {
      return false;
    }
    // The zone may stand before the year (date(1) output) or after it.
    int afterZone = zone(t, q, f);
    if (t.is(afterZone, NUM) && t.digits(afterZone) == 4) {
      f.year = t.num[afterZone];
      if (afterZone == q) {
        zone(t, afterZone + 1, f);
      }
      return true;
    }
    return false;
  }

  /** {@code 2023-10-03[T]10:00[:00[.fff]][zone]}, or just the date (midnight UTC). */
  private static boolean iso(Tokens t, int i, Fields f) {
    int p = i + 1;
    int sep = t.is(p, MINUS) ? MINUS : t.is(p, SLASH) ? SLASH : 0;
    if (sep == 0
        || !t.is(p + 1, NUM)
        || t.digits(p + 1) > 2
        || !t.is(p + 2, sep)
        || !t.is(p + 3, NUM)
        || t.digits(p + 3) > 2
        || t.space[p] // the parts of an ISO date are written together
        || t.space[p + 1]
        || t.space[p + 2]
        || t.space[p + 3]) {
      return false;
    }
    f.reset();
    f.year = t.num[i];
    f.month = t.num[p + 1];
    f.day = t.num[p + 3];
    p += 4;
    if (t.isWord(p, "t")) {
      p++;
    }
    int q = time(t, p, f);
    if (q < 0) {
      f.hour = 0;
      f.minute = 0;
      f.second = 0;
      return true;
    }
    zone(t, q, f);
    return true;
  }

  /** Reads {@code hh:mm[:ss[.fff]] [am|pm]} at {@code p}; the index after it, or -1. */
  private static int time(Tokens t, int p, Fields f) {
    if (!t.is(p, NUM) || t.digits(p) > 2 || !t.is(p + 1, COLON) || !t.is(p + 2, NUM)) {
      return -1;
    }
    if (t.digits(p + 2) != 2) {
      return -1;
    }
    f.hour = t.num[p];
    f.minute = t.num[p + 2];
    f.second = 0;
    p += 3;
    if (t.is(p, COLON) && t.is(p + 1, NUM) && t.digits(p + 1) <= 2) {
      f.second = t.num[p + 1];
      p += 2;
      if ((t.is(p, DOT) || t.is(p, COMMA)) && t.is(p + 1, NUM) && !t.space[p] && !t.space[p + 1]) {
        p += 2; // fractions of a second are dropped
      }
    }
    if (t.isWord(p, "am") || t.isWord(p, "pm")) {
      if (f.hour > 12) {
        return -1;
      }
      boolean pm = Character.toLowerCase(t.text.charAt(t.start[p])) == 'p';
      f.hour = f.hour % 12 + (pm ? 12 : 0);
      p++;
    }
    return p;
  }

  /** Reads an optional zone at {@code p} into {@code f.offsetMinutes}; the index after it. */
  private static int zone(Tokens t, int p, Fields f) {
    f.offsetMinutes = 0;
    if (p >= t.count) {
      return p;
    }
    int k = t.kind[p];
    if (k == PLUS || k == MINUS) {
      int q = numericOffset(t, p, f);
      return q < 0 ? p : q;
    }
    if (k == WORD) {
      int named = namedZone(t.text, t.start[p], t.end[p]);
      if (named == Integer.MIN_VALUE) {
        return p;
      }
      f.offsetMinutes = named;
      // "GMT+0200", "UTC+2"
      if ((t.is(p + 1, PLUS) || t.is(p + 1, MINUS)) && !t.space[p + 1] && named == 0) {
        int q = numericOffset(t, p + 1, f);
        if (q > 0) {
          return q;
        }
      }
      return p + 1;
    }
    return p;
  }

  /** {@code +hhmm}, {@code +hh:mm}, {@code +hh}, {@code +h}; the index after it, or -1. */
  private static int numericOffset(Tokens t, int p, Fields f) {
    if (!t.is(p + 1, NUM) || t.space[p + 1]) {
      return -1;
    }
    int sign = t.kind[p] == MINUS ? -1 : 1;
    int n = t.num[p + 1];
    int digits = t.digits(p + 1);
    int hours;
    int minutes;
    int q = p + 2;
    if (digits == 4 || digits == 3) {
      hours = n / 100;
      minutes = n % 100;
    } else if (digits <= 2) {
      hours = n;
      minutes = 0;
      if (t.is(q, COLON) && t.is(q + 1, NUM) && t.digits(q + 1) == 2 && !t.space[q]) {
        minutes = t.num[q + 1];
        q += 2;
      }
    } else {
      return -1;
    }
    if (minutes > 59 || hours > 18) {
      f.offsetMinutes = 0; // nonsense offset: the time itself is still worth having
      return q;
    }
    f.offsetMinutes = sign * (hours * 60 + minutes);
    return q;
  }

  /** Offset in minutes for a zone name, 0 for unknown words that look like zones, else MIN_VALUE. */
  static int namedZone(String s, int start, int end) {
    int len = end - start;
    if (len == 1) {
      return 0; // RFC 5322 section 4.3: military zones are unreliable, read as -0000
    }
    if (len > 5) {
      return Integer.MIN_VALUE;
    }
    String z = s.substring(start, end).toUpperCase(java.util.Locale.ROOT);
    return switch (z) {
      case "UT", "UTC", "GMT", "WET", "Z", "ZULU" -> 0;
      case "EST" -> -5 * 60;
      case "EDT" -> -4 * 60;
      case "CST" -> -6 * 60;
      case "CDT" -> -5 * 60;
      case "MST" -> -7 * 60;
      case "MDT" -> -6 * 60;
      case "PST" -> -8 * 60;
      case "PDT" -> -7 * 60;
      case "AKST" -> -9 * 60;
      case "AKDT" -> -8 * 60;
      case "HST" -> -10 * 60;
      case "AST" -> -4 * 60;
      case "ADT" -> -3 * 60;
      case "NST" -> -(3 * 60 + 30);
      case "NDT" -> -(2 * 60 + 30);
      case "BST", "CET", "MET", "WEST" -> 60;
      case "CEST", "MEST", "MESZ", "EET" -> 2 * 60;
      case "MEZ" -> 60;
      case "EEST", "MSK" -> 3 * 60;
      case "IST" -> 5 * 60 + 30;
      case "HKT", "SGT", "AWST" -> 8 * 60;
      case "JST", "KST" -> 9 * 60;
      case "AEST" -> 10 * 60;
      case "AEDT" -> 11 * 60;
      case "NZST" -> 12 * 60;
      case "NZDT" -> 13 * 60;
      default -> 0; // unknown zone name: offset unknown, read as -0000
    };
  }

  /** Full year from 2, 3 or 4 digits (RFC 5322 section 4.3), or -1. */
  private static int year(int n, int digits) {
    return switch (digits) {
      case 4 -> n;
      case 3 -> n + 1900;
      case 2 -> n < 50 ? 2000 + n : 1900 + n;
      default -> -1;
    };
  }

  /** The fields of a candidate date; {@link #build} validates and repairs them. */
  private static final class Fields {
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int offsetMinutes;

    void reset() {
      year = month = day = hour = minute = second = offsetMinutes = 0;
    }

    OffsetDateTime build() {
      if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999) {
        return null;
      }
      if (hour > 24 || minute > 59 || second > 61) {
        return null;
      }
      int lastDay = YearMonth.of(year, month).lengthOfMonth();
      LocalDateTime local =
          LocalDateTime.of(
              year, month, Math.min(day, lastDay), hour == 24 ? 0 : hour, minute, Math.min(second, 59));
      if (hour == 24) {
        local = local.plusDays(1);
      }
      return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }
  }

  /** Tokens of a date text: numbers, letter runs and single punctuation; comments dropped. */
  private static final class Tokens {
    final String text;
    int count;
    int[] kind = new int[24];
    int[] start = new int[24];
    int[] end = new int[24];
    int[] num = new int[24];
    boolean[] space = new boolean[24]; // whitespace or a comment before the token

    Tokens(String s) {
      text = s;
      int n = s.length();
      int i = 0;
      boolean sawSpace = true;
      while (i < n) {
        char c = s.charAt(i);
        if (c <= ' ') {
          sawSpace = true;
          i++;
        } else if (c == '(') {
          i = skipComment(s, i);
          sawSpace = true;
        } else if (c >= '0' && c <= '9') {
          int j = i;
          int v = 0;
          while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            if (j - i < 9) {
              v = v * 10 + (s.charAt(j) - '0');
            }
            j++;
          }
          add(NUM, i, j, v, sawSpace);
          sawSpace = false;
          i = j;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          int j = i;
          while (j < n && isLetter(s.charAt(j))) {
            j++;
          }
          add(WORD, i, j, 0, sawSpace);
          sawSpace = false;
          i = j;
        } else {
          int k =
              switch (c) {
                case '+' -> PLUS;
                case '-' -> MINUS;
                case ':' -> COLON;
                case '.' -> DOT;
                case ',' -> COMMA;
                case '/' -> SLASH;
                default -> OTHER;
              };
          add(k, i, i + 1, 0, sawSpace);
          sawSpace = false;
          i++;
        }
      }
    }

    private static boolean isLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Skips a nested comment with quoted pairs (RFC 5322 section 3.2.2); index after it. */
    private static int skipComment(String s, int i) {
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

    private void add(int k, int s, int e, int v, boolean sp) {
      if (count == kind.length) {
        int len = count * 2;
        kind = Arrays.copyOf(kind, len);
        start = Arrays.copyOf(start, len);
        end = Arrays.copyOf(end, len);
        num = Arrays.copyOf(num, len);
        space = Arrays.copyOf(space, len);
      }
      kind[count] = k;
      start[count] = s;
      end[count] = e;
      num[count] = v;
      space[count] = sp;
      count++;
    }

    boolean is(int i, int k) {
      return i < count && kind[i] == k;
    }

    int digits(int i) {
      return end[i] - start[i];
    }

    boolean isWord(int i, String w) {
      return i < count
          && kind[i] == WORD
          && end[i] - start[i] == w.length()
          && text.regionMatches(true, start[i], w, 0, w.length());
    }

    /** Skips a '-', '/' or '.' written between date parts ("03-Oct-2023"). */
    int skipDateSeparator(int p) {
      if ((is(p, MINUS) || is(p, SLASH) || is(p, DOT)) && !space[p]) {
        return p + 1;
      }
      return p;
    }

    /** The month (1-12) named by the word at {@code i}, or 0. */
    int month(int i) {
      if (i >= count || kind[i] != WORD) {
        return 0;
      }
      int len = end[i] - start[i];
      if (len < 3) {
        return 0;
      }
      char c0 = Character.toLowerCase(text.charAt(start[i]));
      for (int m = 0; m < 12; m++) {
        String name = MONTHS[m];
        if (name.charAt(0) == c0
            && len <= name.length()
            && text.regionMatches(true, start[i], name, 0, len)) {
          return m + 1;
        }
      }
      // Common non-English abbreviations seen in Date fields written by hand-made software.
      if (len == 3) {
        String w = text.substring(start[i], end[i]).toLowerCase(java.util.Locale.ROOT);
        return switch (w) {
          case "mai" -> 5;
          case "okt" -> 10;
          case "dez" -> 12;
          case "mrz" -> 3;
          default -> 0;
        };
      }
      return 0;
    }
  }
}
