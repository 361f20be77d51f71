package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlReaderTest {
  @TempDir Path dir;

  @Test
  void fileLargerThanTheLimitIsHashedWholeAndItsContentCut() throws IOException {
    byte[] big = new byte[300_000];
    Arrays.fill(big, (byte) 'a');
    Path f = write(dir.resolve("big.eml"), big);
    try (EmlReader r = new EmlReader(f, new ReaderConfig(1000))) {
      RawMessage m = r.next();
      assertEquals(300_000, m.source().length());
      assertEquals(1000, m.content().length);
      assertTrue(m.problems().get(0).contains("longer than the content limit"));
      assertNull(r.next());
      assertArrayEquals(big, SourceBytes.read(m.source()));
    }
  }

  @Test
  void bytesInHandGiveTheSameMessageAsReadingTheFile() throws IOException {
    byte[] eml = "Subject: hi\r\n\r\nbody\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Path f = write(dir.resolve("one.eml"), eml);
    RawMessage streamed;
    try (EmlReader r = new EmlReader(f, ReaderConfig.DEFAULT)) {
      streamed = r.next();
    }
    try (EmlReader r = new EmlReader(f, eml.clone(), ReaderConfig.DEFAULT)) {
      RawMessage inHand = r.next();
      assertEquals(streamed.source(), inHand.source());
      assertArrayEquals(streamed.content(), inHand.content());
      assertEquals(streamed.problems(), inHand.problems());
      assertNull(r.next());
    }
  }

  @Test
  void bytesInHandLongerThanTheLimitAreReadAgainAndCut() throws IOException {
    byte[] big = new byte[5000];
    Arrays.fill(big, (byte) 'a');
    Path f = write(dir.resolve("big.eml"), big);
    try (EmlReader r = new EmlReader(f, big, new ReaderConfig(1000))) {
      RawMessage m = r.next();
      assertEquals(5000, m.source().length());
      assertEquals(1000, m.content().length);
      assertTrue(m.problems().get(0).contains("longer than the content limit"));
    }
  }
}
