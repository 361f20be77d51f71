package dev.mailtrace.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

  private static String run(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Corpus.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sameSeedAndCountWriteIdenticalFiles(@TempDir Path dir) throws IOException {
    run("--format", "mbox", "--count", "200", "--seed", "5", "--out", dir.resolve("a.mbox").toString());
    run("--format", "mbox", "--count", "200", "--seed", "5", "--out", dir.resolve("b.mbox").toString());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.mbox")), Files.readAllBytes(dir.resolve("b.mbox")));
  }

  @Test
  void sizeLimitStopsJustPastTheTarget(@TempDir Path dir) throws IOException {
    Path mbox = dir.resolve("s.mbox");
    String summary = run("--format", "mbox", "--size-bytes", "500K", "--seed", "9", "--out", mbox.toString());
    long size = Files.size(mbox);
    assertTrue(size >= 500 * 1024 && size < 500 * 1024 + 2 * 1024 * 1024 + 100_000, "size " + size);
    assertTrue(summary.startsWith("messages="), summary);
    assertTrue(summary.contains("bytes=" + size + "\n"), summary);
  }

  @Test
  void bothWritesTheSameMessagesToMboxAndMaildir(@TempDir Path dir) throws IOException {
    Corpus.Summary s = Corpus.run(new String[] {"--format", "both", "--count", "120", "--out", dir.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(120, s.messages());
    assertTrue(Files.size(dir.resolve("archive.mbox")) > 0);
    assertTrue(Files.isDirectory(dir.resolve("maildir/cur")));
  }

  @Test
  void labelsDescribeEveryMessageAsJsonLines(@TempDir Path dir) throws IOException {
    Path labels = dir.resolve("labels.jsonl");
    run("--format", "mbox", "--count", "400", "--seed", "4", "--out", dir.resolve("l.mbox").toString(),
        "--labels", labels.toString());
    java.util.List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
    assertEquals(400, lines.size());
    assertTrue(lines.get(0).startsWith("{\"index\":0,\"kind\":\""), lines.get(0));
    assertTrue(lines.stream().allMatch(l -> l.endsWith("}") && l.contains("\"hops\":")));
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"dsn\"") && l.contains("\"status\":\"5.")
        && l.contains("\"reason\":\"") && l.contains("\"bounce-format\":\"")), "a DSN with its labels");
  }

  @Test
  void missingOptionsAreUsageErrors() {
    assertThrows(IllegalArgumentException.class, () -> run("--format", "mbox"));
    assertThrows(IllegalArgumentException.class, () -> run("--format", "tar", "--count", "1", "--out", "x"));
  }
}
