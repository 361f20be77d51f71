package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompletionCommandTest {

  @Test
  void bashCompletionKnowsEveryCommandAndItsOptions() {
    CliRun r = CliRun.run("completion", "bash");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"));
    assertTrue(r.out().contains("complete -F _complete_mailtrace"), "registers the completion function");
    for (String name : new String[] {"serve", "report", "search", "replay", "completion"}) {
      assertTrue(r.out().contains("_picocli_mailtrace_" + name.replace("-", "")), name);
    }
    assertTrue(r.out().contains("--index"));
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashCompletionThere() {
    CliRun zsh = CliRun.run("completion", "zsh");
    assertEquals(0, zsh.code());
    assertEquals(CliRun.run("completion", "bash").out(), zsh.out());
    assertTrue(zsh.out().contains("bashcompinit"));
  }

  @Test
  void anotherShellIsAUsageError() {
    CliRun r = CliRun.run("completion", "fish");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bash, zsh"), r.err());
  }
}
