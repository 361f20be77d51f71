package dev.mailtrace.index;

import static dev.mailtrace.index.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.bounce.BouncedRecipient;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.bounce.Reason;
import dev.mailtrace.bounce.ReportKind;
import dev.mailtrace.message.Message;
import dev.mailtrace.received.HopChain;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

class MessageDocumentTest {
  private static List<String> values(Document d, String field) {
    return Arrays.stream(d.getFields(field)).map(IndexableField::stringValue).filter(v -> v != null).toList();
  }

  @Test
  void attachmentHashIsIndexedWhenTheParserSkippedPartHashes() {
    String eml = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee attached\n--b\n"
        + "Content-Type: application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n";
    byte[] bytes = eml.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    var raw = new dev.mailtrace.message.RawMessage(
        new dev.mailtrace.message.Source("/a.eml", 0, bytes.length, TestMessages.sha256(bytes)), 0, null, bytes, List.of());
    Message m = new dev.mailtrace.mime.MessageParser(dev.mailtrace.mime.ParserConfig.DEFAULT).parse(raw);
    Document d = MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE);
    byte[] pdf = "%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(List.of(TestMessages.sha256(pdf)), values(d, MessageFields.ATTACHMENT_SHA256));
  }

  @Test
  void provenanceIsStoredAndKeyed() {
    Message m = message().at("/a/b.mbox", 1234, 99).sha256("ab".repeat(32)).build();
    Document d = MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE);
    assertEquals("ab".repeat(32) + ":/a/b.mbox:1234", MessageDocument.id(m.source()));
    assertEquals("ab".repeat(32), d.get(MessageFields.SHA256));
    assertEquals("/a/b.mbox", d.get(MessageFields.FILE));
    assertEquals(1234L, d.getField(MessageFields.OFFSET).numericValue());
    assertEquals(List.of("/a/b.mbox#1234"), values(d, MessageFields.LOCATION));
  }

  @Test
  void aLongPathIsKeptWhole() {
    // Longer than the keyword cap: show and the deletion of rewritten files need all of it.
    String path = "/" + "folder/".repeat(100) + "1.eml";
    Message m = message().at(path, 0, 99).build();
    Document d = MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE);
    assertEquals(path, d.get(MessageFields.FILE));
    assertEquals(List.of(path), values(d, MessageFields.FILE));
  }

  @Test
  void everyHeaderGetsAFieldByLowerCaseName() {
    Message m = message().header("X-Mailer", "Mutt 2.2").header("X-Spam-Score", "3.1").build();
    Document d = MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE);
    assertEquals(List.of("Mutt 2.2"), values(d, "header.x-mailer"));
    assertTrue(values(d, MessageFields.HEADER_NAMES).contains("x-spam-score"));
  }

  @Test
  void signatureDataIsLeftOutButTagsStay() {
    assertEquals("v=1; a=rsa-sha256; d=example.com; s=sel",
        MessageDocument.withoutSignatureData("v=1; a=rsa-sha256; d=example.com; s=sel; bh=AbC+/=; b=XyZ\r\n 123=="));
  }

  @Test
  void addressesAreIndexedPerRoleWithDomains() {
    Message m = message().from("Ann", "Ann@Example.COM").to("bob@corp.example").cc("carol@other.example").build();
    Document d = MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE);
    assertEquals(List.of("ann@example.com"), values(d, "from"));
    assertEquals(List.of("example.com"), values(d, "from.domain"));
    assertEquals(List.of("corp.example", "other.example"), values(d, MessageFields.RECIPIENT_DOMAIN));
    assertEquals("Ann <Ann@Example.COM>", d.get(MessageFields.FROM_DISPLAY));
  }

  @Test
  void receivedHopsGiveIpsHostsTlsAndCounts() {
    Message m = message()
        .header("Received", "from mx.example.net (mx.example.net [192.0.2.7]) by mail.example.org (Postfix) with ESMTPS id 1 for <a@example.org>; Mon, 1 Jan 2024 10:00:05 +0000")
        .header("Received", "from client.example.net ([198.51.100.3]) by mx.example.net with ESMTP id 2; Mon, 1 Jan 2024 10:00:00 +0000")
        .build();
    Document d = MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE);
    assertTrue(values(d, MessageFields.HOP_IP).containsAll(List.of("192.0.2.7", "198.51.100.3")), values(d, MessageFields.HOP_IP).toString());
    assertTrue(values(d, MessageFields.HOP_HOST).contains("mail.example.org"));
    assertTrue(values(d, MessageFields.HOP_TLS).containsAll(List.of("yes", "no")));
    assertNotNull(d.getField(MessageFields.HOPS));
  }

  @Test
  void bouncedRecipientsCarryStatusReasonAndType() {
    Message m = message().build();
    BouncedRecipient r = new BouncedRecipient("x@example.org", null, "failed", "5.1.1", "550", "RCPT", "no such user", "mx.example.org", Reason.USERUNKNOWN, true);
    DeliveryReport report = new DeliveryReport(ReportKind.BOUNCE, "mta.example.net", null, null, null, null, null, List.of(r));
    Document d = MessageDocument.of(m, HopChain.of(m), report);
    assertEquals(List.of("5.1.1"), values(d, MessageFields.BOUNCE_STATUS));
    assertEquals(List.of("userunknown"), values(d, MessageFields.BOUNCE_REASON));
    assertEquals(List.of("hard"), values(d, MessageFields.BOUNCE_TYPE));
    assertEquals(List.of("mx.example.org"), values(d, MessageFields.BOUNCE_REMOTE));
    assertTrue(values(d, MessageFields.HAS).contains("bounce"));
  }

  @Test
  void undatedMessageHasNoDateField() {
    Message m = message().build();
    assertNull(MessageDocument.of(m, HopChain.of(m), DeliveryReport.NONE).getField(MessageFields.DATE));
  }
}
