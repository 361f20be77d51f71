package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class RateConverterTest {
  private final RateConverter c = new RateConverter();

  @Test
  void perSecondMinuteOrHour() {
    assertEquals(50.0, c.convert("50"));
    assertEquals(50.0, c.convert("50/s"));
    assertEquals(50.0, c.convert("3000/m"));
    assertEquals(50.0, c.convert("3000/min"));
    assertEquals(2.5, c.convert("9000/h"));
    assertEquals(0.5, c.convert("0.5"));
  }

  @Test
  void zeroNegativeAndOtherTextAreRefused() {
    for (String bad : new String[] {"0", "-3", "fast", "5/d", "", "NaN", "Infinity"}) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }
}
