package dev.mailtrace.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one spelling of a rate for every option that takes one, as events per second: {@code 50},
 * {@code 50/s}, {@code 3000/m} or {@code 3000/min}, {@code 10000/h}. Above zero.
 */
public final class RateConverter implements ITypeConverter<Double> {
  @Override
  public Double convert(String value) {
    String t = value.strip().toLowerCase(Locale.ROOT);
    int slash = t.indexOf('/');
    double per = 1;
    if (slash >= 0) {
      per = switch (t.substring(slash + 1).strip()) {
        case "s", "sec" -> 1;
        case "m", "min" -> 60;
        case "h" -> 3600;
        default -> -1;
      };
      t = t.substring(0, slash).strip();
    }
    double n;
    try {
      n = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (per < 0 || !(n > 0) || Double.isInfinite(n)) {
      throw new TypeConversionException("'" + value + "' is not a rate; for example 50, 50/s, 3000/m or 10000/h");
    }
    return n / per;
  }
}
