package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class MainTest {

  @Test
  void everyRegisteredNameIsTheCommandsOwnName() {
    for (String name : Main.COMMANDS) {
      assertEquals(name, Main.command(name).getClass().getAnnotation(Command.class).name());
    }
  }

  @Test
  void usageListsEveryVisibleCommand() {
    CliRun r = CliRun.run();
    assertEquals(0, r.code());
    for (String name : new String[] {"show", "routes", "bounces", "index", "search", "stats", "thread", "export", "replay", "help"}) {
      assertTrue(r.out().contains("  " + name + " "), name + " missing from:\n" + r.out());
    }
    assertTrue(!r.out().contains("warm-up"), "the launcher's hidden command is listed");
  }

  @Test
  void helpForOneCommandShowsItsOptions() {
    CliRun r = CliRun.run("help", "search");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--count"), r.out());
  }

  @Test
  void aMistypedCommandIsAUsageErrorWithASuggestion() {
    CliRun r = CliRun.run("serach", "x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("search"), r.err());
  }

  @Test
  void versionNamesTheTool() {
    CliRun r = CliRun.run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("mailtrace "), r.out());
  }
}
