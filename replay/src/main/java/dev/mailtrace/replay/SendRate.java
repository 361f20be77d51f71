package dev.mailtrace.replay;

/**
 * A global message rate over all sessions: each caller of {@link #acquire} gets the next free
 * slot, slots being {@code 1/rate} seconds apart (a token bucket holding one token), so bursts
 * cannot exceed the rate.
 */
final class SendRate {
  private final long intervalNanos;
  private long next;

  SendRate(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    this.next = System.nanoTime();
  }

  /** Waits for the next slot; returns false when the deadline comes first. */
  boolean acquire(long deadlineNanos) throws InterruptedException {
    if (intervalNanos == 0) {
      return true;
    }
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(next, now);
      next = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (slot - deadlineNanos > 0) {
      return false;
    }
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    return true;
  }
}
