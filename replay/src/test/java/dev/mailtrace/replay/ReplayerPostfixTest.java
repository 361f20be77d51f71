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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replay into Debian's Postfix (scripts/mta/postfix-instance.sh): STARTTLS, Cyrus SASL AUTH, SIZE,
 * 8BITMIME, SMTPUTF8 and CHUNKING, delivering with its virtual agent to a Maildir.
 */
class ReplayerPostfixTest extends RealMtaTest {

  @Override
  MtaInstance start(Path dir) throws Exception {
    return MtaInstance.start("postfix-instance.sh", dir, String.valueOf(SIZE_LIMIT));
  }

  @Override
  Set<String> traceFields() {
    return Set.of("return-path", "x-original-to", "delivered-to", "received");
  }

  @Override
  String recipientField() {
    return "delivered-to";
  }

  /**
   * What Postfix's cleanup removes from every message (postconf(5), drop_headers, hard-wired before
   * Postfix 3.8): Content-Length; Bcc, Resent-Bcc and Return-Path the replay removes itself.
   */
  @Override
  Set<String> droppedFields() {
    return Set.of("content-length");
  }

  @Override
  boolean endsHeaderAtNonField() {
    return true;
  }

  /** sisimai's mailbox/mbox-0 at 80359 has a NUL byte at the end of its Subject line. */
  @Override
  List<String> knownDisagreements() {
    return List.of("mbox-0@80359");
  }

  @Override
  String unknownRecipientReply() {
    return "554 5.7.1";
  }

  @Test
  void aTooLargeMessageIsRefusedByPostfixAfterItsContentWhenSizeIsNotAnnounced() throws Exception {
    Path large = MtaReplay.large(dir, 1, 3 << 20);
    ReplayerTest.Collected log = new ReplayerTest.Collected();
    new Replayer(config(mta.port("plain"), mta.settings.get("password")).sessions(1).build())
        .run(MessageSource.archives(List.of(large)), log, null);
    MessageResult r = log.results.get(0);
    assertEquals(Outcome.REJECTED, r.outcome(), r.detail());
    assertEquals(552, r.last().end().code(), r.detail());
    assertTrue(r.detail().contains("5.3.4"), r.detail());
  }

  @Test
  void vrfyAnswersAreResultsWhetherEnabledOrNot() throws Exception {
    SmtpClientConfig plain = SmtpClientConfig.defaults().withTls(TlsMode.OFF).withTimeouts(Timeouts.all(Duration.ofSeconds(30)));
    SmtpSession on = SmtpSession.open("127.0.0.1", mta.port("port"), plain);
    SmtpReply known = on.ask("VRFY someone@replay.test");
    SmtpReply expn = on.ask("EXPN postmaster");
    on.quit();
    SmtpSession off = SmtpSession.open("127.0.0.1", mta.port("novrfy"), plain);
    SmtpReply disabled = off.ask("VRFY someone@replay.test");
    off.quit();
    assertEquals(252, known.code(), known.toString());
    assertEquals(502, disabled.code(), disabled.toString());
    assertEquals(500, expn.code(), expn.toString());
  }
}
