package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.SmtpReply;
import dev.mailtrace.smtp.SmtpSession;
import dev.mailtrace.smtp.Timeouts;
import dev.mailtrace.smtp.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay into a real Postfix (Debian's, a private instance from scripts/mta/postfix-instance.sh)
 * with STARTTLS on a certificate made for the test, Cyrus SASL AUTH, SIZE, 8BITMIME, SMTPUTF8 and
 * CHUNKING, delivering to a Maildir: every delivered message is what was sent, and every refusal
 * is in the log with the server's reply.
 */
@Tag("mta")
class ReplayerPostfixTest {
  private static final int SIZE_LIMIT = 2 << 20;
  /** What Postfix's virtual agent and smtpd put before the message. */
  private static final Set<String> TRACE = Set.of("return-path", "x-original-to", "delivered-to", "received");
  /**
   * What Postfix's cleanup removes from every message (postconf(5), drop_headers, hard-wired before
   * Postfix 3.8): Content-Length; Bcc, Resent-Bcc and Return-Path the replay removes itself.
   */
  private static final Set<String> DROPPED = Set.of("content-length");
  /**
   * Where Postfix changes a message beyond that, as delivered files that match no sent message
   * (the file name of the source, what differs): the header section of the sisimai message at
   * mailbox/mbox-0 offset 80359 has a NUL byte at the end of its Subject line.
   */
  private static final List<String> KNOWN = List.of("mbox-0@80359");

  @TempDir static Path dir;
  private static MtaInstance postfix;

  @BeforeAll
  static void start() throws Exception {
    postfix = MtaInstance.start("postfix-instance.sh", dir.resolve("postfix"), String.valueOf(SIZE_LIMIT));
  }

  @AfterAll
  static void stop() throws Exception {
    if (postfix != null) {
      postfix.close();
    }
  }

  private static SmtpClientConfig client(String password) throws Exception {
    return SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(60)))
        .withTls(TlsMode.REQUIRED).withTrustStore(postfix.trustStore(), "changeit")
        .withAuth(postfix.settings.get("user"), password, false);
  }

  private static ReplayConfig.Builder config(int port, String password) throws Exception {
    return ReplayConfig.builder("127.0.0.1", port).client(client(password))
        .policy(new RecipientPolicy(List.of(), List.of(RecipientPolicy.Rewrite.parse("@.*$=>@replay.test")), Set.of(), false))
        .stamp("postfix-test").sessions(4).retries(0).deadline(Duration.ofMinutes(3));
  }

  @Test
  void everyDeliveredMessageIsWhatWasSent() throws Exception {
    List<Path> sources = MtaReplay.sources(dir, 520);
    ReplayConfig c = config(postfix.port("port"), postfix.settings.get("password")).build();
    ReplayerTest.Collected log = new ReplayerTest.Collected();
    ReplaySummary s;
    try (MessageSource source = MessageSource.archives(sources)) {
      s = new Replayer(c).run(source, log, null);
    }
    long accepted = s.count(Outcome.ACCEPTED);
    System.out.printf("postfix: %d read, %d accepted, %d refused locally, %d rejected, %d failed%n", s.messagesRead(), accepted,
        s.count(Outcome.REFUSED_LOCALLY), s.count(Outcome.REJECTED), s.count(Outcome.FAILED));
    assertTrue(accepted >= 500, "accepted " + accepted);
    assertEquals(0, s.count(Outcome.FAILED) + s.count(Outcome.DEFERRED), log.results.stream().filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.DEFERRED).map(MessageResult::detail).toList().toString());
    int expected = MtaReplay.deliveries(log.results);
    Path maildir = postfix.dir.resolve("mail/box");
    assertEquals(expected, DeliveryCheck.await(maildir, expected, 120_000), "deliveries in the Maildir");
    Map<MessageResult, byte[]> sent = MtaReplay.sentContent(sources, c, log.results, DROPPED, true);
    List<String> problems = DeliveryCheck.compare(sent, DeliveryCheck.read(maildir), TRACE, "delivered-to");
    assertEquals(MtaReplay.known(KNOWN, sources), MtaReplay.disagreeing(problems), String.join("\n", problems));
  }

  @Test
  void refusalsAreLoggedWithTheServersReply() throws Exception {
    Path large = MtaReplay.large(dir, 2, 3 << 20);
    // SIZE announced: the client refuses before sending, quoting the server's limit.
    ReplayerTest.Collected announced = new ReplayerTest.Collected();
    new Replayer(config(postfix.port("port"), postfix.settings.get("password")).sessions(1).build())
        .run(MessageSource.archives(List.of(large)), announced, null);
    assertEquals(2, announced.results.size());
    for (MessageResult r : announced.results) {
      assertEquals(Outcome.REFUSED_LOCALLY, r.outcome());
      assertTrue(r.detail().contains("SIZE limit of " + SIZE_LIMIT), r.detail());
    }
    // SIZE not announced: Postfix refuses after the content, and says so.
    ReplayerTest.Collected unannounced = new ReplayerTest.Collected();
    new Replayer(config(postfix.port("plain"), postfix.settings.get("password")).sessions(1).build())
        .run(MessageSource.archives(List.of(large)), unannounced, null);
    for (MessageResult r : unannounced.results) {
      assertEquals(Outcome.REJECTED, r.outcome(), r.detail());
      assertEquals(552, r.last().end().code(), r.detail());
      assertTrue(r.detail().contains("5.3.4"), r.detail());
    }
    // A recipient Postfix does not know: its RCPT reply is in the log, the other recipient gets it.
    Path mbox = dir.resolve("bad-rcpt.mbox");
    java.nio.file.Files.writeString(mbox, "From a@origin.test Tue Mar  3 10:00:00 2026\nFrom: a@origin.test\n"
        + "To: nobody-here@example.org, somebody@example.org\nSubject: one unknown\n\nx\n\n"
        + "From a@origin.test Tue Mar  3 10:00:00 2026\nFrom: a@origin.test\nTo: nobody-here@example.org\nSubject: only unknown\n\ny\n");
    ReplayerTest.Collected rcpt = new ReplayerTest.Collected();
    new Replayer(config(postfix.port("port"), postfix.settings.get("password")).sessions(1).build())
        .run(MessageSource.archives(List.of(mbox)), rcpt, null);
    assertEquals(Outcome.ACCEPTED, rcpt.results.get(0).outcome());
    assertTrue(rcpt.results.get(0).detail().contains("nobody-here@replay.test: 554 5.7.1"), rcpt.results.get(0).detail());
    assertEquals(Outcome.REJECTED, rcpt.results.get(1).outcome());
    assertEquals(554, rcpt.results.get(1).last().recipients().get(0).code());
    // A wrong password: AUTH's 535 for every message.
    ReplayerTest.Collected auth = new ReplayerTest.Collected();
    new Replayer(config(postfix.port("port"), "wrong-password").sessions(1).build())
        .run(MessageSource.archives(List.of(mbox)), auth, null);
    assertEquals(2, auth.results.size());
    for (MessageResult r : auth.results) {
      assertEquals(Outcome.REJECTED, r.outcome(), r.detail());
      assertTrue(r.detail().contains("535 5.7.8"), r.detail());
    }
  }

  @Test
  void vrfyAnswersAreResultsWhetherEnabledOrNot() throws Exception {
    SmtpClientConfig plain = SmtpClientConfig.defaults().withTls(TlsMode.OFF).withTimeouts(Timeouts.all(Duration.ofSeconds(30)));
    SmtpSession on = SmtpSession.open("127.0.0.1", postfix.port("port"), plain);
    SmtpReply known = on.ask("VRFY someone@replay.test");
    SmtpReply expn = on.ask("EXPN postmaster");
    on.quit();
    SmtpSession off = SmtpSession.open("127.0.0.1", postfix.port("novrfy"), plain);
    SmtpReply disabled = off.ask("VRFY someone@replay.test");
    off.quit();
    assertEquals(252, known.code(), known.toString());
    assertEquals(502, disabled.code(), disabled.toString());
    assertEquals(500, expn.code(), expn.toString());
  }
}
