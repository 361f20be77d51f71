package dev.mailtrace.search;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The grammar of {@code date:} values, in UTC, as inclusive ranges of epoch milliseconds.
 *
 * <pre>
 * value := ('&gt;' | '&gt;=' | '&lt;' | '&lt;=') point | point '..' point | point '..' | '..' point | point
 * point := YYYY | YYYY-MM | YYYY-MM-DD | YYYY-MM-DDTHH:MM[:SS] | today | yesterday | now | N(d|w|m|y)
 * </pre>
 *
 * A point covers its whole unit, as notmuch does: {@code 2024} is all of that year, and the end of a
 * range includes its last day ({@code 2024-01-01..2024-01-31} is all of January). {@code 7d} means
 * seven days ago.
 */
final class DateRanges {
  private final Clock clock;

  DateRanges(Clock clock) {
    this.clock = clock;
  }

  /** Parses a value; {@code column} is where it starts in the query. */
  long[] range(String value, int column) {
    if (value.isEmpty()) {
      throw new BadQueryException(column, "expected a date such as 2024, 2024-03 or 2024-01-01..2024-02-01 after ':'");
    }
    if (value.startsWith(">=")) {
      return new long[] {point(value.substring(2), column + 2)[0], Long.MAX_VALUE};
    }
    if (value.startsWith("<=")) {
      return new long[] {Long.MIN_VALUE, point(value.substring(2), column + 2)[1]};
    }
    if (value.startsWith(">")) {
      return new long[] {point(value.substring(1), column + 1)[1] + 1, Long.MAX_VALUE};
    }
    if (value.startsWith("<")) {
      return new long[] {Long.MIN_VALUE, point(value.substring(1), column + 1)[0] - 1};
    }
    int dots = value.indexOf("..");
    if (dots >= 0) {
      long lo = dots == 0 ? Long.MIN_VALUE : point(value.substring(0, dots), column)[0];
      String rest = value.substring(dots + 2);
      long hi = rest.isEmpty() ? Long.MAX_VALUE : point(rest, column + dots + 2)[1];
      if (lo > hi) {
        throw new BadQueryException(column, "the date range " + value + " is empty: its start is after its end");
      }
      return new long[] {lo, hi};
    }
    return point(value, column);
  }

  /** The first and last millisecond a point stands for. */
  private long[] point(String text, int column) {
    String t = text.toLowerCase(Locale.ROOT);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    try {
      switch (t) {
        case "today" -> {
          return day(today);
        }
        case "yesterday" -> {
          return day(today.minusDays(1));
        }
        case "now" -> {
          long now = clock.millis();
          return new long[] {now, now};
        }
        default -> {}
      }
      int n = t.length();
      if (n >= 2 && Character.isLetter(t.charAt(n - 1)) && allDigits(t, 0, n - 1)) {
        long amount = Long.parseLong(t.substring(0, n - 1));
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDateTime ago =
            switch (t.charAt(n - 1)) {
              case 'd' -> now.minusDays(amount);
              case 'w' -> now.minusWeeks(amount);
              case 'm' -> now.minusMonths(amount);
              case 'y' -> now.minusYears(amount);
              default -> throw new BadQueryException(column + n - 1, "unknown unit '" + t.charAt(n - 1) + "' in a relative date; use d, w, m or y");
            };
        long ms = ago.toInstant(ZoneOffset.UTC).toEpochMilli();
        return new long[] {ms, ms};
      }
      if (n == 4 && allDigits(t, 0, 4)) {
        int year = Integer.parseInt(t);
        return new long[] {millis(LocalDate.of(year, 1, 1)), millis(LocalDate.of(year + 1, 1, 1)) - 1};
      }
      if (n == 7 && t.charAt(4) == '-') {
        YearMonth ym = YearMonth.parse(t);
        return new long[] {millis(ym.atDay(1)), millis(ym.plusMonths(1).atDay(1)) - 1};
      }
      if (n == 10) {
        return day(LocalDate.parse(t));
      }
      if (n > 10 && t.charAt(10) == 't') {
        String iso = t.toUpperCase(Locale.ROOT);
        LocalDateTime at = LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso);
        long start = at.toInstant(ZoneOffset.UTC).toEpochMilli();
        long width = iso.length() == 16 ? 60_000 : 1000;
        return new long[] {start, start + width - 1};
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadQueryException(column, "'" + text + "' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday or 7d");
    }
    throw new BadQueryException(column, "'" + text + "' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday or 7d");
  }

  private static long[] day(LocalDate d) {
    return new long[] {millis(d), millis(d.plusDays(1)) - 1};
  }

  private static long millis(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return to > from;
  }
}
