package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
  @TempDir static Path dir;
  static String idx;

  @BeforeAll
  static void index() throws Exception {
    idx = SampleIndex.build(dir).toString();
  }

  private static long count(String query) {
    CliRun r = run("search", "--index", idx, "--count", query);
    assertEquals(0, r.code(), r.err());
    return Long.parseLong(r.out().strip());
  }

  @Test
  void countsMatchTheSampleMix() {
    // samples/README.md: 10 RFC 3464 and 4 non-standard bounces (some of them delays), 9 auto-replies, 1 exact duplicate.
    assertEquals(14, count("is:bounce OR is:delay"));
    assertEquals(9, count("is:autoreply"));
    assertEquals(2, count("dup:sha256"));
    assertEquals(180, count(""));
  }

  @Test
  void jsonHasOneObjectPerLineNewestFirst() throws Exception {
    CliRun r = run("search", "--index", idx, "--json", "--limit", "3", "--fields", "date,from,subject,sha256,offset", "*");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size());
    ObjectMapper m = new ObjectMapper();
    JsonNode first = m.readTree(lines.get(0));
    JsonNode second = m.readTree(lines.get(1));
    assertEquals(64, first.get("sha256").asText().length());
    assertTrue(first.get("date").asText().compareTo(second.get("date").asText()) >= 0);
  }

  @Test
  void csvHasAHeaderRow() {
    CliRun r = run("search", "--index", idx, "--csv", "--limit", "2", "--fields", "msgid,sha256", "*");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("msgid,sha256", lines.get(0));
    assertEquals(3, lines.size());
  }

  @Test
  void messageFoundByHashIsTheOneAtItsOffset() throws Exception {
    CliRun r = run("search", "--index", idx, "--json", "--limit", "1", "--fields", "sha256,offset,msgid", "is:autoreply");
    JsonNode hit = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
    String sha = hit.get("sha256").asText();
    CliRun bySha = run("search", "--index", idx, "--json", "--fields", "sha256,offset", "sha256:" + sha.substring(0, 12));
    List<String> lines = bySha.out().lines().toList();
    assertEquals(1, lines.size(), bySha.out());
    assertEquals(hit.get("offset").asLong(), new ObjectMapper().readTree(lines.get(0)).get("offset").asLong());
    assertEquals(1, count("msgid:<" + hit.get("msgid").asText() + ">"));
  }

  @Test
  void tableShowsSourceFileAndOffset() {
    CliRun r = run("search", "--index", idx, "--limit", "2", "is:autoreply");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("DATE") && lines.get(0).contains("SOURCE"), lines.get(0));
    assertTrue(lines.get(1).contains("archive.mbox:"), lines.get(1));
    assertTrue(r.err().contains("showing 2 of 9 messages"), r.err());
  }

  @Test
  void badQueryPointsAtTheColumn() {
    CliRun r = run("search", "--index", idx, "(from:example.org OR subject:x");
    assertEquals(2, r.code());
    assertEquals("mailtrace: bad query at column 31: expected ')' to close '(' at column 1", r.err().strip());
  }

  @Test
  void luceneSyntaxIsAvailable() {
    CliRun r = run("search", "--index", idx, "--count", "--lucene", "report:autoreply");
    assertEquals("9", r.out().strip());
    assertEquals(9, count("lucene:(report:autoreply)"));
  }

  @Test
  void missingIndexSaysHowToMakeOne() {
    CliRun r = run("search", "--index", dir.resolve("none").toString(), "x");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("mailtrace index"), r.err());
  }
}
