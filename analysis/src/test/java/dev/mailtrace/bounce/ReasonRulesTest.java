package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasonRulesTest {
  private static Reason decide(String status, String reply, String command, String diagnostic) {
    return ReasonRules.decide(
        new ReasonRules.Evidence(null, status, reply, command, diagnostic, null, "failed"));
  }

  @Test
  void statusCodeMeaningDecidesWhenTextIsPlain() {
    assertEquals(Reason.USERUNKNOWN, decide("5.1.1", "550", "RCPT", "550 5.1.1 no"));
    assertEquals(Reason.MAILBOXFULL, decide("4.2.2", "452", null, "452 4.2.2 try later"));
    assertEquals(Reason.HOSTUNKNOWN, decide("5.1.2", null, null, "bad host"));
  }

  @Test
  void unknownUserAfterDataIsAFilterVerdict() {
    assertEquals(Reason.USERUNKNOWN, decide(null, "550", "RCPT", "550 User unknown"));
    assertEquals(Reason.FILTERED, decide(null, "550", "DATA", "550 User unknown"));
  }

  @Test
  void phrasesInOtherLanguagesAreRecognised() {
    assertEquals(Reason.MAILBOXFULL, decide(null, null, null, "Boite du destinataire pleine"));
    assertEquals(Reason.USERUNKNOWN, decide("5.0.0", "550", "RCPT", "550 Benutzer unbekannt"));
  }

  @Test
  void delayedWithoutWordsIsExpired() {
    Reason r =
        ReasonRules.decide(new ReasonRules.Evidence(null, null, null, null, null, null, "delayed"));
    assertEquals(Reason.EXPIRED, r);
  }

  @Test
  void hardBouncesFollowTheReason() {
    assertTrue(ReasonRules.isHard(Reason.USERUNKNOWN, "5.1.1"));
    assertFalse(ReasonRules.isHard(Reason.MAILBOXFULL, "5.2.2"));
    assertTrue(ReasonRules.isHard(Reason.NOTACCEPT, "5.3.2 no mail here"));
    assertFalse(ReasonRules.isHard(Reason.NOTACCEPT, "4.3.2 try again later"));
  }
}
