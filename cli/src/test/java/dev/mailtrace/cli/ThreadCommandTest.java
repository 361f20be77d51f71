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

class ThreadCommandTest {
  @TempDir static Path dir;
  static String idx;

  @BeforeAll
  static void index() throws Exception {
    idx = SampleIndex.build(dir).toString();
  }

  @Test
  void threadOfAReplyListsItsMessagesOldestFirst() throws Exception {
    CliRun reply = run("search", "--index", idx, "--json", "--limit", "1", "--fields", "msgid,thread", "is:reply");
    JsonNode r = new ObjectMapper().readTree(reply.out().lines().findFirst().orElseThrow());
    CliRun t = run("thread", "--index", idx, "--json", "--fields", "date,msgid,thread", r.get("msgid").asText());
    assertEquals(0, t.code(), t.err());
    List<String> lines = t.out().lines().toList();
    assertTrue(lines.size() >= 2, t.out());
    String previous = "";
    for (String line : lines) {
      JsonNode n = new ObjectMapper().readTree(line);
      assertEquals(r.get("thread").asText(), n.get("thread").asText());
      String date = n.get("date").asText();
      assertTrue(previous.compareTo(date) <= 0, t.out());
      previous = date;
    }
  }

  @Test
  void unknownIdIsABadUsage() {
    CliRun t = run("thread", "--index", idx, "<nobody@nowhere.invalid>");
    assertEquals(2, t.code());
    assertTrue(t.err().startsWith("mailtrace: no message or thread"), t.err());
  }
}
