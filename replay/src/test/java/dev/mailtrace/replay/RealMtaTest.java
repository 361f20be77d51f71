package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import dev.mailtrace.smtp.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replay into a real MTA started privately for the test (scripts/mta/), over STARTTLS with a
 * certificate made for the test and AUTH, delivering to a Maildir: every delivered message is
 * what was sent, and every refusal is in the log with the server's reply. One subclass per MTA.
 */
@Tag("mta")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealMtaTest {
  static final int SIZE_LIMIT = 2 << 20;

  Path dir;
  MtaInstance mta;

  /** Starts the MTA in {@code dir} with the {@link #SIZE_LIMIT}. */
  abstract MtaInstance start(Path dir) throws Exception;

  /** The fields the MTA adds before the message at delivery (lower case). */
  abstract Set<String> traceFields();

  /** The trace field naming the envelope recipient. */
  abstract String recipientField();

  /** Header fields the MTA is documented to remove from every message (lower case). */
  abstract Set<String> droppedFields();

  /** Whether the MTA ends the header section, with an empty line, at the first line that is no field. */
  abstract boolean endsHeaderAtNonField();

  /** The exact list of sources (file name@offset) the MTA delivers changed, beyond the rules above. */
  abstract List<String> knownDisagreements();

  /** The reply code and enhanced code for a recipient the MTA does not know. */
  abstract String unknownRecipientReply();

  @BeforeAll
  void startMta() throws Exception {
    dir = Files.createTempDirectory("mailtrace-mta-");
    mta = start(dir.resolve("mta"));
  }

  @AfterAll
  void stopMta() throws Exception {
    if (mta != null) {
      mta.close();
    }
    // The MTA's files belong to its users; the folder goes with the JVM's temporary files.
    new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
  }

  private SmtpClientConfig client(String password) throws Exception {
    return SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(60)))
        .withTls(TlsMode.REQUIRED).withTrustStore(mta.trustStore(), "changeit")
        .withAuth(mta.settings.get("user"), password, false);
  }

  ReplayConfig.Builder config(int port, String password) throws Exception {
    return ReplayConfig.builder("127.0.0.1", port).client(client(password))
        .policy(new RecipientPolicy(List.of(), List.of(RecipientPolicy.Rewrite.parse("@.*$=>@replay.test")), Set.of(), false))
        .stamp("mta-test").sessions(4).retries(0).deadline(Duration.ofMinutes(3));
  }

  @Test
  void everyDeliveredMessageIsWhatWasSent() throws Exception {
    List<Path> sources = MtaReplay.sources(dir, 520);
    ReplayConfig c = config(mta.port("port"), mta.settings.get("password")).build();
    ReplayerTest.Collected log = new ReplayerTest.Collected();
    ReplaySummary s;
    try (MessageSource source = MessageSource.archives(sources)) {
      s = new Replayer(c).run(source, log, null);
    }
    long accepted = s.count(Outcome.ACCEPTED);
    System.out.printf("%s: %d read, %d accepted, %d refused locally, %d rejected, %d failed%n", getClass().getSimpleName(),
        s.messagesRead(), accepted, s.count(Outcome.REFUSED_LOCALLY), s.count(Outcome.REJECTED), s.count(Outcome.FAILED));
    assertTrue(accepted >= 500, "accepted " + accepted);
    assertEquals(0, s.count(Outcome.FAILED) + s.count(Outcome.DEFERRED),
        log.results.stream().filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.DEFERRED).map(MessageResult::detail).toList().toString());
    int expected = MtaReplay.deliveries(log.results);
    Path maildir = mta.dir.resolve("mail/box");
    assertEquals(expected, DeliveryCheck.await(maildir, expected, 300_000), "deliveries in the Maildir");
    Map<MessageResult, byte[]> sent = MtaReplay.sentContent(sources, c, log.results, droppedFields(), endsHeaderAtNonField());
    List<String> problems = DeliveryCheck.compare(sent, DeliveryCheck.read(maildir), traceFields(), recipientField());
    assertEquals(MtaReplay.known(knownDisagreements(), sources), MtaReplay.disagreeing(problems), String.join("\n", problems));
  }

  @Test
  void refusalsAreLoggedWithTheServersReply() throws Exception {
    Path large = MtaReplay.large(dir, 2, 3 << 20);
    // SIZE announced: the client refuses before sending, quoting the server's limit.
    ReplayerTest.Collected announced = new ReplayerTest.Collected();
    new Replayer(config(mta.port("port"), mta.settings.get("password")).sessions(1).build())
        .run(MessageSource.archives(List.of(large)), announced, null);
    assertEquals(2, announced.results.size());
    for (MessageResult r : announced.results) {
      assertEquals(Outcome.REFUSED_LOCALLY, r.outcome());
      assertTrue(r.detail().contains("SIZE limit of " + SIZE_LIMIT + " (EHLO reply: 250 SIZE " + SIZE_LIMIT + ")"), r.detail());
    }
    // A recipient the MTA does not know: its RCPT reply is in the log, the other recipient gets it.
    Path mbox = dir.resolve("bad-rcpt.mbox");
    Files.writeString(mbox, "From a@origin.test Tue Mar  3 10:00:00 2026\nFrom: a@origin.test\n"
        + "To: nobody-here@example.org, somebody@example.org\nSubject: one unknown\n\nx\n\n"
        + "From a@origin.test Tue Mar  3 10:00:00 2026\nFrom: a@origin.test\nTo: nobody-here@example.org\nSubject: only unknown\n\ny\n");
    ReplayerTest.Collected rcpt = new ReplayerTest.Collected();
    new Replayer(config(mta.port("port"), mta.settings.get("password")).sessions(1).build())
        .run(MessageSource.archives(List.of(mbox)), rcpt, null);
    assertEquals(Outcome.ACCEPTED, rcpt.results.get(0).outcome());
    assertTrue(rcpt.results.get(0).detail().contains("nobody-here@replay.test: " + unknownRecipientReply()), rcpt.results.get(0).detail());
    assertEquals(Outcome.REJECTED, rcpt.results.get(1).outcome());
    assertTrue(rcpt.results.get(1).detail().contains(unknownRecipientReply()), rcpt.results.get(1).detail());
    // A wrong password: AUTH's 535 for every message.
    ReplayerTest.Collected auth = new ReplayerTest.Collected();
    new Replayer(config(mta.port("port"), "wrong-password").sessions(1).build())
        .run(MessageSource.archives(List.of(mbox)), auth, null);
    assertEquals(2, auth.results.size());
    for (MessageResult r : auth.results) {
      assertEquals(Outcome.REJECTED, r.outcome(), r.detail());
      assertTrue(r.detail().contains("refused AUTH: 535"), r.detail());
    }
  }
}
