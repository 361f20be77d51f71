package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.gzip;
import static dev.mailtrace.archive.ArchiveTesting.text;
import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectorTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "From a@x Thu Sep 18 17:54:04 2008\\n | true",
        "\\n\\n  \\nFrom a@x Thu Sep 18 17:54:04 2008\\n | true",
        "\\r\\n\\tFrom x | false",
        "\\uFEFFFrom a@x Thu Sep 18 17:54:04 2008\\n | true",
        "From: a@x\\n | false",
        "Received: from x\\nFrom x\\n | false",
        "Fro | false",
        "'' | false",
      })
  void mboxIsAFileStartingWithFromAfterOptionalBlankLinesAndByteOrderMark(
      String head, boolean mbox) {
    String s =
        head.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\uFEFF", "\uFEFF");
    assertEquals(mbox, FormatDetector.looksLikeMbox(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void smallFilesAreOpenedByContentWhetherPlainGzipOrMbox() throws IOException {
    byte[] eml = "Subject: one\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
    byte[] mbox = "From a@x Thu Sep 18 17:54:04 2008\nSubject: a\n\nx\n\nFrom b@x Thu Sep 18 17:54:05 2008\nSubject: b\n\ny\n"
        .getBytes(StandardCharsets.US_ASCII);
    for (Path f : List.of(write(dir.resolve("plain"), eml), write(dir.resolve("zipped"), gzip(eml)))) {
      try (ArchiveReader r = FormatDetector.openFile(f, ArchiveFormat.AUTO, ReaderConfig.DEFAULT)) {
        assertInstanceOf(EmlReader.class, r);
        assertEquals("Subject: one\n\nbody\n", text(r.next().content()));
        assertNull(r.next());
      }
    }
    Path m = write(dir.resolve("small.mbox"), mbox);
    try (ArchiveReader r = FormatDetector.openFile(m, ArchiveFormat.AUTO, ReaderConfig.DEFAULT)) {
      assertInstanceOf(MboxReader.class, r);
      RawMessage first = r.next();
      assertEquals("Subject: a\n\nx\n", text(first.content()));
      assertEquals("Subject: b\n\ny\n", text(r.next().content()));
    }
  }
}
