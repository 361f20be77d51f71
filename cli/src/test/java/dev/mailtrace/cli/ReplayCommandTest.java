package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private static final String MBOX =
      """
      From alice@origin.test Tue Mar  3 10:00:00 2026
      Return-Path: <alice@origin.test>
      From: Alice <alice@origin.test>
      To: bob@real.test
      Bcc: secret@real.test
      Subject: one

      first body
      >From the mbox quoting
      .dot line

      From carol@origin.test Tue Mar  3 10:00:05 2026
      From: Carol <carol@origin.test>
      To: dave@lab.test, erin@real.test
      Subject: two

      second body

      """;

  @TempDir Path dir;

  private String mbox() throws Exception {
    Path p = dir.resolve("two.mbox");
    Files.writeString(p, MBOX);
    return p.toString();
  }

  @Test
  void dryRunPrintsThePlanAndConnectsToNothing() throws Exception {
    // Port 9 on loopback: nothing listens, and a dry run must not try.
    CliRun r = run("replay", mbox(), "--to", "127.0.0.1:9", "--allow-rcpt-domain", "lab.test", "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("not sent: no recipient left after the recipient policy"), r.out());
    assertTrue(r.out().contains("<carol@origin.test> -> dave@lab.test  (dropped: erin@real.test)"), r.out());
    assertTrue(r.out().contains("dry run: 2 messages, 1 to send"), r.out());
  }

  @Test
  void dryRunAsJsonGivesOneObjectPerMessage() throws Exception {
    CliRun r = run("replay", mbox(), "--to", "127.0.0.1:9", "--rcpt", "sink@lab.test", "--dry-run", "--json");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).contains("\"mail_from\":\"alice@origin.test\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"rcpt_to\":\"sink@lab.test\""), lines.get(0));
  }

  @Test
  void runWithoutRecipientPolicyRefusesToStart() throws Exception {
    CliRun r = run("replay", mbox(), "--to", "127.0.0.1:" + GREENMAIL.getSmtp().getPort());
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("refusing to replay to the archived recipients"), r.err());
    assertEquals(0, GREENMAIL.getReceivedMessages().length);
  }

  @Test
  void targetOffThisMachineNeedsIMeanIt() throws Exception {
    CliRun r = run("replay", mbox(), "--to", "192.0.2.1:25", "--rcpt", "sink@lab.test");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--i-mean-it"), r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void messagesSelectedThroughTheIndexAreReplayed() throws Exception {
    String mbox = mbox();
    Path idx = dir.resolve("idx");
    CliRun indexed = run("index", mbox, "--index", idx.toString());
    assertEquals(0, indexed.code(), indexed.err());
    CliRun r = run("replay", "--index", idx.toString(), "--query", "subject:two", "--to", "127.0.0.1:9",
        "--rcpt", "sink@lab.test", "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("<carol@origin.test> -> sink@lab.test"), r.out());
    assertTrue(r.out().contains("dry run: 1 messages"), r.out());
  }

  @Test
  void eightBitChoiceIncludesDowngradeAndUnknownChoicesAreUsageErrors() throws Exception {
    CliRun ok = run("replay", mbox(), "--to", "127.0.0.1:9", "--rcpt", "sink@lab.test", "--eight-bit", "downgrade", "--dry-run");
    assertEquals(0, ok.code(), ok.err());
    CliRun bad = run("replay", mbox(), "--to", "127.0.0.1:9", "--rcpt", "sink@lab.test", "--eight-bit", "mangle", "--dry-run");
    assertEquals(2, bad.code());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(bad.err().contains("expected one of [SEND, REFUSE, DOWNGRADE] (case-insensitive)"), bad.err());
    CliRun help = run("replay", "--help");
    assertTrue(help.out().contains("downgrade"), help.out());
  }

  @Test
  void missingSourceIsOneLineWithExitCodeThree() {
    CliRun r = run("replay", dir.resolve("nothing.mbox").toString(), "--to", "127.0.0.1:9", "--rcpt", "sink@lab.test");
    assertEquals(3, r.code());
    assertTrue(r.err().startsWith("mailtrace: no such file or folder"), r.err());
  }

  @Test
  void realRunDeliversToGreenMailAndWritesTheLog() throws Exception {
    Path log = dir.resolve("run.csv");
    CliRun r = run("replay", mbox(), "--to", "127.0.0.1:" + GREENMAIL.getSmtp().getPort(),
        "--rcpt-rewrite", "@real\\.test$=>@lab.test", "--allow-rcpt-domain", "lab.test",
        "--sessions", "2", "--stamp", "--run-id", "t1", "--log", log.toString(), "--no-progress");
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("sent 2: accepted 2"), r.out());
    var received = GREENMAIL.getReceivedMessages();
    // bob and secret (Bcc) for the first message, dave and erin for the second.
    assertEquals(4, received.length);
    for (var m : received) {
      assertEquals("t1", m.getHeader("X-Mailtrace-Replay")[0]);
      assertFalse(m.getHeader("Bcc") != null);
    }
    List<String> rows = Files.readAllLines(log);
    assertEquals(3, rows.size());
    assertTrue(rows.get(1).contains("accepted"), rows.get(1));
  }

  @Test
  void aCapturedSessionIsPlannedWithItsEnvelopeAndObsoleteVerbsAreNotSent(@TempDir Path dir) throws Exception {
    Path capture = dir.resolve("session.txt");
    java.nio.file.Files.writeString(capture, "C: MAIL FROM:<a@origin.test>\nS: 250 ok\nC: RCPT TO:<b@lab.test>\nS: 250 ok\n"
        + "C: DATA\nS: 354 go\nC: Subject: s\nC:\nC: body\nC: .\nS: 250 ok\nC: SAML FROM:<x@origin.test>\nC: RCPT TO:<y@lab.test>\n"
        + "C: DATA\nC: Subject: t\nC:\nC: b\nC: .\n");
    CliRun r = run("replay", "--transcript", capture.toString(), "--to", "127.0.0.1:9", "--allow-rcpt-domain", "lab.test", "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("<a@origin.test> -> b@lab.test"), r.out());
    assertTrue(r.out().contains("not sent: SAML (RFC 821"), r.out());
    assertTrue(r.out().contains("dry run: 2 messages, 1 to send"), r.out());
  }

  @Test
  void optionsShareTheDurationSizeAndRateSpellings() throws Exception {
    CliRun ok = run("replay", mbox(), "--to", "127.0.0.1:9", "--rcpt", "sink@lab.test", "--dry-run",
        "--backoff", "1h30m", "--timeout", "PT30S", "--rate", "3000/m", "--chunk-size", "512k", "--tls", "required", "--log-format", "jsonl");
    assertEquals(0, ok.code(), ok.err());
    CliRun bad = run("replay", mbox(), "--to", "127.0.0.1:9", "--rcpt", "sink@lab.test", "--dry-run", "--rate", "fast");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("'fast' is not a rate"), bad.err());
  }

  @Test
  void mxHostsElsewhereNeedIMeanIt() throws Exception {
    CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> ServerAddress.requireAllowed(
        List.of(java.net.InetAddress.getByName("127.0.0.2"), java.net.InetAddress.getByName("192.0.2.7")), "an MX host of lab.test", false));
    assertTrue(e.getMessage().contains("192.0.2.7"), e.getMessage());
    ServerAddress.requireAllowed(List.of(java.net.InetAddress.getByName("127.0.0.2")), "an MX host of lab.test", false);
  }
}
