package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.gzip;
import static dev.mailtrace.archive.ArchiveTesting.readAll;
import static dev.mailtrace.archive.ArchiveTesting.text;
import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceBytesTest {
  @TempDir Path dir;

  private static final byte[] MBOX =
      ("From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\n>From quoted\n\n"
              + "From b@x Thu Sep 18 17:54:05 2008\nB: 2\n\nsecond\n")
          .getBytes(StandardCharsets.US_ASCII);

  @Test
  void storedBytesAreReadBackWithQuotingIntactAndContentWithQuotingUndone() throws IOException {
    Path mbox = write(dir.resolve("m"), MBOX);
    RawMessage first = readAll(mbox, ArchiveFormat.AUTO).get(0);
    assertEquals("A: 1\n\n>From quoted\n", text(SourceBytes.read(first.source())));
    assertEquals(
        "A: 1\n\nFrom quoted\n", text(SourceBytes.readContent(first.source(), ArchiveFormat.AUTO)));
    assertEquals(
        "A: 1\n\n>From quoted\n",
        text(SourceBytes.readContent(first.source(), ArchiveFormat.MBOXCL2)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SourceBytes.copy(first.source(), out);
    assertEquals("A: 1\n\n>From quoted\n", text(out.toByteArray()));
  }

  @Test
  void gzipSourcesAreReadBackByDecompressingAndSkipping() throws IOException {
    Path gz = write(dir.resolve("m.gz"), gzip(MBOX));
    List<RawMessage> ms = readAll(gz, ArchiveFormat.AUTO);
    assertEquals(2, ms.size());
    assertEquals("B: 2\n\nsecond\n", text(SourceBytes.read(ms.get(1).source())));
    assertArrayEquals(ms.get(1).content(), SourceBytes.readContent(ms.get(1).source(), ArchiveFormat.AUTO));
  }

  @Test
  void changedFileIsReportedWithWhatWhereAndWhatToDo() throws IOException {
    Path mbox = write(dir.resolve("m"), MBOX);
    Source s = readAll(mbox, ArchiveFormat.AUTO).get(1).source();
    byte[] changed = MBOX.clone();
    changed[changed.length - 3] = 'X';
    Files.write(mbox, changed);
    SourceMismatchException e = assertThrows(SourceMismatchException.class, () -> SourceBytes.read(s));
    assertTrue(e.getMessage().contains(mbox.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("offset " + s.offset()), e.getMessage());
    assertTrue(e.getMessage().contains("read (index) it again"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertThrows(SourceMismatchException.class, () -> SourceBytes.copy(s, new ByteArrayOutputStream()));
  }

  @Test
  void truncatedFileIsAMismatch() throws IOException {
    Path mbox = write(dir.resolve("m"), MBOX);
    Source s = readAll(mbox, ArchiveFormat.AUTO).get(1).source();
    Files.write(mbox, java.util.Arrays.copyOf(MBOX, MBOX.length - 4));
    SourceMismatchException e = assertThrows(SourceMismatchException.class, () -> SourceBytes.read(s));
    assertTrue(e.getMessage().contains("file ends after"), e.getMessage());
  }
}
