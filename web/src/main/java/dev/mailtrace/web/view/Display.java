package dev.mailtrace.web.view;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write dates, sizes and durations: one way everywhere, independent of the server's locale. */
public final class Display {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx", Locale.ROOT);

  private Display() {}

  /** {@code 2024-01-01 09:41} in UTC, or an empty string. */
  public static String date(Instant date) {
    return date == null ? "" : MINUTES.format(date);
  }

  /** {@code 2024-01-01 09:41:18 +01:00} with the message's own offset, or an empty string. */
  public static String date(OffsetDateTime date) {
    return date == null ? "" : SECONDS.format(date);
  }

  /** {@code 812 B}, {@code 6.3 KB}, {@code 1.2 MB} (1024-based, as {@code size:} reads them). */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }

  /** {@code 850ms}, {@code 42s}, {@code 3m05s}, {@code 4h33m}, {@code 2d05h}; negative with a minus. */
  public static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    long s = a.toSeconds();
    if (s == 0) {
      return sign + a.toMillis() + "ms";
    }
    if (s < 60) {
      return sign + s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%s%dm%02ds", sign, s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%s%dh%02dm", sign, s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%s%dd%02dh", sign, s / 86400, (s % 86400) / 3600);
  }

  /** A count with thousands separated: {@code 12,345}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A share as a percentage with one decimal: {@code 12.5%}. */
  public static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
