package dev.mailtrace.search;

import java.util.Locale;

/**
 * The grammar of quantity values: sizes ({@code >1M}, {@code 10k..2M}), durations ({@code >1h},
 * {@code 30s..5m}) and counts ({@code >5}, {@code 2..4}, {@code 3}).
 *
 * <pre>
 * value := ('&gt;' | '&gt;=' | '&lt;' | '&lt;=') amount | amount '..' amount | amount '..' | '..' amount | amount
 * amount := digits ['.' digits] [unit]
 * </pre>
 *
 * Sizes use 1024-based k, M, G (an optional trailing B); durations s, m, h, d, w (seconds when
 * bare). Every result is an inclusive {@code [low, high]} range.
 */
final class Quantities {
  /** The unit system of a field. */
  enum Kind {
    SIZE,
    DURATION,
    COUNT
  }

  private Quantities() {}

  /**
   * Parses a value into an inclusive range.
   *
   * @param column the column of the value's first character, for errors
   */
  static long[] range(String value, Kind kind, int column) {
    if (value.isEmpty()) {
      throw new BadQueryException(column, "expected a " + describe(kind) + " after ':'");
    }
    if (value.startsWith(">=")) {
      return new long[] {amount(value.substring(2), kind, column + 2), Long.MAX_VALUE};
    }
    if (value.startsWith("<=")) {
      return new long[] {Long.MIN_VALUE, amount(value.substring(2), kind, column + 2)};
    }
    if (value.startsWith(">")) {
      long a = amount(value.substring(1), kind, column + 1);
      return new long[] {a == Long.MAX_VALUE ? a : a + 1, Long.MAX_VALUE};
    }
    if (value.startsWith("<")) {
      long a = amount(value.substring(1), kind, column + 1);
      return new long[] {Long.MIN_VALUE, a == Long.MIN_VALUE ? a : a - 1};
    }
    int dots = value.indexOf("..");
    if (dots >= 0) {
      long lo = dots == 0 ? Long.MIN_VALUE : amount(value.substring(0, dots), kind, column);
      String rest = value.substring(dots + 2);
      long hi = rest.isEmpty() ? Long.MAX_VALUE : amount(rest, kind, column + dots + 2);
      if (lo > hi) {
        throw new BadQueryException(column, "the range " + value + " is empty: its start is after its end");
      }
      return new long[] {lo, hi};
    }
    long a = amount(value, kind, column);
    return new long[] {a, a};
  }

  /** One amount with its unit. */
  static long amount(String text, Kind kind, int column) {
    int i = 0;
    int n = text.length();
    while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new BadQueryException(column, "expected a " + describe(kind) + " but found '" + text + "'");
    }
    double number;
    try {
      number = Double.parseDouble(text.substring(0, i));
    } catch (NumberFormatException e) {
      throw new BadQueryException(column, "expected a number but found '" + text.substring(0, i) + "'");
    }
    String unit = text.substring(i).toLowerCase(Locale.ROOT);
    long factor =
        switch (kind) {
          case SIZE ->
              switch (unit) {
                case "", "b" -> 1L;
                case "k", "kb", "kib" -> 1L << 10;
                case "m", "mb", "mib" -> 1L << 20;
                case "g", "gb", "gib" -> 1L << 30;
                default -> -1L;
              };
          case DURATION ->
              switch (unit) {
                case "", "s", "sec" -> 1L;
                case "m", "min" -> 60L;
                case "h" -> 3600L;
                case "d" -> 86_400L;
                case "w" -> 7 * 86_400L;
                default -> -1L;
              };
          case COUNT -> unit.isEmpty() ? 1L : -1L;
        };
    if (factor < 0) {
      throw new BadQueryException(column + i, "unknown unit '" + text.substring(i) + "'; use " + units(kind));
    }
    return Math.round(number * factor);
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case SIZE -> "size such as 10k or >1M";
      case DURATION -> "duration such as 30s, >1h or 5m..2h";
      case COUNT -> "number such as 3, >5 or 2..4";
    };
  }

  private static String units(Kind kind) {
    return switch (kind) {
      case SIZE -> "k, M or G";
      case DURATION -> "s, m, h, d or w";
      case COUNT -> "a plain number";
    };
  }
}
