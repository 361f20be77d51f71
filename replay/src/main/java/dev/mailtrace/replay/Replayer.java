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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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
  private final ReplayConfig config;
  private final ReplayPlanner planner;
  private final Set<SmtpSession> live = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  private volatile IOException logFailure;
  private ReplaySummary summary;
  private ResultLog log;
  private long deadlineNanos;
  private volatile Thread feedThread;
  /** One virtual thread per session: SMTP is waiting on sockets, not computing. */
  private final ThreadFactory threads = Thread.ofVirtual().name("mailtrace-replay-session-", 0).factory();

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
    Feed feed = new Feed(source, start);
    SendRate rate = new SendRate(config.rate());
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mailtrace-replay-clock");
      t.setDaemon(true);
      return t;
    });
    clock.schedule(() -> {
      summary.deadlineReached();
      stop();
    }, config.deadline().toNanos(), TimeUnit.NANOSECONDS);
    if (progress != null) {
      clock.scheduleAtFixedRate(() -> progress.accept(summary.progressLine()), 1, 1, TimeUnit.SECONDS);
    }
    Thread reader = Thread.ofPlatform().name("mailtrace-replay-feed").daemon().start(feed);
    feedThread = reader;
    try (ExecutorService workers = Executors.newThreadPerTaskExecutor(threads)) {
      for (int i = 0; i < config.sessions(); i++) {
        workers.submit(new Worker(feed, rate));
      }
    } finally {
      reader.interrupt();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      feed.abandonRest();
      clock.shutdownNow();
      summary.finish();
    }
    if (feed.failure != null) {
      throw feed.failure;
    }
    if (logFailure != null) {
      throw logFailure;
    }
    return summary;
  }

  /** Stops the run now: aborts open sessions; messages in hand are recorded as failed. */
  public void stop() {
    stopping = true;
    Thread reader = feedThread;
    if (reader != null) {
      reader.interrupt();
    }
    for (SmtpSession s : live) {
      s.abort();
    }
  }

  /**
   * The messages to send: one thread reads and plans them (records local refusals, applies count,
   * duration and original timing) ahead of the sessions, which take them from a queue. The queue
   * is bounded by count and by bytes, so memory stays bounded whatever the archive holds; the
   * reading and the content scan (size, 8-bit) overlap with sending instead of holding up a
   * session.
   */
  private final class Feed implements Runnable {
    private static final int BUDGET_KB = 64 * 1024;
    private final MessageSource source;
    private final long endNanos;
    private final java.util.concurrent.LinkedBlockingQueue<PlannedMessage> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.Semaphore slots;
    private final java.util.concurrent.Semaphore budget = new java.util.concurrent.Semaphore(BUDGET_KB);
    private final PlannedMessage end = new PlannedMessage(new dev.mailtrace.message.Source("", 0, 0, ""), -1, null,
        dev.mailtrace.smtp.MessageData.of(new byte[0]), List.of(), "end of the feed", null);
    private long taken;
    private Instant firstArrival;
    private long firstAt;
    volatile IOException failure;

    Feed(MessageSource source, long start) {
      this.source = source;
      this.endNanos = config.duration() == null ? Long.MAX_VALUE : start + config.duration().toNanos();
      this.slots = new java.util.concurrent.Semaphore(2 * config.sessions() + 2);
    }

    @Override
    public void run() {
      try {
        PlannedMessage p;
        while ((p = read()) != null) {
          try {
            slots.acquire();
            budget.acquire(permits(p));
          } catch (InterruptedException e) {
            finish(p, p.envelope(), Outcome.FAILED, 0, null, "not sent: the run's deadline was reached", 0);
            return;
          }
          queue.add(p);
        }
      } catch (InterruptedException e) {
        // stop(): the run is ending.
      } finally {
        queue.add(end);
      }
    }

    private int permits(PlannedMessage p) {
      // A streamed message holds its first bytes (up to the in-memory limit) until it is sent.
      long bytes = p.data().isStreamed() ? config.inMemoryLimit() : p.size();
      return (int) Math.max(1, Math.min(BUDGET_KB, bytes >> 10));
    }

    /** The next message to send, reading the source as far as needed; null at its end. */
    private PlannedMessage read() throws InterruptedException {
      while (!stopping) {
        if (config.count() > 0 && taken >= config.count() || System.nanoTime() - endNanos > 0) {
          return null;
        }
        RawMessage raw;
        try {
          raw = source.next();
        } catch (IOException e) {
          failure = e;
          return null;
        }
        if (raw == null) {
          return null;
        }
        PlannedMessage p = planner.plan(raw, source.capture());
        if (config.timingFactor() > 0 && p.arrival() != null) {
          if (firstArrival == null) {
            firstArrival = p.arrival();
            firstAt = System.nanoTime();
          } else {
            double gap = (p.arrival().toEpochMilli() - firstArrival.toEpochMilli()) * 1e6 / config.timingFactor();
            long target = firstAt + (long) Math.min(gap, Long.MAX_VALUE / 4.0);
            if (!sleepUntil(Math.min(target, endNanos)) || System.nanoTime() - endNanos > 0) {
              return null;
            }
          }
        }
        taken++;
        summary.read();
        if (!p.isSendable()) {
          finish(p, null, Outcome.REFUSED_LOCALLY, 0, null, p.refusal(), 0);
          continue;
        }
        return p;
      }
      return null;
    }

    /** The next message, waiting for the reader if need be; null at the end of the feed. */
    PlannedMessage next() throws InterruptedException {
      PlannedMessage p = queue.take();
      return handOut(p);
    }

    /** The next message if one is ready now; {@code end} when there is none yet, null at the end. */
    PlannedMessage poll() {
      PlannedMessage p = queue.poll();
      return p == null ? end : handOut(p);
    }

    boolean isEnd(PlannedMessage p) {
      return p == end;
    }

    private PlannedMessage handOut(PlannedMessage p) {
      if (p == end) {
        // Left for the other sessions to see.
        queue.add(end);
        return null;
      }
      slots.release();
      budget.release(permits(p));
      return p;
    }

    /** Messages read but never handed out (the run stopped): each gets its result. */
    void abandonRest() {
      PlannedMessage p;
      while ((p = queue.poll()) != null) {
        if (p != end) {
          finish(p, p.envelope(), Outcome.FAILED, 0, null, "not sent: the run's deadline was reached", 0);
        }
      }
    }
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

  /** One message on its way: the attempts made so far and what they gave. */
  private final class Attempt {
    final PlannedMessage message;
    final long start = System.nanoTime();
    final List<String> notes = new ArrayList<>(0);
    Envelope envelope;
    int attempts;
    boolean someAccepted;
    Transaction last;
    long notBefore;

    Attempt(PlannedMessage message) {
      this.message = message;
      this.envelope = message.envelope();
    }

    void finish(Outcome outcome, String detail) {
      Replayer.this.finish(message, envelope, outcome, attempts, last, detail, System.nanoTime() - start);
    }
  }

  /**
   * One session's loop: take a message (a retry that is due, else the next from the feed), submit
   * it, handle the results as they come back. With PIPELINING a message's final reply is read with
   * the next message's replies, so up to two messages are in flight; retries wait their backoff in
   * a list without holding up the session.
   */
  private final class Worker implements Runnable {
    private final Feed feed;
    private final SendRate rate;
    private final ArrayDeque<Attempt> inflight = new ArrayDeque<>(2);
    private final List<Attempt> waiting = new ArrayList<>();
    private SmtpSession session;
    private int onSession;
    private boolean feedDone;

    Worker(Feed feed, SendRate rate) {
      this.feed = feed;
      this.rate = rate;
    }

    @Override
    public void run() {
      try {
        Attempt a;
        while ((a = next()) != null) {
          if (stopping) {
            a.finish(Outcome.FAILED, "not sent: the run's deadline was reached");
            continue;
          }
          if (config.rate() > 0) {
            flush();
          }
          if (!rate.acquire(deadlineNanos)) {
            a.finish(Outcome.FAILED, "not sent: the run's deadline was reached");
            continue;
          }
          submit(a);
        }
        drain();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        for (Attempt x : inflight) {
          x.finish(Outcome.FAILED, "no final reply: the run's deadline was reached");
        }
        inflight.clear();
        for (Attempt x : waiting) {
          x.finish(Outcome.FAILED, "not retried: the run's deadline was reached; " + String.join("; ", x.notes));
        }
        waiting.clear();
        if (session != null) {
          live.remove(session);
          session.quit();
        }
      }
    }

    /** A retry that is due, else the next message, else (after draining) the earliest retry; null at the end. */
    private Attempt next() throws InterruptedException {
      while (!stopping) {
        Attempt due = earliestWaiting();
        if (due != null && due.notBefore - System.nanoTime() <= 0) {
          waiting.remove(due);
          return due;
        }
        if (!feedDone) {
          PlannedMessage p = feed.poll();
          if (feed.isEnd(p)) {
            // Nothing ready: let the server have the pending content while the reader catches up.
            flush();
            p = feed.next();
          }
          if (p != null) {
            return new Attempt(p);
          }
          feedDone = true;
        }
        drain();
        due = earliestWaiting();
        if (due == null) {
          return null;
        }
        if (!sleepUntil(due.notBefore)) {
          return null;
        }
      }
      return null;
    }

    private Attempt earliestWaiting() {
      Attempt best = null;
      for (Attempt x : waiting) {
        if (best == null || x.notBefore - best.notBefore < 0) {
          best = x;
        }
      }
      return best;
    }

    private void submit(Attempt a) {
      a.attempts++;
      try {
        ensureSession();
        onSession++;
        List<Transaction> done = session.submit(a.envelope, a.message.data());
        inflight.add(a);
        for (Transaction tx : done) {
          handle(inflight.poll(), tx);
        }
      } catch (SmtpException e) {
        connectionLost(e, a);
      }
    }

    private void drain() {
      if (session == null || !session.isOpen()) {
        return;
      }
      try {
        for (Transaction tx : session.drain()) {
          handle(inflight.poll(), tx);
        }
      } catch (SmtpException e) {
        connectionLost(e, null);
      }
    }

    private void flush() {
      if (session != null && session.isOpen()) {
        try {
          session.flushPending();
        } catch (SmtpException e) {
          connectionLost(e, null);
        }
      }
    }

    /** The session failed: results read before the failure count; the other messages in flight are retried or failed. */
    private void connectionLost(SmtpException e, Attempt current) {
      List<Transaction> done = session == null ? List.of() : session.takeCompleted();
      if (current != null && !inflight.contains(current)) {
        inflight.add(current);
      }
      for (Transaction tx : done) {
        handle(inflight.poll(), tx);
      }
      dropSession();
      Attempt x;
      while ((x = inflight.poll()) != null) {
        if (stopping) {
          x.finish(x.someAccepted ? Outcome.ACCEPTED : Outcome.FAILED, "the run's deadline was reached: " + e.getMessage());
        } else if (e.isTransient() && x.attempts <= config.retries()) {
          retryLater(x);
        } else {
          SmtpReply r = e.reply();
          Outcome o = x.someAccepted ? Outcome.ACCEPTED
              : r != null && r.isPermanent() ? Outcome.REJECTED
              : r != null && r.isTransient() ? Outcome.DEFERRED
              : Outcome.FAILED;
          x.notes.add(e.getMessage());
          x.finish(o, String.join("; ", x.notes));
        }
      }
    }

    /** What a finished transaction means for its message: done, or retried later. */
    private void handle(Attempt x, Transaction tx) {
      x.last = tx;
      stages(tx);
      if (tx.adjustment() != null && !x.notes.contains(tx.adjustment())) {
        // The per-message log says what was changed before sending (a 7-bit downgrade).
        x.notes.add(tx.adjustment());
      }
      if (tx.isRefusedLocally()) {
        onSession--;
        x.finish(x.someAccepted ? Outcome.ACCEPTED : Outcome.REFUSED_LOCALLY, tx.refusal());
        return;
      }
      if (tx.isAccepted()) {
        x.someAccepted = true;
        List<Envelope.Recipient> later = new ArrayList<>();
        for (int i = 0; i < tx.recipients().size(); i++) {
          SmtpReply r = tx.recipients().get(i);
          if (!r.isPositive()) {
            x.notes.add(x.envelope.recipients().get(i).address() + ": " + r);
            if (r.isTransient()) {
              later.add(x.envelope.recipients().get(i));
            }
          }
        }
        if (!later.isEmpty() && x.attempts <= config.retries() && !stopping) {
          // RFC 5321 section 4.5.4.1: deferred recipients are tried again later.
          x.envelope = x.envelope.withRecipients(later);
          retryLater(x);
          return;
        }
        x.finish(Outcome.ACCEPTED, String.join("; ", x.notes));
        return;
      }
      SmtpReply r = tx.decidingReply();
      if (r.isTransient() && x.attempts <= config.retries() && !stopping) {
        retryLater(x);
        return;
      }
      x.notes.add(r.toString());
      x.finish(x.someAccepted ? Outcome.ACCEPTED : r.isTransient() ? Outcome.DEFERRED : Outcome.REJECTED,
          String.join("; ", x.notes));
    }

    private void ensureSession() throws SmtpException {
      if (session != null && session.isOpen() && (config.perSession() == 0 || onSession < config.perSession())) {
        return;
      }
      if (session != null) {
        drain();
        if (session != null) {
          live.remove(session);
          session.quit();
          session = null;
        }
      }
      long t0 = System.nanoTime();
      if (config.exchangers().isEmpty()) {
        session = open(config.host(), null);
      } else {
        session = openExchanger();
      }
      summary.connected(System.nanoTime() - t0);
      onSession = 0;
    }

    /** A session to one host (at one of its addresses when given). */
    private SmtpSession open(String host, java.net.InetAddress address) throws SmtpException {
      // Registered before connecting, so that the deadline can abort a connection that hangs.
      SmtpSession s = SmtpSession.create(host, address, config.port(), config.client());
      live.add(s);
      if (stopping) {
        s.abort();
      }
      try {
        s.connect();
      } catch (SmtpException e) {
        live.remove(s);
        throw e;
      }
      return s;
    }

    /**
     * RFC 5321 section 5.1: the exchangers in preference order (equal ones shuffled), each of
     * their addresses in turn, until one takes the session; the last failure when none does.
     */
    private SmtpSession openExchanger() throws SmtpException {
      SmtpException last = null;
      List<String> tried = new ArrayList<>();
      for (dev.mailtrace.smtp.MailExchanger mx : dev.mailtrace.smtp.MailExchanger.tryOrder(config.exchangers(), ThreadLocalRandom.current())) {
        for (java.net.InetAddress a : mx.addresses()) {
          if (stopping) {
            break;
          }
          try {
            return open(mx.host(), a);
          } catch (SmtpException e) {
            last = e;
            tried.add(mx.host() + " [" + a.getHostAddress() + "]: " + e.getMessage());
          }
        }
      }
      if (last == null) {
        throw new SmtpException(SmtpException.Kind.CONNECTION, Stage.CONNECT, "no exchanger to try", null, null);
      }
      throw tried.size() == 1 ? last
          : new SmtpException(last.kind(), last.stage(), "every exchanger failed: " + String.join("; ", tried), last.reply(), last);
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
    private void retryLater(Attempt x) {
      long base = config.backoff().toNanos();
      long max = config.backoffMax().toNanos();
      long delay = Math.min(max, base << Math.min(30, x.attempts - 1));
      delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      x.notBefore = System.nanoTime() + delay;
      waiting.add(x);
    }
  }
}
