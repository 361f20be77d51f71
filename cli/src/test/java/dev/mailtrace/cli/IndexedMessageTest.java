package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedMessageTest {
  @TempDir Path dir;

  @Test
  void showReadsTheMessageBackByHashOrMessageId() throws Exception {
    String idx = SampleIndex.build(dir).toString();
    CliRun hit = run("search", "--index", idx, "--json", "--limit", "1", "--fields", "sha256,msgid,subject", "is:autoreply");
    JsonNode h = new ObjectMapper().readTree(hit.out().lines().findFirst().orElseThrow());

    CliRun bySha = run("show", "--index", idx, "--json", h.get("sha256").asText().substring(0, 10));
    assertEquals(0, bySha.code(), bySha.err());
    assertEquals(h.get("subject").asText(), new ObjectMapper().readTree(bySha.out()).get("subject").asText());

    CliRun byId = run("show", "--index", idx, "<" + h.get("msgid").asText() + ">");
    assertEquals(0, byId.code(), byId.err());
    assertTrue(byId.out().contains(h.get("subject").asText()), byId.out());
  }

  @Test
  void changedSourceGivesOneClearLine() throws Exception {
    String idx = SampleIndex.build(dir).toString();
    CliRun hit = run("search", "--index", idx, "--csv", "--limit", "1", "--fields", "sha256,offset", "is:autoreply");
    String[] row = hit.out().lines().skip(1).findFirst().orElseThrow().split(",");
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("archive.mbox").toFile(), "rw")) {
      f.seek(Long.parseLong(row[1]) + 3);
      f.write('#');
    }
    CliRun r = run("show", "--index", idx, row[0]);
    assertEquals(3, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("mailtrace: stored message changed"), r.err());
  }

  @Test
  void unknownIdIsABadUsage() throws Exception {
    String idx = SampleIndex.build(dir).toString();
    CliRun r = run("show", "--index", idx, "<nobody@nowhere.invalid>");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("mailtrace: no message"), r.err());
  }
}
