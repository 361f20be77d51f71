package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter c = new DurationConverter();

  @Test
  void aNumberWithAUnitOrIsoText() {
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofSeconds(90), c.convert("90s"));
    assertEquals(Duration.ofMinutes(30), c.convert("30m"));
    assertEquals(Duration.ofMinutes(30), c.convert("30min"));
    assertEquals(Duration.ofHours(2), c.convert("2h"));
    assertEquals(Duration.ofDays(1), c.convert("1d"));
    assertEquals(Duration.ofMinutes(90), c.convert("1h30m"));
    assertEquals(Duration.ofSeconds(30), c.convert("PT30S"));
    assertEquals(Duration.ofDays(1), c.convert("p1d"));
  }

  @Test
  void noUnitNothingOrZeroIsRefused() {
    for (String bad : new String[] {"30", "soon", "0m", "", "5 parsecs", "-5s", "PT0S", "m"}) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }
}
