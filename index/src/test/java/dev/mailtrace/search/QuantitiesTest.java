package dev.mailtrace.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void sizesUseBinaryUnits() {
    assertArrayEquals(new long[] {10240, 2 << 20}, Quantities.range("10k..2M", Quantities.Kind.SIZE, 1));
    assertArrayEquals(new long[] {Long.MIN_VALUE, 1023}, Quantities.range("<1k", Quantities.Kind.SIZE, 1));
    assertArrayEquals(new long[] {1536, Long.MAX_VALUE}, Quantities.range(">=1.5KB", Quantities.Kind.SIZE, 1));
  }

  @Test
  void durationsUseSecondsMinutesHoursDays() {
    assertArrayEquals(new long[] {30, 300}, Quantities.range("30s..5m", Quantities.Kind.DURATION, 1));
    assertArrayEquals(new long[] {86_401, Long.MAX_VALUE}, Quantities.range(">1d", Quantities.Kind.DURATION, 1));
  }

  @Test
  void countsAreExactOrRanges() {
    assertArrayEquals(new long[] {3, 3}, Quantities.range("3", Quantities.Kind.COUNT, 1));
    assertArrayEquals(new long[] {2, Long.MAX_VALUE}, Quantities.range("2..", Quantities.Kind.COUNT, 1));
  }

  @Test
  void unknownUnitPointsAtTheUnit() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> Quantities.range(">10x", Quantities.Kind.SIZE, 6));
    assertEquals(9, e.column());
  }

  @Test
  void emptyRangeIsAnError() {
    assertThrows(BadQueryException.class, () -> Quantities.range("5..2", Quantities.Kind.COUNT, 1));
  }
}
