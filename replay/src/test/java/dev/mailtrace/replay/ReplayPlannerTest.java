package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.smtp.Envelope.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {
  private static final RecipientPolicy OPEN = new RecipientPolicy(List.of(), List.of(), Set.of(), true);

  private static PlannedMessage plan(RecipientPolicy policy, String stamp, String text) {
    ReplayConfig c = ReplayConfig.builder("127.0.0.1", 25).policy(policy).stamp(stamp).timingFactor(1).build();
    return new ReplayPlanner(c).plan(Messages.raw(0, text));
  }

  @Test
  void senderComesFromReturnPathThenSenderThenFrom() {
    assertEquals("rp@x.test", plan(OPEN, null, "Return-Path: <rp@x.test>\nSender: s@x.test\nFrom: f@x.test\nTo: t@x.test\n\n").envelope().sender());
    assertEquals("", plan(OPEN, null, "Return-Path: <>\nFrom: f@x.test\nTo: t@x.test\n\n").envelope().sender());
    assertEquals("s@x.test", plan(OPEN, null, "Sender: S <s@x.test>\nFrom: f@x.test\nTo: t@x.test\n\n").envelope().sender());
    assertEquals("f@x.test", plan(OPEN, null, "From: \"F, G\" <f@x.test>\nTo: t@x.test\n\n").envelope().sender());
  }

  @Test
  void deliveredToWinsOverHeaderRecipients() {
    PlannedMessage p = plan(OPEN, null, "From: f@x.test\nDelivered-To: box@x.test\nDelivered-To: alias@x.test\nTo: t@x.test\n\n");
    assertEquals(List.of(Recipient.of("box@x.test")), p.envelope().recipients());
  }

  @Test
  void toCcAndBccMakeTheRecipientsWithoutDeliveredTo() {
    PlannedMessage p = plan(OPEN, null, "From: f@x.test\nTo: A <a@x.test>, b@x.test\nCc: c@x.test\nBcc: d@x.test\n\n");
    assertEquals(List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"), p.envelope().recipients().stream().map(Recipient::address).toList());
  }

  @Test
  void bccLinesAreRemovedByteExactlyWithTheirContinuations() {
    String text = "From: f@x.test\r\nBcc: hidden@x.test,\r\n\tother@x.test\r\nTo: t@x.test\nresent-bcc: r@x.test\nSubject: keep  spacing \r\n\r\nBcc: in the body stays\n";
    PlannedMessage p = plan(OPEN, null, text);
    String expected = "From: f@x.test\r\nTo: t@x.test\r\nSubject: keep  spacing \r\n\r\nBcc: in the body stays\r\n";
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), p.data().toByteArray());
    assertTrue(p.envelope().recipients().contains(Recipient.of("hidden@x.test")));
  }

  @Test
  void stampGoesInFront() {
    PlannedMessage p = plan(OPEN, "run-42", "From: f@x.test\nTo: t@x.test\n\nbody\n");
    assertTrue(new String(p.data().toByteArray(), StandardCharsets.UTF_8).startsWith("X-Mailtrace-Replay: run-42\r\nFrom: f@x.test\r\n"));
  }

  @Test
  void messageWithoutAllowedRecipientIsRefusedWithTheReason() {
    RecipientPolicy p = new RecipientPolicy(List.of(), List.of(), Set.of("lab.test"), false);
    PlannedMessage m = plan(p, null, "From: f@x.test\nTo: t@x.test\n\n");
    assertFalse(m.isSendable());
    assertTrue(m.refusal().contains("t@x.test"), m.refusal());
  }

  @Test
  void messageWithoutAnySenderIsRefused() {
    assertFalse(plan(OPEN, null, "To: t@x.test\n\n").isSendable());
  }

  @Test
  void arrivalComesFromTheTopmostReceived() {
    PlannedMessage p = plan(OPEN, null, "Received: from a by b; Tue, 3 Mar 2026 10:00:05 +0000\nReceived: from c by a; Tue, 3 Mar 2026 09:59:00 +0000\nDate: Mon, 2 Mar 2026 00:00:00 +0000\nFrom: f@x.test\nTo: t@x.test\n\n");
    assertNotNull(p.arrival());
    assertEquals(Instant.parse("2026-03-03T10:00:05Z"), p.arrival());
  }
}
