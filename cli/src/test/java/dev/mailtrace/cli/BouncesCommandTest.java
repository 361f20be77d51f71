package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BouncesCommandTest {
  private static final String BOUNCE =
      """
      From MAILER-DAEMON Mon Mar  3 10:00:00 2025
      Return-Path: <>
      From: MAILER-DAEMON@mx1.example.net (Mail Delivery System)
      To: alice@example.org
      Subject: Undelivered Mail Returned to Sender
      Date: Mon, 03 Mar 2025 10:00:00 +0100
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

      --B1
      Content-Type: text/plain

      Your message could not be delivered.

      --B1
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx1.example.net

      Final-Recipient: rfc822; bob@example.com
      Action: failed
      Status: 5.1.1
      Remote-MTA: dns; mx.example.com
      Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown

      Final-Recipient: rfc822; carol@example.net
      Action: failed
      Status: 5.2.2
      Remote-MTA: dns; mx.example.net
      Diagnostic-Code: smtp; 552 5.2.2 Mailbox full, "quota" exceeded

      --B1--

      From alice@example.org Mon Mar  3 11:00:00 2025
      From: Alice <alice@example.org>
      To: bob@example.com
      Subject: Hello
      Date: Mon, 03 Mar 2025 11:00:00 +0100

      Just a note.

      """;

  @TempDir Path dir;

  private Path mbox() throws IOException {
    Path f = dir.resolve("bounces.mbox");
    Files.writeString(f, BOUNCE);
    return f;
  }

  @Test
  void tableHasOneRowPerBouncedRecipientAndSkipsOrdinaryMail() throws IOException {
    CliRun r = run("bounces", mbox().toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(3, lines.length, r.out());
    assertTrue(lines[0].startsWith("file\toffset\tdate\tkind\trecipient"));
    assertTrue(lines[1].contains("\tbob@example.com\tfailed\t5.1.1\t550\t"), lines[1]);
    assertTrue(lines[1].contains("\tuserunknown\thard\tmx.example.com\t"), lines[1]);
    assertTrue(lines[2].contains("\tmailboxfull\tsoft\t"), lines[2]);
  }

  @Test
  void jsonGivesOneObjectPerRecipient() throws IOException {
    CliRun r = run("bounces", "--json", mbox().toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length);
    JsonNode bob = new ObjectMapper().readTree(lines[0]);
    assertEquals("bounce", bob.get("kind").asText());
    assertEquals("bob@example.com", bob.get("recipient").asText());
    assertEquals("5.1.1", bob.get("status").asText());
    assertTrue(bob.get("hard").asBoolean());
    assertTrue(bob.get("offset").isNumber());
    assertEquals("2025-03-03T10:00:00+01:00", bob.get("date").asText());
  }

  @Test
  void csvQuotesDiagnosticsWithCommasAndQuotes() throws IOException {
    CliRun r = run("bounces", "--csv", mbox().toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\r\n");
    assertEquals(
        "file,offset,date,kind,recipient,action,status,replyCode,command,reason,hard,"
            + "remoteHost,diagnostic",
        lines[0]);
    assertTrue(lines[2].endsWith("\"552 5.2.2 Mailbox full, \"\"quota\"\" exceeded\""), lines[2]);
  }

  @Test
  void summaryCountsByReasonAndDomain() throws IOException {
    CliRun r = run("bounces", "--summary", mbox().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("messages 2, delivery reports 1, recipients 2"), r.out());
    assertTrue(r.out().contains("      1  userunknown"), r.out());
    assertTrue(r.out().contains("      1  example.net"), r.out());
    CliRun j = run("bounces", "--summary", "--json", mbox().toString());
    JsonNode o = new ObjectMapper().readTree(j.out());
    assertEquals(2, o.get("recipients").asInt());
    assertEquals(1, o.get("kind").get("bounce").asInt());
  }

  @Test
  void missingPathIsOneLineError() {
    CliRun r = run("bounces", dir.resolve("nope.mbox").toString());
    assertEquals(3, r.code());
    assertEquals(1, r.err().strip().split("\n").length);
    assertTrue(r.err().contains("nope.mbox"));
  }

  @Test
  void jsonAndCsvTogetherIsBadUsage() throws IOException {
    CliRun r = run("bounces", "--json", "--csv", mbox().toString());
    assertEquals(2, r.code());
  }
}
