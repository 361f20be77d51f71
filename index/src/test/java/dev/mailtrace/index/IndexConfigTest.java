package dev.mailtrace.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndexConfigTest {

  @Test
  void defaultBufferIsAQuarterOfTheHeapWithinBounds() {
    int mb = IndexConfig.defaultRamBufferMb();
    long quarter = Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024);
    assertTrue(mb >= 16 && mb <= 256, "buffer " + mb);
    assertEquals(Math.max(16, Math.min(256, quarter)), mb);
    assertEquals(mb, IndexConfig.DEFAULT.ramBufferMb());
  }

  @Test
  void copiesChangeOneSettingAndBadValuesAreRefused() {
    IndexConfig c = IndexConfig.DEFAULT.withThreads(3).withRamBufferMb(32);
    assertEquals(3, c.threads());
    assertEquals(32, c.ramBufferMb());
    assertTrue(c.measureInputs());
    IndexConfig quiet = c.withMeasureInputs(false);
    assertFalse(quiet.measureInputs());
    assertEquals(3, quiet.threads());
    assertEquals(32, quiet.ramBufferMb());
    assertThrows(IllegalArgumentException.class, () -> IndexConfig.DEFAULT.withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> IndexConfig.DEFAULT.withRamBufferMb(2));
  }
}
