package dev.mailtrace.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one spelling of a duration for every option that takes one: a number and a unit ({@code
 * 500ms}, {@code 30s}, {@code 5m} or {@code 5min}, {@code 2h}, {@code 1d}), several of them in a
 * row ({@code 1h30m}), or ISO-8601 ({@code PT30S}, {@code P1D}). Longer than zero.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** What a user may write, for error messages. */
  static final String EXAMPLES = "for example 500ms, 30s, 5m, 2h, 1d, 1h30m or PT30S";

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d == null) {
      throw new TypeConversionException("'" + value + "' is not a duration; " + EXAMPLES);
    }
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return d;
  }

  /** The duration, or null when the text is not one. */
  static Duration parse(String value) {
    String t = value.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Duration total = Duration.ZERO;
    int i = 0;
    if (t.isEmpty()) {
      return null;
    }
    while (i < t.length()) {
      int digits = i;
      while (i < t.length() && Character.isDigit(t.charAt(i))) {
        i++;
      }
      if (i == digits || i - digits > 12) {
        return null;
      }
      long n = Long.parseLong(t, digits, i, 10);
      int unit = i;
      while (i < t.length() && Character.isLetter(t.charAt(i))) {
        i++;
      }
      Duration d = switch (t.substring(unit, i)) {
        case "ms" -> Duration.ofMillis(n);
        case "s", "sec" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> null;
      };
      if (d == null) {
        return null;
      }
      total = total.plus(d);
    }
    return total;
  }
}
