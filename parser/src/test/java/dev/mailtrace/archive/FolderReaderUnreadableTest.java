package dev.mailtrace.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderReaderUnreadableTest {

  @Test
  void truncatedGzipInAFolderIsReportedAndTheWalkGoesOn(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.eml"), "Subject: a\n\nbody\n", StandardCharsets.US_ASCII);
    // gzip magic and a header, then nothing: the stream ends early.
    Files.write(dir.resolve("b.eml.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1});
    Files.writeString(dir.resolve("c.eml"), "Subject: c\n\nbody\n", StandardCharsets.US_ASCII);

    List<RawMessage> read = new ArrayList<>();
    try (ArchiveReader reader = ArchiveReader.open(dir)) {
      for (RawMessage m; (m = reader.next()) != null; ) {
        read.add(m);
      }
    }

    assertEquals(3, read.size());
    assertTrue(read.get(0).problems().isEmpty());
    assertTrue(read.get(1).source().file().endsWith("b.eml.gz"));
    assertTrue(read.get(1).problems().get(0).startsWith("unreadable file: "));
    assertTrue(read.get(2).problems().isEmpty());
  }
}
