package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonCommandTest {

  @Test
  void durationsReadShortly() {
    assertEquals("45s", DaemonCommand.human(Duration.ofSeconds(45)));
    assertEquals("30m", DaemonCommand.human(Duration.ofMinutes(30)));
    assertEquals("2m 5s", DaemonCommand.human(Duration.ofSeconds(125)));
    assertEquals("1h 30m", DaemonCommand.human(Duration.ofMinutes(90)));
  }

  @Test
  void anActionIsRequired() {
    CliRun r = run("daemon");
    assertEquals(2, r.code());
    assertEquals("mailtrace: daemon needs an action: start, stop or status\n", r.err());
  }

  @Test
  void aBadIdleTimeIsAUsageErrorBeforeAnythingStarts() {
    CliRun r = run("daemon", "start", "--idle", "soon");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("mailtrace: Invalid value for option '--idle': 'soon' is not a duration"), r.err());
  }

  @Test
  void statusRejectsTwoFormats() {
    CliRun r = run("daemon", "status", "--json", "--csv");
    assertEquals(2, r.code());
  }

  @Test
  void helpShowsTheActionsAndExamples() {
    CliRun r = run("daemon", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("start") && r.out().contains("status") && r.out().contains("stop"), r.out());
    assertTrue(r.out().contains("mailtrace daemon start --idle 2h"), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("  serve")), "the hidden serve action is listed");
  }
}
