package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
  private final SizeConverter c = new SizeConverter();

  @Test
  void bytesOrBinaryMultiples() {
    assertEquals(100L, c.convert("100"));
    assertEquals(512L * 1024, c.convert("512k"));
    assertEquals(4L << 20, c.convert("4M"));
    assertEquals(4L << 20, c.convert("4MiB"));
    assertEquals(1L << 30, c.convert("1g"));
  }

  @Test
  void otherTextIsRefused() {
    for (String bad : new String[] {"", "k", "4x", "-1", "1.5m", "99999999999999999g"}) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }
}
