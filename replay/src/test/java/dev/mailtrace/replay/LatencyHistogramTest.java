package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreWithinBucketResolution() {
    LatencyHistogram h = new LatencyHistogram();
    for (long us = 1; us <= 100_000; us++) {
      h.record(us * 1000);
    }
    assertEquals(100_000, h.count());
    assertEquals(100_000, h.maxMicros());
    assertClose(50_000, h.percentileMicros(50));
    assertClose(90_000, h.percentileMicros(90));
    assertClose(99_000, h.percentileMicros(99));
  }

  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(5_000);
    h.record(7_000);
    assertEquals(5, h.percentileMicros(50));
    assertEquals(7, h.percentileMicros(100));
  }

  @Test
  void bucketsAreMonotonicAndBoundsContainTheirValues() {
    int last = -1;
    for (long v = 0; v < 1L << 36; v = v < 200 ? v + 1 : v + v / 7) {
      int b = LatencyHistogram.bucket(v);
      assertTrue(b >= last);
      assertTrue(LatencyHistogram.upperBound(b) >= v, "value " + v);
      last = b;
    }
  }

  @Test
  void emptyHistogramReportsZero() {
    assertEquals(0, new LatencyHistogram().percentileMicros(99));
  }

  private static void assertClose(long expected, long actual) {
    assertTrue(Math.abs(actual - expected) <= expected * 0.04, expected + " vs " + actual);
  }
}
