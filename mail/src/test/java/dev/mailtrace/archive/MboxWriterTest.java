package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.assertReadsBack;
import static dev.mailtrace.archive.ArchiveTesting.gzip;
import static dev.mailtrace.archive.ArchiveTesting.readAll;
import static dev.mailtrace.archive.ArchiveTesting.text;
import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MboxWriterTest {
  @TempDir Path dir;

  private static byte[] writeAll(List<String> envelopes, List<byte[]> contents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MboxWriter w = new MboxWriter(out)) {
      for (int i = 0; i < contents.size(); i++) {
        w.write(envelopes.get(i), contents.get(i));
      }
    }
    return out.toByteArray();
  }

  @Test
  void fromLinesInTheContentAreQuotedTheMboxrdWay() throws IOException {
    byte[] content =
        "From: a@x\n\nFrom here\n>From there\n>>From afar\n> From not\n".getBytes(StandardCharsets.US_ASCII);
    byte[] mbox = writeAll(java.util.Collections.singletonList(null), List.of(content));
    assertEquals(
        MboxWriter.DEFAULT_FROM_LINE
            + "\nFrom: a@x\n\n>From here\n>>From there\n>>>From afar\n> From not\n\n",
        text(mbox));
  }

  @Test
  void fromLineIsBuiltFromSenderAndTimeInAsctimeForm() {
    assertEquals(
        "From bounce@example.org Thu Sep  4 07:05:09 2008",
        MboxWriter.fromLine("bounce@example.org", Instant.parse("2008-09-04T07:05:09Z")));
    assertEquals(
        "From MAILER-DAEMON Thu Jan  1 00:00:00 1970", MboxWriter.fromLine(null, null));
    assertEquals(
        "From a_b@x Sat Dec 31 23:59:59 2011",
        MboxWriter.fromLine("a b@x", Instant.parse("2011-12-31T23:59:59Z")));
  }

  @Test
  void unusableEnvelopeIsReplacedByTheDefault() throws IOException {
    byte[] mbox = writeAll(List.of("From nobody"), List.of("A: 1\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(MboxWriter.DEFAULT_FROM_LINE + "\r\nA: 1\r\n\r\n", text(mbox));
  }

  @Test
  void writtenMessagesReadBackExactly() throws IOException {
    List<byte[]> contents =
        List.of(
            "A: 1\r\n\r\nFrom x\r\n>From y\r\n".getBytes(StandardCharsets.US_ASCII),
            "B: 2\rbody\r".getBytes(StandardCharsets.US_ASCII),
            new byte[0],
            "C: 3\n\nlast line without end".getBytes(StandardCharsets.US_ASCII));
    List<String> envelopes =
        List.of(
            "From a@x Thu Sep 18 17:54:04 2008",
            "From b@x Thu Sep 18 17:54:04 2008",
            MboxWriter.fromLine("c@x", Instant.EPOCH),
            MboxWriter.fromLine("d@x", Instant.EPOCH));
    Path mbox = write(dir.resolve("out.mbox"), writeAll(envelopes, contents));
    for (ArchiveFormat f : List.of(ArchiveFormat.AUTO, ArchiveFormat.MBOXRD)) {
      List<RawMessage> ms = readAll(mbox, f);
      assertEquals(4, ms.size());
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(contents.get(i), ms.get(i).content(), f + " message " + i);
        assertEquals(envelopes.get(i), ms.get(i).envelope());
      }
      assertEquals("C: 3\n\nlast line without end\n", text(ms.get(3).content()), "line end added");
      assertReadsBack(ms, f);
    }
  }

  /** Random messages with every line end, quoted and unquoted From lines, and long lines. */
  @Test
  void randomMessagesSurviveAWriteReadRoundTrip() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    try {
      roundTrip(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("failed with -Dtests.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  private void roundTrip(Random rnd) throws IOException {
    String[] eols = {"\n", "\r\n", "\r"};
    String[] lines = {
      "From x@y Thu Sep 18 17:54:04 2008", "From here", ">From", ">>From there", "", "Subject: s",
      "From", " From", "F", ">", "From  Mon Jan  1 00:00:00 2001",
    };
    List<byte[]> contents = new ArrayList<>();
    List<String> envelopes = new ArrayList<>();
    for (int m = 0; m < 60; m++) {
      StringBuilder sb = new StringBuilder("Message: ").append(m);
      String eol = eols[rnd.nextInt(3)];
      sb.append(eol);
      int n = rnd.nextInt(40);
      for (int k = 0; k < n; k++) {
        int pick = rnd.nextInt(lines.length + 2);
        if (pick == lines.length) {
          sb.append("y".repeat(rnd.nextInt(120_000)));
        } else if (pick < lines.length) {
          sb.append(lines[pick]);
        }
        sb.append(rnd.nextInt(10) == 0 ? eols[rnd.nextInt(3)] : eol);
      }
      byte[] c = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
      contents.add(c);
      envelopes.add(MboxWriter.fromLine("s" + m + "@x", Instant.ofEpochSecond(rnd.nextInt(1 << 30))));
    }
    byte[] mbox = writeAll(envelopes, contents);
    for (Path p :
        List.of(write(dir.resolve("r.mbox"), mbox), write(dir.resolve("r.mbox.gz"), gzip(mbox)))) {
      List<RawMessage> ms = readAll(p, ArchiveFormat.AUTO);
      assertEquals(contents.size(), ms.size(), "messages in " + p);
      for (int i = 0; i < ms.size(); i++) {
        assertArrayEquals(contents.get(i), ms.get(i).content(), "message " + i);
        assertEquals(envelopes.get(i), ms.get(i).envelope());
        assertTrue(ms.get(i).problems().isEmpty(), ms.get(i).problems().toString());
      }
      assertReadsBack(ms, ArchiveFormat.AUTO);
    }
  }
}
