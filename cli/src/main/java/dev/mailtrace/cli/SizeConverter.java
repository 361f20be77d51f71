package dev.mailtrace.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one spelling of a size in bytes for every option that takes one: a number with an optional
 * unit, {@code k}/{@code kb}/{@code kib} (1024), {@code m}, {@code g} likewise; no unit means
 * bytes. Binary multiples, as mail servers' size limits are written (Postfix, Exim).
 */
public final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String t = value.strip().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 15) {
      throw new TypeConversionException("'" + value + "' is not a size; for example 512k, 4m or 1g (bytes without a unit)");
    }
    long n = Long.parseLong(t.substring(0, i));
    long unit = switch (t.substring(i).strip()) {
      case "", "b" -> 1;
      case "k", "kb", "kib" -> 1L << 10;
      case "m", "mb", "mib" -> 1L << 20;
      case "g", "gb", "gib" -> 1L << 30;
      default -> throw new TypeConversionException("'" + value + "' has an unknown unit; use k, m or g (1024-based)");
    };
    if (n > Long.MAX_VALUE / unit) {
      throw new TypeConversionException("'" + value + "' is too large");
    }
    return n * unit;
  }
}
