package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCommandTest {
  @TempDir Path dir;

  @Test
  void indexesTheSamplesAndSummarises() throws Exception {
    Path mbox = dir.resolve("a.mbox");
    Files.copy(SampleIndex.archive(), mbox);
    CliRun r = run("index", mbox.toString(), "--index", dir.resolve("idx").toString(), "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("indexed 180 messages (0 already indexed)"), r.out());
    assertTrue(r.out().contains("2 duplicates; 180 documents"), r.out());
    assertTrue(r.out().contains("messages/s"), r.out());

    CliRun again = run("index", mbox.toString(), "--index", dir.resolve("idx").toString(), "--quiet");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().startsWith("indexed 0 messages (180 already indexed)"), again.out());
    assertTrue(again.out().contains(", nothing new"), again.out());
  }

  @Test
  void missingInputIsABadUsage() {
    CliRun r = run("index", dir.resolve("nope.mbox").toString(), "--index", dir.resolve("idx").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("mailtrace: no such file or folder"), r.err());
  }
}
