package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.smtp.FakeSmtpServer;
import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
  private FakeSmtpServer server;
  private final Collected log = new Collected();

  /** Keeps every result in memory. */
  static final class Collected implements ResultLog {
    final List<MessageResult> results = new CopyOnWriteArrayList<>();

    @Override
    public void record(MessageResult r) {
      results.add(r);
    }

    @Override
    public void close() {}

    Map<Outcome, Integer> outcomes() {
      Map<Outcome, Integer> m = new HashMap<>();
      for (MessageResult r : results) {
        m.merge(r.outcome(), 1, Integer::sum);
      }
      return m;
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = new FakeSmtpServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private ReplayConfig.Builder config() {
    return ReplayConfig.builder("127.0.0.1", server.port())
        .client(SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(5))))
        .policy(RecipientPolicy.fixed(List.of("sink@example.test")))
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20))
        .deadline(Duration.ofSeconds(30));
  }

  private ReplaySummary run(ReplayConfig c, int messages) throws IOException {
    return new Replayer(c).run(MessageSource.of(Messages.many(messages)), log, null);
  }

  private static void assertAccounted(ReplaySummary s, Collected log) {
    long sum = 0;
    for (Outcome o : Outcome.values()) {
      sum += s.count(o);
    }
    assertEquals(s.messagesRead(), s.sent());
    assertEquals(s.sent(), sum);
    assertEquals(s.sent(), log.results.size());
  }

  @Test
  void everyMessageIsDeliveredToTheFixedRecipient() throws IOException {
    ReplaySummary s = run(config().sessions(3).build(), 20);
    assertEquals(20, s.count(Outcome.ACCEPTED));
    assertEquals(20, server.received.size());
    assertTrue(server.received.stream().allMatch(r -> r.recipients().equals(List.of("sink@example.test"))));
    assertAccounted(s, log);
  }

  @Test
  void downgradedMessageIsAcceptedAndTheLogSaysSo() throws IOException {
    server.extensions = List.of("PIPELINING");
    ReplayConfig c = config()
        .client(SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(5)))
            .withEightBit(SmtpClientConfig.EightBitFallback.DOWNGRADE))
        .build();
    String eight = "From: a@origin.test\nTo: b@real.test\nSubject: caf\u00e9\n\ncaf\u00e9\n";
    String bad = "From: J\u00fcrgen <j@origin.test>\nTo: b@real.test\nSubject: x\n\ncaf\u00e9\n";
    ReplaySummary s = new Replayer(c).run(
        MessageSource.of(List.of(Messages.raw(0, eight), Messages.raw(1, bad))), log, null);
    assertEquals(1, s.count(Outcome.ACCEPTED));
    assertEquals(1, s.count(Outcome.REFUSED_LOCALLY));
    for (MessageResult r : log.results) {
      if (r.index() == 0) {
        assertEquals(Outcome.ACCEPTED, r.outcome());
        assertTrue(r.detail().contains("downgraded to 7-bit"), r.detail());
      } else {
        assertEquals(Outcome.REFUSED_LOCALLY, r.outcome());
        assertTrue(r.detail().contains("SMTPUTF8"), r.detail());
      }
    }
    assertEquals(1, server.received.size());
  }

  @Test
  void transientReplyIsRetriedUntilAccepted() throws IOException {
    AtomicInteger ends = new AtomicInteger();
    server.rules.add((c, line) -> line.equals(".") && ends.incrementAndGet() <= 2 ? "451 4.3.0 Try again later" : null);
    ReplaySummary s = run(config().build(), 1);
    assertEquals(1, s.count(Outcome.ACCEPTED));
    assertEquals(3, log.results.get(0).attempts());
    assertEquals(1, server.received.size());
  }

  @Test
  void transientReplyBecomesDeferredWhenRetriesRunOut() throws IOException {
    server.endReply = "452 4.3.1 Insufficient system storage";
    ReplaySummary s = run(config().retries(2).build(), 2);
    assertEquals(2, s.count(Outcome.DEFERRED));
    assertEquals(3, log.results.get(0).attempts());
    assertEquals(452, log.results.get(0).last().end().code());
  }

  @Test
  void permanentReplyIsRejectedWithoutRetry() throws IOException {
    server.rules.add((c, line) -> line.startsWith("MAIL") ? "550 5.7.1 Not allowed" : null);
    ReplaySummary s = run(config().build(), 3);
    assertEquals(3, s.count(Outcome.REJECTED));
    assertTrue(log.results.stream().allMatch(r -> r.attempts() == 1 && r.detail().contains("5.7.1")));
  }

  @Test
  void connectionLostMidMessageIsRetriedOnANewConnection() throws IOException {
    server.dropInDataOnConnections.add(1);
    ReplaySummary s = run(config().build(), 1);
    assertEquals(1, s.count(Outcome.ACCEPTED));
    assertEquals(2, log.results.get(0).attempts());
    assertEquals(2, server.connections());
    assertEquals(1, server.received.size());
  }

  @Test
  void slowServerTimesOutAndIsRecordedAsFailed() throws IOException {
    server.rules.add((c, line) -> {
      if (line.startsWith("MAIL")) {
        Thread.sleep(2000);
      }
      return null;
    });
    ReplayConfig c = config().retries(0)
        .client(SmtpClientConfig.defaults().withTimeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))))
        .build();
    ReplaySummary s = run(c, 1);
    assertEquals(1, s.count(Outcome.FAILED));
    assertTrue(log.results.get(0).detail().contains("MAIL"), log.results.get(0).detail());
  }

  @Test
  void deadlineEndsARunAgainstAServerThatNeverAnswers() throws IOException {
    server.rules.add((c, line) -> {
      Thread.sleep(60_000);
      return null;
    });
    ReplayConfig c = config().sessions(2)
        .client(SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofMinutes(5))))
        .deadline(Duration.ofMillis(800)).build();
    ReplaySummary s = run(c, 10);
    assertTrue(s.isDeadlineReached());
    assertTrue(s.messagesRead() >= 1 && s.messagesRead() < 10);
    assertEquals(s.messagesRead(), s.count(Outcome.FAILED));
    assertAccounted(s, log);
  }

  @Test
  void deferredRecipientIsRetriedAloneAfterTheOthersWereAccepted() throws IOException {
    AtomicInteger busy = new AtomicInteger();
    server.rules.add((c, line) -> line.contains("<busy@") && busy.incrementAndGet() == 1 ? "450 4.2.1 Mailbox busy" : null);
    ReplayConfig c = config().policy(new RecipientPolicy(List.of(), List.of(), Set.of("example.test"), false)).build();
    var source = MessageSource.of(List.of(Messages.raw(0, Messages.message(0, "ok@example.test, busy@example.test"))));
    ReplaySummary s = new Replayer(c).run(source, log, null);
    assertEquals(1, s.count(Outcome.ACCEPTED));
    assertEquals(2, server.received.size());
    assertEquals(List.of("ok@example.test"), server.received.get(0).recipients());
    assertEquals(List.of("busy@example.test"), server.received.get(1).recipients());
  }

  @Test
  void accountingHoldsWithManySessionsShortConnectionsAndMixedReplies() throws IOException {
    AtomicInteger n = new AtomicInteger();
    server.rules.add((c, line) -> {
      if (!line.equals(".")) {
        return null;
      }
      int i = n.incrementAndGet();
      return i % 7 == 0 ? "554 5.6.0 Rejected" : i % 5 == 0 ? "451 4.3.0 later" : null;
    });
    ReplaySummary s = run(config().sessions(4).perSession(3).retries(1).build(), 60);
    assertAccounted(s, log);
    assertEquals(server.received.size(), s.count(Outcome.ACCEPTED));
    assertTrue(s.connections() >= 60 / 3);
    assertTrue(s.count(Outcome.REJECTED) > 0);
  }

  @Test
  void countAndRefusalsAreAccounted() throws IOException {
    ReplayConfig c = config().policy(new RecipientPolicy(List.of(), List.of(), Set.of("real.test"), false)).count(10).build();
    var list = new java.util.ArrayList<>(Messages.many(5));
    list.add(Messages.raw(5, Messages.message(5, "x@elsewhere.test")));
    list.addAll(Messages.many(20));
    ReplaySummary s = new Replayer(c).run(MessageSource.of(list), log, null);
    assertEquals(10, s.sent());
    assertEquals(1, s.count(Outcome.REFUSED_LOCALLY));
    assertEquals(9, s.count(Outcome.ACCEPTED));
    assertAccounted(s, log);
  }

  @Test
  void originalTimingStillSendsEverything() throws IOException {
    ReplaySummary s = run(config().timingFactor(100).build(), 5);
    assertEquals(5, s.count(Outcome.ACCEPTED));
  }

  @Test
  void runWithoutRecipientPolicyIsRefused() {
    ReplayConfig c = ReplayConfig.builder("127.0.0.1", server.port()).build();
    assertThrows(IllegalArgumentException.class, () -> new Replayer(c));
  }

  @Test
  void logFilesHoldOneRecordPerMessage(@TempDir Path dir) throws IOException {
    server.rules.add((c, line) -> line.startsWith("RCPT") && c.messages == 1 ? "550 5.1.1 unknown" : null);
    Path csv = dir.resolve("log.csv");
    Path json = dir.resolve("log.jsonl");
    for (Path p : List.of(csv, json)) {
      try (ResultLog l = ResultLog.open(p, ResultLog.Format.of(p))) {
        new Replayer(config().build()).run(MessageSource.of(Messages.many(3)), l, null);
      }
    }
    List<String> rows = Files.readAllLines(csv);
    assertEquals(4, rows.size());
    assertTrue(rows.get(0).startsWith("file,offset,length,sha256,index,mail_from,rcpt_to"));
    assertTrue(rows.get(1).contains(",accepted,1,250,"), rows.get(1));
    List<String> lines = Files.readAllLines(json);
    assertEquals(3, lines.size());
    assertTrue(lines.get(1).contains("\"outcome\":\"rejected\""), lines.get(1));
    assertTrue(lines.get(1).contains("\"rcpt_codes\":\"550\""), lines.get(1));
    assertTrue(lines.get(0).contains("\"sha256\":\""), lines.get(0));
  }
}
