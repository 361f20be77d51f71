package dev.mailtrace.replay;

import dev.mailtrace.smtp.Stage;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts and latencies of a run, updated while it goes (thread-safe) and final once
 * {@link Replayer#run} returns. Every message taken from the source ends in exactly one outcome:
 * {@code read() == sent()} and {@code sent() == accepted + deferred + rejected + failed + refused}.
 */
public final class ReplaySummary {
  private final AtomicLong read = new AtomicLong();
  private final Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final Map<Stage, LatencyHistogram> stages = new EnumMap<>(Stage.class);
  private final LatencyHistogram total = new LatencyHistogram();
  private final long startNanos = System.nanoTime();
  private volatile long endNanos = -1;
  private volatile boolean deadlineReached;

  ReplaySummary() {
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, new AtomicLong());
    }
    for (Stage s : new Stage[] {Stage.CONNECT, Stage.MAIL, Stage.RCPT, Stage.DATA, Stage.DATA_END}) {
      stages.put(s, new LatencyHistogram());
    }
  }

  void read() {
    read.incrementAndGet();
  }

  void outcome(Outcome o, int attemptCount, long latencyNanos) {
    outcomes.get(o).incrementAndGet();
    attempts.addAndGet(attemptCount);
    if (o != Outcome.REFUSED_LOCALLY) {
      total.record(latencyNanos);
    }
  }

  void connected(long nanos) {
    connections.incrementAndGet();
    stages.get(Stage.CONNECT).record(nanos);
  }

  void stage(Stage s, long nanos) {
    LatencyHistogram h = stages.get(s);
    if (h != null) {
      h.record(nanos);
    }
  }

  void bytes(long n) {
    bytes.addAndGet(n);
  }

  void deadlineReached() {
    deadlineReached = true;
  }

  /** Whether the run's deadline stopped it; messages not yet read from the source then have no result. */
  public boolean isDeadlineReached() {
    return deadlineReached;
  }

  void finish() {
    endNanos = System.nanoTime();
  }

  /** Messages taken from the source. */
  public long messagesRead() {
    return read.get();
  }

  /** Messages with an outcome (the sum of all outcomes). */
  public long sent() {
    long n = 0;
    for (AtomicLong c : outcomes.values()) {
      n += c.get();
    }
    return n;
  }

  /** Messages with this outcome. */
  public long count(Outcome o) {
    return outcomes.get(o).get();
  }

  /** Transactions and connection attempts, retries included. */
  public long attempts() {
    return attempts.get();
  }

  /** SMTP sessions opened. */
  public long connections() {
    return connections.get();
  }

  /** Content bytes of accepted messages. */
  public long bytes() {
    return bytes.get();
  }

  /** Seconds from the start to the end (or to now while running). */
  public double seconds() {
    long end = endNanos < 0 ? System.nanoTime() : endNanos;
    return Math.max(1e-9, (end - startNanos) / 1e9);
  }

  /** Latencies of a stage (CONNECT, MAIL, RCPT, DATA, DATA_END), or null for other stages. */
  public LatencyHistogram latency(Stage s) {
    return stages.get(s);
  }

  /** Latencies of whole messages, retries included. */
  public LatencyHistogram messageLatency() {
    return total;
  }

  /** Whether anything did not reach the server or was not accepted. */
  public boolean hasFailures() {
    return sent() != count(Outcome.ACCEPTED) || deadlineReached;
  }

  /** One line for live progress. */
  public String progressLine() {
    double s = seconds();
    return String.format(Locale.ROOT, "replay: %d sent, %d accepted, %d deferred, %d rejected, %d failed, %d refused; %.1f msg/s, %.2f MB/s",
        sent(), count(Outcome.ACCEPTED), count(Outcome.DEFERRED), count(Outcome.REJECTED), count(Outcome.FAILED),
        count(Outcome.REFUSED_LOCALLY), sent() / s, bytes() / s / 1e6);
  }

  /** The summary as a few lines of text with a latency table. */
  public String format() {
    double s = seconds();
    StringBuilder b = new StringBuilder(1024);
    b.append(String.format(Locale.ROOT, "sent %d: accepted %d, deferred %d, rejected %d, failed %d, refused locally %d%n",
        sent(), count(Outcome.ACCEPTED), count(Outcome.DEFERRED), count(Outcome.REJECTED), count(Outcome.FAILED),
        count(Outcome.REFUSED_LOCALLY)));
    b.append(String.format(Locale.ROOT, "%.2f s, %.1f msg/s, %.2f MB/s, %d connections, %d attempts%n",
        s, sent() / s, bytes() / s / 1e6, connections(), attempts()));
    if (deadlineReached) {
      b.append("the run's deadline was reached: messages not yet read from the source were not tried\n");
    }
    b.append(String.format(Locale.ROOT, "%-9s %8s %9s %9s %9s %9s%n", "latency", "count", "p50 ms", "p90 ms", "p99 ms", "max ms"));
    row(b, "connect", stages.get(Stage.CONNECT));
    row(b, "mail", stages.get(Stage.MAIL));
    row(b, "rcpt", stages.get(Stage.RCPT));
    row(b, "data", stages.get(Stage.DATA));
    row(b, "end", stages.get(Stage.DATA_END));
    row(b, "message", total);
    return b.toString();
  }

  private static void row(StringBuilder b, String name, LatencyHistogram h) {
    b.append(String.format(Locale.ROOT, "%-9s %8d %9.2f %9.2f %9.2f %9.2f%n", name, h.count(),
        h.percentileMicros(50) / 1e3, h.percentileMicros(90) / 1e3, h.percentileMicros(99) / 1e3, h.maxMicros() / 1e3));
  }
}
