package dev.mailtrace.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceBytesTest {
  @TempDir Path dir;

  @Test
  void readsARangeOfAPlainFile() throws IOException {
    Path f = dir.resolve("a.mbox");
    Files.writeString(f, "0123456789");
    assertArrayEquals("345".getBytes(StandardCharsets.US_ASCII), SourceBytes.read(f, 3, 3));
  }

  @Test
  void gzipOffsetsCountDecompressedBytes() throws IOException {
    Path f = dir.resolve("a.mbox.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
    }
    assertArrayEquals("567".getBytes(StandardCharsets.US_ASCII), SourceBytes.read(f, 50_005, 3));
  }

  @Test
  void truncatedFileGivesFewerBytesAndFailsTheCheck() throws IOException {
    Path f = dir.resolve("a.eml");
    Files.writeString(f, "hello world");
    byte[] b = "world".getBytes(StandardCharsets.US_ASCII);
    Source s = new Source(f.toString(), 6, 5, SourceBytes.sha256(b));
    assertTrue(SourceBytes.isIntact(s));
    Files.writeString(f, "hello wor");
    assertEquals(3, SourceBytes.read(s).length);
    assertFalse(SourceBytes.isIntact(s));
  }
}
