package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with a file that cannot be read: every command reads the rest, warns in one line, counts
 * it and exits 1. The unreadable file is a link to {@code /proc/self/mem}, whose read fails with an
 * I/O error even for root (CI runs as root, where file permissions stop nothing).
 */
class UnreadableInputTest {
  @TempDir Path dir;

  @BeforeEach
  void folderWithAnUnreadableFile() throws IOException {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/mem")), "needs Linux /proc");
    Files.writeString(dir.resolve("a.eml"), "From: a@example.org\nSubject: readable\n\nbody\n", StandardCharsets.US_ASCII);
    Files.createSymbolicLink(dir.resolve("b.eml"), Path.of("/proc/self/mem"));
    Files.writeString(dir.resolve("c.eml"), "From: c@example.org\nSubject: also readable\n\nbody\n", StandardCharsets.US_ASCII);
  }

  @Test
  void showReadsTheRestWarnsAndExitsOne() {
    CliRun r = CliRun.run("show", "--json", dir.toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(2, r.out().lines().count(), "an unreadable file is never a message: " + r.out());
    assertFalse(r.out().contains("b.eml"));
    assertEquals(2, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("mailtrace: warning: cannot read " + dir.resolve("b.eml") + " ("), r.err());
    assertTrue(r.err().contains("1 file or folder could not be read and were skipped"), r.err());
  }

  @Test
  void summaryCountsTheUnreadable() {
    CliRun r = CliRun.run("show", "--summary", "--json", dir.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("\"messages\":2") && r.out().contains("\"unreadable\":1"), r.out());
  }

  @Test
  void routesAndBouncesDoTheSame() {
    for (String command : new String[] {"routes", "bounces"}) {
      CliRun r = CliRun.run(command, "--json", dir.toString());
      assertEquals(1, r.code(), command + ": " + r.err());
      assertTrue(r.err().startsWith("mailtrace: warning: cannot read "), r.err());
    }
  }

  @Test
  void indexIndexesTheRestAndSaysHowManyWereSkipped(@TempDir Path index) {
    CliRun r = CliRun.run("index", "--quiet", "--index", index.toString(), dir.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().startsWith("indexed 2 messages"), r.out());
    assertTrue(r.out().contains("; 1 files or folders could not be read and were skipped"), r.out());
    assertTrue(r.err().startsWith("mailtrace: warning: cannot read " + dir.resolve("b.eml")), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
