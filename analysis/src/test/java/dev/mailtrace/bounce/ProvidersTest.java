package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProvidersTest {
  @Test
  void yahooComplaintDeferralRefusesTheSender() {
    assertEquals(
        Reason.REJECTED,
        Providers.verdict(
            "421 4.7.0 [tss04] messages from 192.0.2.1 temporarily deferred due to unexpected"
                + " volume or user complaints - 4.16.55.1"));
  }

  @Test
  void mimecastWordsNameTheirOwnReasons() {
    assertEquals(
        Reason.VIRUSDETECTED,
        Providers.verdict("554 email rejected due to security policies - mcspamsignature"));
    assertEquals(
        Reason.POLICYVIOLATION, Providers.verdict("554 host network not allowed - https://x"));
  }

  @Test
  void goDaddyIbCodeDecides() {
    assertEquals(
        Reason.SPEEDING,
        Providers.verdict("550 5.1.1 <a@example.com> - 192.0.2.1 has sent to too many recipients"
            + " this hour. ib607 <http://x.co/rlbounce>"));
    assertEquals(Reason.BLOCKED, Providers.verdict("554 connection refused. ib104"));
    // an IB without three digits, or with more, is no GoDaddy code
    assertNull(Providers.verdict("550 ib60 something"));
    assertNull(Providers.verdict("550 see ib6071 for details"));
  }

  @Test
  void orangeLabelsEndInTheirCode() {
    assertEquals(
        Reason.POLICYVIOLATION,
        Providers.verdict(
            "554 5.7.1 <x.example.net[192.0.2.1]>: client host rejected: lpn000_630"));
    assertEquals(
        Reason.SUSPEND, Providers.verdict("550 5.5.0 boite du destinataire archivee. lpn007_420"));
    assertEquals(Reason.USERUNKNOWN, Providers.verdict("550 invalid recipient. ofr_416 [416]"));
    // codes Orange leaves without a meaning give no verdict
    assertNull(Providers.verdict("421 4.2.1 service refuse. lpn006_107"));
  }

  @Test
  void gmailStageMarkNeedsGmailsOwnWords() {
    assertEquals(
        Reason.FILTERED,
        Providers.gmailState(
            "google tried to deliver your message, but it was rejected by the recipient domain."
                + " the error that the other server returned was: 554 554 5.7.0 header error"
                + " (state 18)."));
    assertNull(Providers.gmailState("550 user unknown (state 14)"));
  }

  @Test
  void ordinaryTextHasNoVerdict() {
    assertNull(Providers.verdict("550 5.1.1 <a@example.com>: recipient address rejected"));
    assertNull(Providers.verdict(""));
  }
}
