package dev.mailtrace.index;

import dev.mailtrace.auth.KeySource;
import java.time.Duration;

/**
 * Settings of an index run: parser threads, writer RAM buffer and how often to commit. Immutable;
 * change a copy with the {@code with...} methods.
 */
public final class IndexConfig {
  /** Cores for parsing, {@link #defaultRamBufferMb()} of writer buffer, a commit every 30 seconds. */
  public static final IndexConfig DEFAULT =
      new IndexConfig(Runtime.getRuntime().availableProcessors(), defaultRamBufferMb(), Duration.ofSeconds(30), true, 0, -1, null);

  /**
   * A quarter of the heap, between 16 and 256 MB. A bigger buffer writes fewer, larger segments and
   * so merges less: 256 MB indexes 200,000 generated messages about 10 % faster than 64 MB (38 s
   * against 42 s, 10 % less CPU), more gains nothing measurable; a quarter of the heap leaves room
   * for the parser threads and keeps a run with {@code -Xmx256m} at 64 MB.
   */
  public static int defaultRamBufferMb() {
    long quarter = Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024);
    return (int) Math.max(16, Math.min(256, quarter));
  }

  private final int threads;
  private final int ramBufferMb;
  private final Duration commitInterval;
  private final boolean measureInputs;
  private final long commitEveryMessages;
  private final long stopAfter;
  private final KeySource keys;

  private IndexConfig(
      int threads, int ramBufferMb, Duration commitInterval, boolean measureInputs, long commitEveryMessages, long stopAfter,
      KeySource keys) {
    if (threads < 1 || ramBufferMb < 4 || commitInterval.isNegative()) {
      throw new IllegalArgumentException("threads >= 1, RAM buffer >= 4 MB and a positive commit interval are needed");
    }
    this.threads = threads;
    this.ramBufferMb = ramBufferMb;
    this.commitInterval = commitInterval;
    this.measureInputs = measureInputs;
    this.commitEveryMessages = commitEveryMessages;
    this.stopAfter = stopAfter;
    this.keys = keys;
  }

  /** Parser threads. */
  public int threads() {
    return threads;
  }

  /** Writer RAM buffer in MB; documents are flushed to a segment when it fills. */
  public int ramBufferMb() {
    return ramBufferMb;
  }

  /** Time between commits. */
  public Duration commitInterval() {
    return commitInterval;
  }

  /** A copy with this many parser threads. */
  public IndexConfig withThreads(int n) {
    return new IndexConfig(n, ramBufferMb, commitInterval, measureInputs, commitEveryMessages, stopAfter, keys);
  }

  /** A copy with this writer RAM buffer. */
  public IndexConfig withRamBufferMb(int mb) {
    return new IndexConfig(threads, mb, commitInterval, measureInputs, commitEveryMessages, stopAfter, keys);
  }

  /** A copy committing at this interval. */
  public IndexConfig withCommitInterval(Duration interval) {
    return new IndexConfig(threads, ramBufferMb, interval, measureInputs, commitEveryMessages, stopAfter, keys);
  }

  /** Whether the run measures its inputs' total size, which only progress and its ETA use. */
  public boolean measureInputs() {
    return measureInputs;
  }

  /**
   * A copy that does or does not measure the inputs' total size. Measuring walks every input once
   * more beside the reading (a second of CPU for a 200,000-file Maildir); without it {@link
   * IndexStatus#totalBytes()} stays 0 and there is no ETA.
   */
  public IndexConfig withMeasureInputs(boolean measure) {
    return new IndexConfig(threads, ramBufferMb, commitInterval, measure, commitEveryMessages, stopAfter, keys);
  }

  /**
   * The DKIM keys each message's signatures are verified with ({@code dkim.result}), or null: then
   * nothing is verified and only the servers' stated verdicts are indexed.
   */
  public KeySource keys() {
    return keys;
  }

  /** A copy that verifies DKIM signatures with these keys (null: none). */
  public IndexConfig withKeys(KeySource keySource) {
    return new IndexConfig(threads, ramBufferMb, commitInterval, measureInputs, commitEveryMessages, stopAfter, keySource);
  }

  long commitEveryMessages() {
    return commitEveryMessages;
  }

  long stopAfter() {
    return stopAfter;
  }

  /** Test hook: also commit after every {@code n} messages read. */
  IndexConfig withCommitEvery(long n) {
    return new IndexConfig(threads, ramBufferMb, commitInterval, measureInputs, n, stopAfter, keys);
  }

  /**
   * Test hook: stop abruptly once {@code n} documents were added, dropping everything not yet
   * committed as a killed process would.
   */
  IndexConfig withStopAfter(long n) {
    return new IndexConfig(threads, ramBufferMb, commitInterval, measureInputs, commitEveryMessages, n, keys);
  }
}
