package dev.mailtrace.replay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in fixed log-linear buckets, in the manner of HdrHistogram: exact below 64
 * microseconds, then 32 buckets per power of two (about 3% resolution) up to days. Thread-safe
 * without locks; constant memory (about 9 KB).
 */
public final class LatencyHistogram {
  private static final int SUB = 32;
  private static final int LINEAR = 64;
  private static final int MAX_EXPONENT = 42;
  private static final int BUCKETS = LINEAR + (MAX_EXPONENT - 5) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Records a latency in nanoseconds; negative values are ignored. */
  public void record(long nanos) {
    if (nanos < 0) {
      return;
    }
    long micros = nanos / 1000;
    counts.incrementAndGet(bucket(micros));
    total.incrementAndGet();
    max.accumulateAndGet(micros, Math::max);
  }

  static int bucket(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= 6
    if (exponent > MAX_EXPONENT) {
      return BUCKETS - 1;
    }
    int sub = (int) (micros >>> (exponent - 5)) & (SUB - 1);
    return LINEAR + (exponent - 6) * SUB + sub;
  }

  /** The largest value a bucket holds, in microseconds. */
  static long upperBound(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int exponent = (bucket - LINEAR) / SUB + 6;
    int sub = (bucket - LINEAR) % SUB;
    long width = 1L << (exponent - 5);
    return (1L << exponent) + (sub + 1) * width - 1;
  }

  /** How many values were recorded. */
  public long count() {
    return total.get();
  }

  /** The largest value, in microseconds. */
  public long maxMicros() {
    return max.get();
  }

  /** The value at a percentile (0 to 100), in microseconds, at bucket resolution; 0 when empty. */
  public long percentileMicros(double percentile) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperBound(i), max.get());
      }
    }
    return max.get();
  }
}
