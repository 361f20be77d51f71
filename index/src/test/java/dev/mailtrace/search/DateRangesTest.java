package dev.mailtrace.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateRangesTest {
  private final DateRanges dates = new DateRanges(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void yearCoversTheWholeYear() {
    assertArrayEquals(new long[] {ms("2024-01-01T00:00:00Z"), ms("2025-01-01T00:00:00Z") - 1}, dates.range("2024", 1));
  }

  @Test
  void monthCoversTheWholeMonth() {
    assertArrayEquals(new long[] {ms("2024-02-01T00:00:00Z"), ms("2024-03-01T00:00:00Z") - 1}, dates.range("2024-02", 1));
  }

  @Test
  void rangeEndIncludesItsLastDay() {
    assertArrayEquals(new long[] {ms("2024-01-01T00:00:00Z"), ms("2024-02-02T00:00:00Z") - 1}, dates.range("2024-01-01..2024-02-01", 1));
  }

  @Test
  void afterStartsTheNextDay() {
    assertEquals(ms("2024-03-02T00:00:00Z"), dates.range(">2024-03-01", 1)[0]);
    assertEquals(ms("2024-03-01T00:00:00Z"), dates.range(">=2024-03-01", 1)[0]);
    assertEquals(ms("2024-03-01T00:00:00Z") - 1, dates.range("<2024-03-01", 1)[1]);
  }

  @Test
  void relativeDatesCountBackFromNow() {
    assertEquals(ms("2024-06-08T12:00:00Z"), dates.range("7d..", 1)[0]);
    assertArrayEquals(new long[] {ms("2024-06-14T00:00:00Z"), ms("2024-06-15T00:00:00Z") - 1}, dates.range("yesterday", 1));
  }

  @Test
  void minutePrecisionWorks() {
    assertArrayEquals(new long[] {ms("2024-01-01T10:30:00Z"), ms("2024-01-01T10:31:00Z") - 1}, dates.range("2024-01-01T10:30", 1));
  }

  @Test
  void badDateReportsItsColumn() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> dates.range("2024..20x4", 6));
    assertEquals(12, e.column());
  }
}
