package dev.mailtrace.samples;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Date formats found in mail: RFC 5322 section 3.3, its qmail variant and the mbox asctime form. */
final class MailDates {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private MailDates() {}

  /** {@code Fri, 27 Nov 2026 21:45:59 +0100}; with {@code dayName} false the weekday is left out. */
  static String rfc5322(long epochSeconds, int zoneMinutes, boolean dayName) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.ofTotalSeconds(zoneMinutes * 60));
    StringBuilder sb = new StringBuilder(32);
    if (dayName) {
      sb.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
    }
    sb.append(t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    sb.append(t.getYear()).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append(' ');
    int z = Math.abs(zoneMinutes);
    sb.append(zoneMinutes < 0 ? '-' : '+');
    two(sb, z / 60);
    two(sb, z % 60);
    return sb.toString();
  }

  /** The mbox {@code From } line date: asctime(3) in UTC, {@code Fri Nov 27 21:45:59 2026}. */
  static String asctime(long epochSeconds) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(24);
    sb.append(DAYS[t.getDayOfWeek().ordinal()]).append(' ');
    sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
    int d = t.getDayOfMonth();
    sb.append(d < 10 ? " " : "").append(d).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append(' ');
    return sb.append(t.getYear()).toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
