package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays into Postfix's smtp-sink on 127.0.0.1, started by the test on a free port, with its
 * fault options (soft and hard rejects, disconnects, delays). Skipped when smtp-sink is not
 * installed (apt-get install postfix; the postfix daemon is never started).
 */
class ReplayerSmtpSinkTest {
  private static String sink;
  private Process process;
  private int port;
  private final ReplayerTest.Collected log = new ReplayerTest.Collected();

  @BeforeAll
  static void findSink() {
    for (String p : List.of("/usr/sbin/smtp-sink", "/usr/bin/smtp-sink", "/usr/local/sbin/smtp-sink")) {
      if (Files.isExecutable(Path.of(p))) {
        sink = p;
      }
    }
    Assumptions.assumeTrue(sink != null, "smtp-sink is not installed");
  }

  private void start(String... options) throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(sink));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root without it
    }
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("127.0.0.1:" + port, "64"));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long until = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > until || !process.isAlive()) {
          throw new IllegalStateException("smtp-sink did not start on port " + port, e);
        }
        Thread.sleep(20);
      }
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }

  private ReplaySummary replay(int messages, int sessions, SmtpClientConfig client) throws IOException {
    ReplayConfig c = ReplayConfig.builder("127.0.0.1", port)
        .client(client)
        .policy(RecipientPolicy.fixed(List.of("sink@example.test")))
        .sessions(sessions)
        .perSession(7)
        .retries(1)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20))
        .deadline(Duration.ofSeconds(40))
        .build();
    ReplaySummary s = new Replayer(c).run(MessageSource.of(Messages.many(messages)), log, null);
    System.out.print(s.format());
    long sum = 0;
    for (Outcome o : Outcome.values()) {
      sum += s.count(o);
    }
    // Nothing lost, nothing counted twice.
    assertEquals(messages, s.messagesRead());
    assertEquals(s.messagesRead(), sum);
    assertEquals(sum, log.results.size());
    return s;
  }

  private static SmtpClientConfig quick() {
    return SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(5)));
  }

  @Test
  void everythingIsAcceptedByAWillingServer() throws Exception {
    start();
    ReplaySummary s = replay(100, 8, quick());
    assertEquals(100, s.count(Outcome.ACCEPTED));
    assertTrue(s.connections() >= 100 / 7);
  }

  @Test
  void softRejectedRecipientsAreRetriedThenDeferred() throws Exception {
    start("-r", "RCPT");
    ReplaySummary s = replay(10, 2, quick());
    assertEquals(10, s.count(Outcome.DEFERRED));
    assertTrue(log.results.stream().allMatch(r -> r.attempts() == 2));
  }

  @Test
  void hardRejectedContentIsRejectedOnce() throws Exception {
    start("-f", ".");
    ReplaySummary s = replay(10, 2, quick());
    assertEquals(10, s.count(Outcome.REJECTED));
    assertTrue(log.results.stream().allMatch(r -> r.attempts() == 1 && r.last().end().isPermanent()));
  }

  @Test
  void disconnectAfterContentIsRetriedThenFailed() throws Exception {
    start("-q", ".");
    ReplaySummary s = replay(10, 2, quick());
    assertEquals(10, s.count(Outcome.FAILED));
    // Each message was tried twice; with pipelining two messages share a broken connection.
    assertTrue(log.results.stream().allMatch(r -> r.attempts() == 2));
    assertTrue(s.connections() >= 10);
  }

  @Test
  void serverClosingAtMailIsDeferred() throws Exception {
    start("-Q", "MAIL");
    ReplaySummary s = replay(6, 2, quick());
    assertEquals(6, s.count(Outcome.DEFERRED));
  }

  @Test
  void slowDataReplyHitsTheDataTimeout() throws Exception {
    start("-w", "2");
    Timeouts t = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(5));
    // Without pipelining, so the DATA reply is waited for on its own with the DATA timeout.
    ReplaySummary s = replay(2, 2, quick().withTimeouts(t).withPipelining(false));
    assertEquals(2, s.count(Outcome.FAILED));
    assertTrue(log.results.get(0).detail().contains("DATA"), log.results.get(0).detail());
  }
}
