package dev.mailtrace.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailtrace.message.RawMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Shared steps of the archive tests: read everything, write test files, check read-back. */
final class ArchiveTesting {
  private ArchiveTesting() {}

  static final Path CORPORA =
      Path.of(System.getProperty("mailtrace.root", ".")).resolve("../shared/corpora").normalize();

  static List<RawMessage> readAll(Path path, ArchiveFormat format) throws IOException {
    return readAll(path, format, ReaderConfig.DEFAULT);
  }

  static List<RawMessage> readAll(Path path, ArchiveFormat format, ReaderConfig config)
      throws IOException {
    List<RawMessage> out = new ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(path, format, config)) {
      for (RawMessage m; (m = r.next()) != null; ) {
        out.add(m);
      }
    }
    return out;
  }

  /** Text with "\n" line ends turned into {@code eol}, as ISO-8859-1 bytes. */
  static byte[] bytes(String text, String eol) {
    return text.replace("\n", eol).getBytes(StandardCharsets.ISO_8859_1);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static Path write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, content);
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(content);
    }
    return bos.toByteArray();
  }

  /**
   * Every message reads back by its source with a matching hash, and its content is what {@link
   * SourceBytes#readContent} gives for the format.
   */
  static void assertReadsBack(List<RawMessage> messages, ArchiveFormat format) throws IOException {
    for (RawMessage m : messages) {
      byte[] stored = SourceBytes.read(m.source());
      assertEquals(m.source().length(), stored.length, "stored length " + m.source());
      if (m.content().length == stored.length || !m.problems().toString().contains("limit")) {
        assertArrayEquals(
            m.content(), SourceBytes.readContent(m.source(), format), "content of " + m.source());
      }
    }
  }
}
