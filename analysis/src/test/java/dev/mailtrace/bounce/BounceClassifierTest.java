package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BounceClassifierTest {
  private static final MessageParser PARSER = new MessageParser();
  private final BounceClassifier classifier = new BounceClassifier();

  private static Message parse(byte[] bytes) {
    return PARSER.parse(
        new RawMessage(new Source("test.eml", 0, bytes.length, "0"), 0, null, bytes));
  }

  private static Message resource(String name, String lineEnd) throws IOException {
    try (InputStream in = BounceClassifierTest.class.getResourceAsStream("/bounce/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(text.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void dsnGivesEveryRecipientWithItsOwnOutcome() throws IOException {
    for (String eol : new String[] {"\n", "\r\n", "\r"}) {
      DeliveryReport r = classifier.classify(resource("dsn-two-recipients.eml", eol));
      assertEquals(ReportKind.BOUNCE, r.kind());
      assertEquals("mx1.example.net", r.reportingMta());
      assertEquals("orig-42@example.org", r.originalMessageId());
      assertEquals("Quarterly figures", r.originalSubject());
      assertEquals(2, r.recipients().size());
      BouncedRecipient bob = r.recipients().get(0);
      assertEquals("bob@example.com", bob.recipient());
      assertEquals("failed", bob.action());
      assertEquals("5.1.1", bob.status());
      assertEquals("550", bob.replyCode());
      assertEquals(Reason.USERUNKNOWN, bob.reason());
      assertTrue(bob.hard());
      assertEquals("mx.example.com", bob.remoteHost());
      assertTrue(bob.diagnostic().contains("User unknown in local recipient table"));
      BouncedRecipient carol = r.recipients().get(1);
      assertEquals("delayed", carol.action());
      assertEquals("4.2.2", carol.status());
      assertEquals("452", carol.replyCode());
      assertEquals(Reason.MAILBOXFULL, carol.reason());
      assertFalse(carol.hard());
    }
  }

  @Test
  void openSmtpdDelayNoticeIsReadFromItsRecipientLine() throws IOException {
    DeliveryReport r = classifier.classify(resource("opensmtpd-delayed.eml", "\n"));
    assertEquals(1, r.recipients().size());
    BouncedRecipient frank = r.recipients().get(0);
    assertEquals("frank@example.net", frank.recipient());
    // the 4.0.0 in the report part is OpenSMTPD's own guess; the cause is the recipient line
    assertEquals("No MX found for domain", frank.diagnostic());
    assertEquals(Reason.NOTACCEPT, frank.reason());
    assertEquals("5.0.932", frank.deliveryStatus());
    assertTrue(frank.hard());
  }

  @Test
  void eximTextBounceIsReadWithoutReportFields() throws IOException {
    DeliveryReport r = classifier.classify(resource("exim-text.eml", "\n"));
    assertEquals(ReportKind.BOUNCE, r.kind());
    assertEquals(1, r.recipients().size());
    BouncedRecipient erin = r.recipients().get(0);
    assertEquals("erin@example.com", erin.recipient());
    assertEquals("5.2.2", erin.status());
    assertEquals("550", erin.replyCode());
    assertEquals("RCPT", erin.command());
    assertEquals(Reason.MAILBOXFULL, erin.reason());
    assertFalse(erin.hard());
    assertEquals("lunch-7@example.org", r.originalMessageId());
  }

  @Test
  void fmlListRefusalNamesTheListAsRecipient() throws IOException {
    DeliveryReport r = classifier.classify(resource("fml-not-member.eml", "\n"));
    assertEquals(ReportKind.BOUNCE, r.kind());
    BouncedRecipient list = r.recipients().get(0);
    assertEquals("cats@example.org", list.recipient());
    assertEquals(Reason.REJECTED, list.reason());
    assertEquals("5.0.918", list.deliveryStatus());
    assertFalse(list.hard());
  }

  @Test
  void feedbackReportGivesItsType() throws IOException {
    DeliveryReport r = classifier.classify(resource("feedback.eml", "\n"));
    assertEquals(ReportKind.FEEDBACK, r.kind());
    assertEquals("abuse", r.feedbackType());
    assertEquals("frank@isp.example.net", r.recipients().get(0).recipient());
    assertEquals(Reason.FEEDBACK, r.recipients().get(0).reason());
    assertEquals("offer-9@example.org", r.originalMessageId());
  }

  @Test
  void autoReplyIsAVacationNotABounce() throws IOException {
    DeliveryReport r = classifier.classify(resource("vacation.eml", "\n"));
    assertEquals(ReportKind.AUTOREPLY, r.kind());
    assertEquals("grace@example.com", r.recipients().get(0).recipient());
    assertEquals(Reason.VACATION, r.recipients().get(0).reason());
    assertFalse(r.recipients().get(0).hard());
    assertNull(r.recipients().get(0).deliveryStatus());
  }

  @Test
  void ordinaryMailTalkingAboutErrorsIsNone() throws IOException {
    assertSame(DeliveryReport.NONE, classifier.classify(resource("ordinary.eml", "\n")));
  }

  @Test
  void subjectsThatOnlyMentionBouncesOrHolidaysAreNone() {
    String reply =
        "From: Kim <kim@example.org>\r\nTo: lee@example.com\r\n"
            + "Subject: Re: returned mail from the printer\r\n\r\n"
            + "lee@example.com wrote:\r\n> the printer returned my mail\r\n";
    assertSame(
        DeliveryReport.NONE, classifier.classify(parse(reply.getBytes(StandardCharsets.UTF_8))));
    String photos =
        "From: Kim <kim@example.org>\r\nTo: lee@example.com\r\n"
            + "Subject: Vacation photos from Crete\r\n\r\nHere they are.\r\n";
    assertSame(
        DeliveryReport.NONE, classifier.classify(parse(photos.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void missingStatusGetsSisimaiStyleCodeNamingTheReason() {
    BouncedRecipient b =
        new BouncedRecipient(
            "a@example.com",
            null,
            "failed",
            null,
            null,
            null,
            "mailbox full",
            null,
            Reason.MAILBOXFULL,
            false);
    assertEquals("5.0.922", b.deliveryStatus());
    BouncedRecipient t =
        new BouncedRecipient(
            "a@example.com",
            null,
            "failed",
            null,
            "452",
            null,
            "452 mailbox full",
            null,
            Reason.MAILBOXFULL,
            false);
    assertEquals("4.0.922", t.deliveryStatus());
  }

  @Test
  void randomBytesNeverThrow() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    String head =
        "From: MAILER-DAEMON@example.net\r\n"
            + "Subject: Undelivered Mail\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n"
            + "--x\r\n"
            + "Content-Type: message/delivery-status\r\n\r\n"
            + "Final-Recipient: rfc822; ";
    for (int i = 0; i < 300; i++) {
      byte[] tail = new byte[random.nextInt(400)];
      for (int j = 0; j < tail.length; j++) {
        tail[j] =
            (byte) ("<>@.;: \r\n5.1abcAction:Status:Diagnostic-Code:-".charAt(random.nextInt(44)));
      }
      byte[] all = new byte[head.length() + tail.length];
      System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, all, 0, head.length());
      System.arraycopy(tail, 0, all, head.length(), tail.length);
      DeliveryReport r = classifier.classify(parse(all));
      assertTrue(r != null, "seed " + seed);
    }
  }
}
