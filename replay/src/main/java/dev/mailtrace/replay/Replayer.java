package dev.mailtrace.replay;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.smtp.Envelope;
import dev.mailtrace.smtp.SmtpException;
import dev.mailtrace.smtp.SmtpReply;
import dev.mailtrace.smtp.SmtpSession;
import dev.mailtrace.smtp.Stage;
import dev.mailtrace.smtp.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a replay: reads messages from a {@link MessageSource}, plans them, and sends them over
 * {@code sessions} parallel SMTP connections, one virtual thread each, within the configured rate,
 * count, duration and original timing.
 *
 * <p>Transient failures (4xx, lost connections, timeouts) are retried with exponential backoff and
 * jitter, on a new connection when the old one is gone; 5xx replies are final. Every message read
 * gets exactly one result in the log and the summary. A global deadline aborts whatever is still
 * running, so a run always ends.
 */
public final class Replayer {
  private static final PlannedMessage END = new PlannedMessage(
      new dev.mailtrace.message.Source("", 0, 0, ""), -1, null, dev.mailtrace.smtp.MessageData.of(new byte[0]), List.of(), "end", null);

  private final ReplayConfig config;
  private final ReplayPlanner planner;
  private final Set<SmtpSession> live = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  private volatile IOException logFailure;
  private ReplaySummary summary;
  private ResultLog log;
  private long deadlineNanos;

  /**
   * A replayer for a configuration.
   *
   * @throws IllegalArgumentException when the recipient policy is neither restricted nor
   *     explicitly unrestricted
   */
  public Replayer(ReplayConfig config) {
    if (!config.policy().isUsable()) {
      throw new IllegalArgumentException("no recipient policy: rewrite recipients, give fixed recipients or allowed domains, or choose unrestricted explicitly");
    }
    this.config = config;
    this.planner = new ReplayPlanner(config);
  }

