package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;

  private static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void emlExportIsByteIdenticalWithAManifest() throws Exception {
    String idx = SampleIndex.build(dir).toString();
    Path out = dir.resolve("out");
    CliRun r = run("export", "--index", idx, "--format", "eml", "--out", out.toString(), "is:autoreply");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("exported 9 messages"), r.out());
    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.filter(p -> p.toString().endsWith(".eml")).toList();
    }
    assertEquals(9, files.size());
    for (Path f : files) {
      assertEquals(f.getFileName().toString().replace(".eml", ""), sha256(f), "re-hash of " + f);
    }
    List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
    assertEquals(10, manifest.size());
    assertTrue(manifest.get(1).endsWith(",is:autoreply"), manifest.get(1));
  }

  @Test
  void mboxExportReadsBackAsTheSameMessages() throws Exception {
    String idx = SampleIndex.build(dir).toString();
    Path out = dir.resolve("bounces.mbox");
    CliRun r = run("export", "--index", idx, "--format", "mbox", "--out", out.toString(), "is:bounce");
    assertEquals(0, r.code(), r.err());
    CliRun again = run("index", out.toString(), "--index", dir.resolve("idx2").toString(), "--quiet");
    assertTrue(again.out().startsWith("indexed 13 messages"), again.out());
    CliRun count = run("search", "--index", dir.resolve("idx2").toString(), "--count", "is:bounce");
    assertEquals("13", count.out().strip());
  }

  @Test
  void changedSourceIsRefusedAndListed() throws Exception {
    String idx = SampleIndex.build(dir).toString();
    CliRun hit = run("search", "--index", idx, "--csv", "--limit", "1", "--fields", "offset", "is:autoreply");
    long offset = Long.parseLong(hit.out().lines().skip(1).findFirst().orElseThrow());
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("archive.mbox").toFile(), "rw")) {
      f.seek(offset + 2);
      int b = f.read();
      f.seek(offset + 2);
      f.write(b ^ 0x20);
    }
    CliRun r = run("export", "--index", idx, "--format", "json", "--out", dir.resolve("x.json").toString(), "is:autoreply");
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("exported 8 messages"), r.out());
    assertTrue(r.err().contains("refused") && r.err().contains(":" + offset + ":"), r.err());
  }
}
