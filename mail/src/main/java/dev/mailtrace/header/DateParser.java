package dev.mailtrace.header;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
 *   <li>month-first: asctime {@code Tue Oct 3 10:00:00 [zone] 2023} (the day may be padded with a
 *       space) and {@code Oct 3, 2023 10:00};
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
 * time is honoured, and fractions of a second ({@code 10:00:00.123}) are kept.
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

  // What a pattern found.
  private static final int NONE = 0;
  private static final int FULL = 1;
  private static final int DATE_ONLY = 2;

  /**
   * Month names, twelve slots per language ('|' between spellings of one month): English first,
   * then German, French, Spanish, Italian, Portuguese and Dutch as localized mail software writes
   * them. A word names a month when it is a prefix of at least three letters of names that all mean
   * the same month ("jui" is June or July: no month).
   */
  private static final String[] MONTHS_BY_LANGUAGE = {
    "january february march april may june july august september october november december",
    "januar februar märz|mrz april mai juni juli august september oktober november dezember",
    "janvier février|fevrier mars avril mai juin juillet août|aout septembre octobre novembre"
        + " décembre|decembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre noviembre"
        + " diciembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "janeiro fevereiro março|marco abril maio junho julho agosto setembro outubro novembro"
        + " dezembro",
    "januari februari maart april mei juni juli augustus september oktober november december",
  };

  private static final String[] MONTH_NAMES;
  private static final int[] MONTH_NUMBERS;

  static {
    java.util.List<String> names = new java.util.ArrayList<>();
    java.util.List<Integer> numbers = new java.util.ArrayList<>();
    for (String language : MONTHS_BY_LANGUAGE) {
      String[] slots = language.split(" ");
      for (int m = 0; m < 12; m++) {
        for (String name : slots[m].split("\\|")) {
          names.add(name);
          numbers.add(m + 1);
        }
      }
    }
    MONTH_NAMES = names.toArray(new String[0]);
    MONTH_NUMBERS = numbers.stream().mapToInt(Integer::intValue).toArray();
  }

  private DateParser() {}

  /**
   * The first date in {@code value} with its original offset, or null when no date can be read. See
   * the class description for the forms read and the repairs made.
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
    OffsetDateTime dateOnly = null; // a date without time, used when no full date turns up
    for (int i = 0; i < t.count; i++) {
      int k = t.kind[i];
      int found = NONE;
      if (k == NUM) {
        int digits = t.digits(i);
        if (digits <= 3) {
          found = dayFirst(t, i, f);
        }
        if (found == NONE && digits <= 2) {
          found = numeric(t, i, f);
        }
        if (found == NONE && digits == 4) {
          found = iso(t, i, f);
        }
      } else if (k == WORD) {
        found = monthFirst(t, i, f);
      }
      if (found != NONE) {
        OffsetDateTime d = f.build();
        if (d != null) {
          if (found == FULL) {
            return d;
          }
          if (dateOnly == null) {
            dateOnly = d;
          }
        }
      }
    }
    return dateOnly;
  }

  /**
   * {@code 3 Oct 2023 10:00:00 +0200}, separators '-', '/' or '.' allowed between the parts; a time
   * written just before the date ({@code 16:21:07 Mon, 22 Dec 2014}) is taken too.
   */
  private static int dayFirst(Tokens t, int i, Fields f) {
    f.reset();
    f.day = t.num[i];
    int p = i + 1;
    if (t.is(p, DOT)) {
      p++; // "3. Oct"
    }
    p = t.skipDateSeparator(p);
    int month = t.month(p);
    if (month == 0) {
      return NONE;
    }
    f.month = month;
    p = t.skipDateSeparator(p + 1);
    if (!t.is(p, NUM) || t.is(p + 1, COLON)) {
      return NONE;
    }
    f.year = year(t.num[p], t.digits(p));
    if (f.year < 0) {
      return NONE;
    }
    p++;
    int afterYear = p;
    if (t.is(p, COMMA)) {
      p++;
    }
    if (t.isWord(p, "at") || t.isWord(p, "um") || t.isWord(p, "a") || t.isWord(p, "om")) {
      p++;
    }
    int q = time(t, p, f);
    if (q < 0) {
      if (!timeBefore(t, i, f)) {
        return DATE_ONLY;
      }
      q = afterYear;
    }
    zone(t, q, f);
    return FULL;
  }

  /** A time ending at most three words before the date at {@code i}. */
  private static boolean timeBefore(Tokens t, int i, Fields f) {
    for (int p = Math.max(0, i - 10); p < i; p++) {
      if (t.kind[p] != NUM) {
        continue;
      }
      int q = time(t, p, f);
      if (q > 0 && q <= i && i - q <= 3) {
        boolean words = true;
        for (int r = q; r < i; r++) {
          words &= t.kind[r] == WORD || t.kind[r] == COMMA;
        }
        if (words) {
          return true;
        }
      }
    }
    f.hour = f.minute = f.second = f.nanos = 0;
    return false;
  }

  /**
   * Numeric {@code dd-mm-yyyy}, {@code dd.mm.yyyy} and {@code mm/dd/yyyy} followed by a time
   * (without one, a bare numeric date is too likely to be something else). The order is fixed by a
   * part above 12 when there is one, else by the separator as the habits go: '/' US month-first,
   * '-' and '.' day-first.
   */
  private static int numeric(Tokens t, int i, Fields f) {
    int p = i + 1;
    int sep = t.is(p, MINUS) ? MINUS : t.is(p, SLASH) ? SLASH : t.is(p, DOT) ? DOT : 0;
    if (sep == 0
        || !t.is(p + 1, NUM)
        || t.digits(p + 1) > 2
        || !t.is(p + 2, sep)
        || !t.is(p + 3, NUM)
        || t.digits(p + 3) != 4
        || t.space[p]
        || t.space[p + 1]
        || t.space[p + 2]
        || t.space[p + 3]) {
      return NONE;
    }
    f.reset();
    int a = t.num[i];
    int b = t.num[p + 1];
    boolean monthFirst = a <= 12 && (b > 12 || sep == SLASH);
    f.day = monthFirst ? b : a;
    f.month = monthFirst ? a : b;
    f.year = t.num[p + 3];
    p += 4;
    if (t.is(p, COMMA)) {
      p++;
    }
    return timeAndZone(t, p, f);
  }

  /** The time at {@code p} and the zone after it: a full date, or none without a time. */
  private static int timeAndZone(Tokens t, int p, Fields f) {
    int q = time(t, p, f);
    if (q < 0) {
      return NONE;
    }
    zone(t, q, f);
    return FULL;
  }

  /** asctime {@code Oct 3 10:00:00 [UTC] 2023} and US style {@code Oct 3, 2023 10:00}. */
  private static int monthFirst(Tokens t, int i, Fields f) {
    int month = t.month(i);
    if (month == 0 || !t.is(i + 1, NUM) || t.digits(i + 1) > 2) {
      return NONE;
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
        return NONE;
      }
      p++;
      if (t.is(p, COMMA)) {
        p++;
      }
      if (t.isWord(p, "at")) {
        p++;
      }
      return timeAndZone(t, p, f);
    }
    int q = time(t, p, f);
    if (q < 0) {
      return NONE;
    }
    // The zone may stand before the year (date(1) output) or after it.
    int afterZone = zone(t, q, f);
    if (t.is(afterZone, NUM) && t.digits(afterZone) == 4) {
      f.year = t.num[afterZone];
      if (afterZone == q) {
        zone(t, afterZone + 1, f);
      }
      return FULL;
    }
    return NONE;
  }

  /** {@code 2023-10-03[T]10:00[:00[.fff]][zone]}, or just the date (midnight UTC). */
  private static int iso(Tokens t, int i, Fields f) {
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
      return NONE;
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
      return DATE_ONLY;
    }
    zone(t, q, f);
    return FULL;
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
    f.nanos = 0;
    p += 3;
    if (t.is(p, COLON) && t.is(p + 1, NUM) && t.digits(p + 1) <= 2) {
      f.second = t.num[p + 1];
      p += 2;
      if ((t.is(p, DOT) || t.is(p, COMMA)) && t.is(p + 1, NUM) && !t.space[p] && !t.space[p + 1]) {
        // Fractions of a second (ISO 8601, some MTAs' Received dates): kept to the nanosecond.
        int digits = Math.min(t.digits(p + 1), 9);
        int nanos = t.num[p + 1];
        for (int d = digits; d < 9; d++) {
          nanos *= 10;
        }
        f.nanos = nanos;
        p += 2;
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

  /**
   * Offset in minutes for a zone name, 0 for unknown words that look like zones, else MIN_VALUE.
   */
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
    int nanos;
    int offsetMinutes;

    void reset() {
      year = month = day = hour = minute = second = nanos = offsetMinutes = 0;
    }

    OffsetDateTime build() {
      if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999) {
        return null;
      }
      if (hour > 24 || minute > 59 || second > 61) {
        return null;
      }
      int lastDay =
          month == 2
              ? (java.time.Year.isLeap(year) ? 29 : 28)
              : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
      LocalDateTime local =
          LocalDateTime.of(
              year,
              month,
              Math.min(day, lastDay),
              hour == 24 ? 0 : hour,
              minute,
              Math.min(second, 59),
              second > 59 ? 0 : nanos);
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
          i = Comments.skip(s, i);
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
        } else if (isLetter(c)) {
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
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= 0x80 && Character.isLetter(c));
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

    /** The month (1-12) named by the word at {@code i}, or 0; see {@link #MONTH_NAMES}. */
    int month(int i) {
      if (i >= count || kind[i] != WORD) {
        return 0;
      }
      int len = end[i] - start[i];
      if (len < 3) {
        return 0;
      }
      char c0 = Character.toLowerCase(text.charAt(start[i]));
      int month = 0;
      for (int m = 0; m < MONTH_NAMES.length; m++) {
        String name = MONTH_NAMES[m];
        if (name.charAt(0) == c0
            && len <= name.length()
            && text.regionMatches(true, start[i], name, 0, len)) {
          if (m < 12) {
            return m + 1; // an English prefix means the same month in every listed language
          }
          if (month != 0 && month != MONTH_NUMBERS[m]) {
            return 0;
          }
          month = MONTH_NUMBERS[m];
        }
      }
      return month;
    }
  }
}
