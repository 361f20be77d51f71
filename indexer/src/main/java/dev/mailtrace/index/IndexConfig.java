package dev.mailtrace.index;

import java.time.Duration;

/**
 * Settings of an index run: parser threads, writer RAM buffer and how often to commit. Immutable;
 * change a copy with the {@code with...} methods.
 */
public final class IndexConfig {
  /** Cores for parsing, 64 MB of writer buffer, a commit every 30 seconds. */
  public static final IndexConfig DEFAULT =
      new IndexConfig(Runtime.getRuntime().availableProcessors(), 64, Duration.ofSeconds(30), 0, -1);

  private final int threads;
  private final int ramBufferMb;
  private final Duration commitInterval;
  private final long commitEveryMessages;
  private final long stopAfter;

  private IndexConfig(int threads, int ramBufferMb, Duration commitInterval, long commitEveryMessages, long stopAfter) {
    if (threads < 1 || ramBufferMb < 4 || commitInterval.isNegative()) {
      throw new IllegalArgumentException("threads >= 1, RAM buffer >= 4 MB and a positive commit interval are needed");
    }
    this.threads = threads;
    this.ramBufferMb = ramBufferMb;
    this.commitInterval = commitInterval;
    this.commitEveryMessages = commitEveryMessages;
    this.stopAfter = stopAfter;
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
    return new IndexConfig(n, ramBufferMb, commitInterval, commitEveryMessages, stopAfter);
  }

  /** A copy with this writer RAM buffer. */
  public IndexConfig withRamBufferMb(int mb) {
    return new IndexConfig(threads, mb, commitInterval, commitEveryMessages, stopAfter);
  }

  /** A copy committing at this interval. */
  public IndexConfig withCommitInterval(Duration interval) {
    return new IndexConfig(threads, ramBufferMb, interval, commitEveryMessages, stopAfter);
  }

  long commitEveryMessages() {
    return commitEveryMessages;
  }

  long stopAfter() {
    return stopAfter;
  }

  /** Test hook: also commit after every {@code n} messages read. */
  IndexConfig withCommitEvery(long n) {
    return new IndexConfig(threads, ramBufferMb, commitInterval, n, stopAfter);
  }

  /**
   * Test hook: stop abruptly once {@code n} documents were added, dropping everything not yet
   * committed as a killed process would.
   */
  IndexConfig withStopAfter(long n) {
    return new IndexConfig(threads, ramBufferMb, commitInterval, commitEveryMessages, n);
  }
}
