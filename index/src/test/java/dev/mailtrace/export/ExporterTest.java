package dev.mailtrace.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.mailtrace.index.TestMessages.sha256;
import dev.mailtrace.search.Hit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
  @TempDir Path dir;

  private static final String ONE = "From: a@example.com\nSubject: one\n\nFrom the start\n>From quoted\n";
  private static final String TWO = "From: b@example.com\nSubject: two\n\nbody two\n";

  private Path source() throws IOException {
    Path f = dir.resolve("source.eml");
    Files.writeString(f, ONE + TWO, StandardCharsets.UTF_8);
    return f;
  }

  private static Hit hit(Path file, long offset, String text, String envelope) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new Hit("id", file.toString(), offset, b.length, sha256(b), envelope, null, "t", Instant.parse("2024-01-02T03:04:05Z"), null, null, null, null, 0, Float.NaN);
  }

  @Test
  void emlFilesAreByteIdenticalAndNamedByHash() throws IOException {
    Path f = source();
    Hit one = hit(f, 0, ONE, null);
    Hit two = hit(f, ONE.length(), TWO, null);
    ExportResult r = new Exporter(ExportFormat.EML, dir.resolve("out"), "from:x", Instant.EPOCH).export(List.of(one, two));
    assertEquals(2, r.exported());
    assertArrayEquals(ONE.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("out").resolve(one.sha256() + ".eml")));
    List<String> manifest = Files.readAllLines(r.manifest());
    assertEquals(3, manifest.size());
    assertTrue(manifest.get(0).startsWith("source_file,offset,length,sha256,exported_path"));
    assertTrue(manifest.get(2).contains(two.sha256()) && manifest.get(2).endsWith("from:x"), manifest.get(2));
  }

  @Test
  void mboxQuotesFromLinesTheMboxrdWay() throws IOException {
    Path f = source();
    ExportResult r = new Exporter(ExportFormat.MBOX, dir.resolve("out.mbox"), "q", Instant.EPOCH).export(List.of(hit(f, 0, ONE, null)));
    assertEquals(1, r.exported());
    String mbox = Files.readString(dir.resolve("out.mbox"));
    assertTrue(mbox.startsWith("From MAILER-DAEMON Tue Jan  2 03:04:05 2024\nFrom: a@example.com\n"), mbox);
    assertTrue(mbox.contains("\n>From the start\n>>From quoted\n"), mbox);
  }

  @Test
  void changedBytesAreRefusedAndListed() throws IOException {
    Path f = source();
    Hit one = hit(f, 0, ONE, null);
    Hit two = hit(f, ONE.length(), TWO, null);
    Files.writeString(f, ONE + TWO.replace("two", "TWO"), StandardCharsets.UTF_8);
    ExportResult r = new Exporter(ExportFormat.JSON, dir.resolve("out.json"), "q", Instant.EPOCH).export(List.of(one, two));
    assertEquals(1, r.exported());
    assertEquals(1, r.refused().size());
    assertTrue(r.refused().get(0).contains("changed"), r.refused().get(0));
    assertEquals(1, Files.readAllLines(dir.resolve("out.json")).size());
  }

  @Test
  void csvHasAHeaderAndOneRowPerMessage() throws IOException {
    Path f = source();
    new Exporter(ExportFormat.CSV, dir.resolve("out.csv"), "q", Instant.EPOCH).export(List.of(hit(f, 0, ONE, null), hit(f, ONE.length(), TWO, null)));
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("date,from,to,subject,file,offset"));
  }

  @Test
  void plantedLinksAreNeverWrittenThrough() throws IOException {
    Path f = source();
    Hit one = hit(f, 0, ONE, null);
    Hit two = hit(f, ONE.length(), TWO, null);
    Path out = Files.createDirectories(dir.resolve("planted"));
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    // The sender of a message can predict its SHA-256, hence the names export will use.
    Files.createSymbolicLink(out.resolve(one.sha256() + ".eml"), victim);
    Files.createSymbolicLink(out.resolve(two.sha256() + ".eml.part"), victim);
    ExportResult r = new Exporter(ExportFormat.EML, out, "q", Instant.EPOCH).export(List.of(one, two));
    assertEquals("precious", Files.readString(victim));
    assertEquals(1, r.exported());
    assertEquals(1, r.refused().size());
    assertTrue(r.refused().get(0).contains("already exists and is not this message"), r.refused().get(0));
    assertArrayEquals(TWO.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve(two.sha256() + ".eml")));
  }

  @Test
  void anExistingManifestOrOutputEndsTheExportBeforeAnythingIsWritten() throws IOException {
    Path f = source();
    Path out = Files.createDirectories(dir.resolve("again"));
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Files.createSymbolicLink(out.resolve("manifest.csv"), victim);
    var e = org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.FileAlreadyExistsException.class,
        () -> new Exporter(ExportFormat.EML, out, "q", Instant.EPOCH).export(List.of(hit(f, 0, ONE, null))));
    assertTrue(e.getMessage().contains("already exists (export never overwrites"), e.getMessage());
    assertEquals("precious", Files.readString(victim));
    Files.createSymbolicLink(dir.resolve("out.mbox"), victim);
    org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.FileAlreadyExistsException.class,
        () -> new Exporter(ExportFormat.MBOX, dir.resolve("out.mbox"), "q", Instant.EPOCH).export(List.of(hit(f, 0, ONE, null))));
    assertEquals("precious", Files.readString(victim));
    try (var left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
    }
  }

  @Test
  void exportingIntoTheSameFolderAgainKeepsTheSameFiles() throws IOException {
    Path f = source();
    Path out = dir.resolve("twice");
    Hit one = hit(f, 0, ONE, null);
    new Exporter(ExportFormat.EML, out, "q", Instant.EPOCH).export(List.of(one));
    Files.delete(out.resolve("manifest.csv"));
    ExportResult r = new Exporter(ExportFormat.EML, out, "q", Instant.EPOCH).export(List.of(one));
    assertEquals(1, r.exported());
    assertTrue(r.refused().isEmpty());
  }
}
