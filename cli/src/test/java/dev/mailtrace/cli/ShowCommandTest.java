package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTest {
  private static final String MESSAGE =
      """
      From: =?UTF-8?Q?J=C3=BCrgen?= <jurgen@example.org>
      To: a@example.com, "B" <b@example.com>
      Subject: =?UTF-8?B?SGFsbG8gV2VsdA==?=
      Date: Sat, 2 Sep 2023 04:24:06 +0200
      Message-ID: <m1@example.org>
      In-Reply-To: <m0@example.org>
      References: <r1@example.org> <m0@example.org>
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="b1"

      --b1
      Content-Type: text/plain; charset=utf-8

      Hello
      --b1
      Content-Type: application/pdf; name="a.pdf"
      Content-Disposition: attachment; filename="a.pdf"
      Content-Transfer-Encoding: base64

      aGVsbG8=
      --b1--
      """
          .replace("\n", "\r\n");

  @TempDir Path dir;

  private Path message() throws IOException {
    Path f = dir.resolve("m.eml");
    Files.writeString(f, MESSAGE);
    return f;
  }

  @Test
  void jsonHasExactlyTheDocumentedKeysAndValues() throws IOException {
    Path f = message();
    CliRun r = run("show", "--json", f.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(1, lines.length);
    JsonNode j = new ObjectMapper().readTree(lines[0]);
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("source", "headers", "subject", "date", "from", "sender", "replyTo", "to",
        "cc", "bcc", "messageId", "inReplyTo", "references", "parts", "text", "problems", "authentication"), keys);
    List<String> sourceKeys = new ArrayList<>();
    j.get("source").fieldNames().forEachRemaining(sourceKeys::add);
    assertEquals(List.of("file", "offset", "length", "sha256"), sourceKeys);
    assertEquals(MESSAGE.length(), j.get("source").get("length").asInt());
    assertEquals("Hallo Welt", j.get("subject").asText());
    assertEquals("2023-09-02T04:24:06+02:00", j.get("date").asText());
    assertEquals("Jürgen", j.get("from").get(0).get("name").asText());
    assertEquals("jurgen@example.org", j.get("from").get(0).get("address").asText());
    assertEquals(2, j.get("to").size());
    assertTrue(j.get("to").get(0).get("name").isNull());
    assertEquals("m1@example.org", j.get("messageId").asText());
    assertEquals("m0@example.org", j.get("inReplyTo").asText());
    assertEquals("[\"r1@example.org\",\"m0@example.org\"]", j.get("references").toString());
    assertEquals("Subject", j.get("headers").get(2).get("name").asText());
    JsonNode parts = j.get("parts");
    assertEquals(2, parts.size());
    List<String> partKeys = new ArrayList<>();
    parts.get(1).fieldNames().forEachRemaining(partKeys::add);
    assertEquals(List.of("path", "contentType", "charset", "transferEncoding", "disposition",
        "filename", "size", "sha256"), partKeys);
    assertEquals("1", parts.get(0).get("path").asText());
    assertEquals("utf-8", parts.get(0).get("charset").asText());
    assertEquals("2", parts.get(1).get("path").asText());
    assertEquals("application/pdf", parts.get(1).get("contentType").asText());
    assertEquals("base64", parts.get(1).get("transferEncoding").asText());
    assertEquals("attachment", parts.get(1).get("disposition").asText());
    assertEquals("a.pdf", parts.get(1).get("filename").asText());
    assertEquals(5, parts.get(1).get("size").asInt());
    assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        parts.get(1).get("sha256").asText());
    assertEquals("Hello", j.get("text").asText());
    assertEquals(0, j.get("problems").size());
  }

  @Test
  void readableOutputShowsTheTree() throws IOException {
    CliRun r = run("show", message().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Subject:  Hallo Welt"), r.out());
    assertTrue(r.out().contains("    2 application/pdf [base64] attachment \"a.pdf\" (5 bytes)"),
        r.out());
  }

  @Test
  void summaryCountsMessagesAndParts() throws IOException {
    CliRun r = run("show", "--summary", "--json", message().toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(1, j.get("messages").asInt());
    assertEquals(2, j.get("parts").asInt());
    assertEquals(1, j.get("attachments").asInt());
  }

  @Test
  void indexInFileSelectsOneMessageOfAnMbox() throws IOException {
    Path mbox = dir.resolve("two.mbox");
    Files.writeString(mbox, "From a@x Thu Sep 18 17:54:04 2008\nSubject: first\n\none\n\n"
        + "From b@x Thu Sep 18 17:54:05 2008\nSubject: second\n\ntwo\n");
    CliRun r = run("show", "--json", "--index-in-file", "1", mbox.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("second", j.get("subject").asText());
    assertTrue(j.get("source").get("offset").asLong() > 0);
  }

  @Test
  void offsetsAreAsciiDigitsWhateverTheLocale() throws IOException {
    Path mbox = dir.resolve("two.mbox");
    Files.writeString(mbox, "From a@x Thu Sep 18 17:54:04 2008\nSubject: first\n\none\n\n"
        + "From b@x Thu Sep 18 17:54:05 2008\nSubject: second\n\ntwo\n");
    java.util.Locale before = java.util.Locale.getDefault();
    // Arabic (Egypt) formats numbers with Arabic-Indic digits by default.
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
    try {
      CliRun r = run("show", mbox.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("#1 (offset 89, 21 bytes)"), r.out());
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void missingFileIsOneLineAndExitCodeThree() {
    CliRun r = run("show", dir.resolve("nope.mbox").toString());
    assertEquals(3, r.code());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("nope.mbox"), r.err());
  }
}