  /**
   * Replays every message of {@code source} (within the limits) and returns the summary.
   *
   * @param log where each message's result goes
   * @param progress receives a progress line about once a second, or null
   * @throws IOException when the source cannot be read or the log cannot be written
   */
  public ReplaySummary run(MessageSource source, ResultLog log, Consumer<String> progress) throws IOException {
    this.summary = new ReplaySummary();
    this.log = log;
    long start = System.nanoTime();
    deadlineNanos = start + config.deadline().toNanos();
    BlockingQueue<PlannedMessage> queue = new ArrayBlockingQueue<>(config.sessions() * 2 + 8);
    SendRate rate = new SendRate(config.rate());
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mailtrace-replay-clock");
      t.setDaemon(true);
      return t;
    });
    clock.schedule(this::stop, config.deadline().toNanos(), TimeUnit.NANOSECONDS);
    if (progress != null) {
      clock.scheduleAtFixedRate(() -> progress.accept(summary.progressLine()), 1, 1, TimeUnit.SECONDS);
    }
    try {
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < config.sessions(); i++) {
          workers.submit(new Worker(queue, rate));
        }
        try {
          produce(source, queue, start);
        } finally {
          for (int i = 0; i < config.sessions(); i++) {
            offer(queue, END, true);
          }
        }
      }
      // After the deadline, what was still queued was never tried.
      List<PlannedMessage> left = new ArrayList<>();
      queue.drainTo(left);
      for (PlannedMessage p : left) {
        if (p != END) {
          finish(p, p.envelope(), Outcome.FAILED, 0, null, "not sent: the run's deadline was reached", 0);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IOException("replay interrupted", e);
    } finally {
      clock.shutdownNow();
      summary.finish();
    }
    if (logFailure != null) {
      throw logFailure;
    }
    return summary;
  }

  /** Stops the run now: aborts open sessions; what is queued is recorded as failed. */
  public void stop() {
    stopping = true;
    for (SmtpSession s : live) {
      s.abort();
    }
  }

  private void produce(MessageSource source, BlockingQueue<PlannedMessage> queue, long start)
      throws IOException, InterruptedException {
    long endNanos = config.duration() == null ? Long.MAX_VALUE : start + config.duration().toNanos();
    long taken = 0;
    Instant firstArrival = null;
    long firstAt = 0;
    while (!stopping) {
      if (config.count() > 0 && taken >= config.count()) {
        break;
      }
      if (System.nanoTime() - endNanos > 0) {
        break;
      }
      RawMessage raw = source.next();
      if (raw == null) {
        break;
      }
      PlannedMessage p = planner.plan(raw);
      if (config.timingFactor() > 0 && p.arrival() != null) {
        if (firstArrival == null) {
          firstArrival = p.arrival();
          firstAt = System.nanoTime();
        } else {
          double gap = (p.arrival().toEpochMilli() - firstArrival.toEpochMilli()) * 1e6 / config.timingFactor();
          long target = firstAt + (long) Math.min(gap, Long.MAX_VALUE / 4.0);
          if (!sleepUntil(Math.min(target, endNanos))) {
            break;
          }
          if (System.nanoTime() - endNanos > 0) {
            break;
          }
        }
      }
      taken++;
      summary.read();
      if (!p.isSendable()) {
        finish(p, null, Outcome.REFUSED_LOCALLY, 0, null, p.refusal(), 0);
        continue;
      }
      if (!offer(queue, p, false)) {
        finish(p, p.envelope(), Outcome.FAILED, 0, null, "not sent: the run's deadline was reached", 0);
      }
    }
  }

  private boolean offer(BlockingQueue<PlannedMessage> queue, PlannedMessage p, boolean evenWhenStopping)
      throws InterruptedException {
    while (evenWhenStopping || !stopping) {
      if (queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (stopping && evenWhenStopping && queue.remainingCapacity() == 0) {
        // Workers have stopped taking; they leave on the stop flag.
        return false;
      }
    }
    return false;
  }

  /** Sleeps until a time on the nanoTime clock, or the deadline; false when stopping. */
  private boolean sleepUntil(long target) throws InterruptedException {
    while (!stopping) {
      long wait = Math.min(target, deadlineNanos) - System.nanoTime();
      if (wait <= 0) {
        return !stopping;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
    }
    return false;
  }

  private void finish(PlannedMessage p, Envelope envelope, Outcome outcome, int attempts, Transaction last, String detail, long latency) {
    summary.outcome(outcome, attempts, latency);
    if (outcome == Outcome.ACCEPTED && last != null) {
      summary.bytes(last.bytes());
    }
    try {
      log.record(new MessageResult(p.source(), p.index(), envelope, p.size(), outcome, attempts, last, detail, latency));
    } catch (IOException e) {
      if (logFailure == null) {
        logFailure = e;
      }
    } catch (UncheckedIOException e) {
      if (logFailure == null) {
        logFailure = e.getCause();
      }
    }
  }

  /** One session's loop: take a message, send it (with retries), repeat. */
  private final class Worker implements Runnable {
    private final BlockingQueue<PlannedMessage> queue;
    private final SendRate rate;
    private SmtpSession session;
    private int onSession;

    Worker(BlockingQueue<PlannedMessage> queue, SendRate rate) {
      this.queue = queue;
      this.rate = rate;
    }

    @Override
    public void run() {
      try {
        while (true) {
          PlannedMessage p = queue.poll(100, TimeUnit.MILLISECONDS);
          if (p == null) {
            if (stopping) {
              return;
            }
            continue;
          }
          if (p == END) {
            return;
          }
          if (stopping || !rate.acquire(deadlineNanos)) {
            finish(p, p.envelope(), Outcome.FAILED, 0, null, "not sent: the run's deadline was reached", 0);
            continue;
          }
          deliver(p);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (session != null) {
          live.remove(session);
          session.quit();
        }
      }
    }

    private void deliver(PlannedMessage p) throws InterruptedException {
      long t0 = System.nanoTime();
      Envelope envelope = p.envelope();
      int attempts = 0;
      Transaction last = null;
      boolean someAccepted = false;
      List<String> notes = new ArrayList<>(0);
      while (true) {
        attempts++;
        try {
          ensureSession();
          onSession++;
          Transaction tx = session.send(envelope, p.data());
          last = tx;
          stages(tx);
          if (tx.isRefusedLocally()) {
            onSession--;
            finish(p, envelope, someAccepted ? Outcome.ACCEPTED : Outcome.REFUSED_LOCALLY, attempts, tx, tx.refusal(), System.nanoTime() - t0);
            return;
          }
          if (tx.isAccepted()) {
            someAccepted = true;
            List<Envelope.Recipient> later = new ArrayList<>();
            for (int i = 0; i < tx.recipients().size(); i++) {
              SmtpReply r = tx.recipients().get(i);
              if (!r.isPositive()) {
                notes.add(envelope.recipients().get(i).address() + ": " + r);
                if (r.isTransient()) {
                  later.add(envelope.recipients().get(i));
                }
              }
            }
            if (!later.isEmpty() && attempts <= config.retries() && !stopping) {
              // RFC 5321 section 4.5.4.1: deferred recipients are tried again later.
              envelope = envelope.withRecipients(later);
              backoff(attempts);
              continue;
            }
            finish(p, envelope, Outcome.ACCEPTED, attempts, tx, String.join("; ", notes), System.nanoTime() - t0);
            return;
          }
          SmtpReply r = tx.decidingReply();
          if (r.isTransient() && attempts <= config.retries() && !stopping) {
            backoff(attempts);
            continue;
          }
          Outcome o = someAccepted ? Outcome.ACCEPTED : r.isTransient() ? Outcome.DEFERRED : Outcome.REJECTED;
          notes.add(r.toString());
          finish(p, envelope, o, attempts, tx, String.join("; ", notes), System.nanoTime() - t0);
          return;
        } catch (SmtpException e) {
          dropSession();
          if (stopping) {
            finish(p, envelope, someAccepted ? Outcome.ACCEPTED : Outcome.FAILED, attempts, last,
                "the run's deadline was reached: " + e.getMessage(), System.nanoTime() - t0);
            return;
          }
          if (e.isTransient() && attempts <= config.retries()) {
            backoff(attempts);
            continue;
          }
          SmtpReply r = e.reply();
          Outcome o = someAccepted ? Outcome.ACCEPTED
              : r != null && r.isPermanent() ? Outcome.REJECTED
              : r != null && r.isTransient() ? Outcome.DEFERRED
              : Outcome.FAILED;
          notes.add(e.getMessage());
          finish(p, envelope, o, attempts, last, String.join("; ", notes), System.nanoTime() - t0);
          return;
        }
      }
    }

    private void ensureSession() throws SmtpException {
      if (session != null && session.isOpen() && (config.perSession() == 0 || onSession < config.perSession())) {
        return;
      }
      if (session != null) {
        live.remove(session);
        session.quit();
        session = null;
      }
      long t0 = System.nanoTime();
      // Registered before connecting, so that the deadline can abort a connection that hangs.
      session = SmtpSession.create(config.host(), config.port(), config.client());
      live.add(session);
      if (stopping) {
        session.abort();
      }
      session.connect();
      summary.connected(System.nanoTime() - t0);
      onSession = 0;
    }

    private void dropSession() {
      if (session != null) {
        live.remove(session);
        session.close();
        session = null;
      }
    }

    private void stages(Transaction tx) {
      summary.stage(Stage.MAIL, tx.mailNanos());
      summary.stage(Stage.RCPT, tx.rcptNanos());
      summary.stage(Stage.DATA, tx.dataNanos());
      summary.stage(Stage.DATA_END, tx.endNanos());
    }

    /** Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped. */
    private void backoff(int attempt) throws InterruptedException {
      long base = config.backoff().toNanos();
      long max = config.backoffMax().toNanos();
      long delay = Math.min(max, base << Math.min(30, attempt - 1));
      delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      sleepUntil(System.nanoTime() + delay);
    }
  }
}
