package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.assertReadsBack;
import static dev.mailtrace.archive.ArchiveTesting.bytes;
import static dev.mailtrace.archive.ArchiveTesting.gzip;
import static dev.mailtrace.archive.ArchiveTesting.readAll;
import static dev.mailtrace.archive.ArchiveTesting.text;
import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MboxReaderTest {
  @TempDir Path dir;

  private static final String THREE =
      """
      From alice@example.com Thu Sep 18 17:54:04 2008
      Subject: one

      Body one.

      From bob@example.com  Wed Sep 17 22:25:40 2008
      Subject: two

      Body two
      >From quoted
      >>From twice

      From - Mon Jan  1 00:00:00 2001
      Subject: three

      Last.
      """;

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void threeMessagesAreFramedInEveryLineEndStyle(String eol) throws IOException {
    byte[] file = bytes(THREE, eol);
    Path mbox = write(dir.resolve("three.mbox"), file);
    List<RawMessage> ms = readAll(mbox, ArchiveFormat.AUTO);

    assertEquals(3, ms.size());
    assertEquals("From alice@example.com Thu Sep 18 17:54:04 2008", ms.get(0).envelope());
    assertEquals("From bob@example.com  Wed Sep 17 22:25:40 2008", ms.get(1).envelope());
    assertEquals("From - Mon Jan  1 00:00:00 2001", ms.get(2).envelope());
    assertEquals(text(bytes("Subject: one\n\nBody one.\n", eol)), text(ms.get(0).content()));
    assertEquals(
        text(
            bytes(
                "Subject: two\n\nBody two\nFrom quoted\n>From twice\n",
                eol)),
        text(ms.get(1).content()),
        "AUTO undoes mboxrd quoting");
    assertEquals(text(bytes("Subject: three\n\nLast.\n", eol)), text(ms.get(2).content()));
    for (int i = 0; i < 3; i++) {
      assertEquals(i, ms.get(i).index());
      assertTrue(ms.get(i).problems().isEmpty(), ms.get(i).problems().toString());
    }
    int firstLine = "From alice@example.com Thu Sep 18 17:54:04 2008".length() + eol.length();
    assertEquals(firstLine, ms.get(0).source().offset());
    assertEquals(bytes("Subject: one\n\nBody one.\n", eol).length, ms.get(0).source().length());
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void mixedLineEndsInOneFileAreFramed() throws IOException {
    String mixed =
        "From a@x Thu Sep 18 17:54:04 2008\r\nA: 1\n\r\nbody\r\r\n"
            + "From b@x Thu Sep 18 17:54:05 2008\rB: 2\r\rbody\n\r"
            + "From c@x Thu Sep 18 17:54:06 2008\nC: 3\r\n";
    Path mbox = write(dir.resolve("mixed"), mixed.getBytes(StandardCharsets.ISO_8859_1));
    List<RawMessage> ms = readAll(mbox, ArchiveFormat.AUTO);
    assertEquals(3, ms.size());
    assertEquals("A: 1\n\r\nbody\r", text(ms.get(0).content()));
    assertEquals("B: 2\r\rbody\n", text(ms.get(1).content()));
    assertEquals("C: 3\r\n", text(ms.get(2).content()));
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void fromLineWithoutEmptyLineBeforeItDoesNotSplitAutoButSplitsQuotingFormats()
      throws IOException {
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\nbody\nFrom b@x Thu Sep 18 17:54:05 2008\n"
            + ">From c\n\nFrom the start of 2009, a body line with no time\n";
    Path mbox = write(dir.resolve("nosep"), s.getBytes(StandardCharsets.ISO_8859_1));

    List<RawMessage> auto = readAll(mbox, ArchiveFormat.AUTO);
    assertEquals(1, auto.size());
    assertEquals(
        "A: 1\n\nbody\nFrom b@x Thu Sep 18 17:54:05 2008\n>From c\n\n"
            + "From the start of 2009, a body line with no time\n",
        text(auto.get(0).content()),
        "an unquoted From line shows a writer that does not quote: nothing undone");

    List<RawMessage> rd = readAll(mbox, ArchiveFormat.MBOXRD);
    assertEquals(2, rd.size());
    assertEquals("A: 1\n\nbody\n", text(rd.get(0).content()));
    assertEquals(
        "From c\n\nFrom the start of 2009, a body line with no time\n", text(rd.get(1).content()));
    assertReadsBack(auto, ArchiveFormat.AUTO);
    assertReadsBack(rd, ArchiveFormat.MBOXRD);
  }

  @ParameterizedTest
  @EnumSource(
      value = ArchiveFormat.class,
      names = {"MBOXO", "MBOXRD", "MBOXCL", "MBOXCL2", "AUTO"})
  void quotingIsUndoneAsEachVariantDefines(ArchiveFormat variant) throws IOException {
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\n>From one\n>>From two\n>>>From three\n"
            + "> From not quoted\n>Fromage\n";
    Path mbox = write(dir.resolve("q"), s.getBytes(StandardCharsets.ISO_8859_1));
    List<RawMessage> ms = readAll(mbox, variant);
    assertEquals(1, ms.size());
    String expected =
        switch (variant) {
          case MBOXRD, AUTO -> "A: 1\n\nFrom one\n>From two\n>>From three\n";
          case MBOXO, MBOXCL -> "A: 1\n\nFrom one\n>>From two\n>>>From three\n";
          default -> "A: 1\n\n>From one\n>>From two\n>>>From three\n";
        };
    assertEquals(expected + "> From not quoted\n>Fromage\n", text(ms.get(0).content()));
    assertReadsBack(ms, variant);
  }

  @Test
  void contentIsTheSameArrayAsStoredWhenNothingIsUnquoted() throws IOException {
    Path mbox =
        write(
            dir.resolve("plain"),
            "From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\nx\n".getBytes(StandardCharsets.US_ASCII));
    RawMessage m = readAll(mbox, ArchiveFormat.AUTO).get(0);
    assertEquals(m.source().length(), m.content().length);
  }

  @ParameterizedTest
  @EnumSource(
      value = ArchiveFormat.class,
      names = {"MBOXCL2", "AUTO"})
  void contentLengthKeepsUnquotedFromLinesInsideTheBody(ArchiveFormat variant) throws IOException {
    String body = "first\n\nFrom x@y Thu Sep 18 17:54:04 2008\nstill the same message\n";
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\nContent-Length: "
            + body.length()
            + "\nA: 1\n\n"
            + body
            + "\nFrom b@x Thu Sep 18 17:54:05 2008\nContent-Length: 3\n\nok\n";
    Path mbox = write(dir.resolve("cl2"), s.getBytes(StandardCharsets.ISO_8859_1));
    List<RawMessage> ms = readAll(mbox, variant);
    assertEquals(2, ms.size());
    assertEquals("Content-Length: " + body.length() + "\nA: 1\n\n" + body, text(ms.get(0).content()));
    assertEquals("Content-Length: 3\n\nok\n", text(ms.get(1).content()));
    assertTrue(ms.get(0).problems().isEmpty(), ms.get(0).problems().toString());
    assertTrue(ms.get(1).problems().isEmpty(), ms.get(1).problems().toString());
    assertReadsBack(ms, variant);
  }

  @Test
  void contentLengthCountingTheSeparatorLineIsHonoured() throws IOException {
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\nContent-Length: 4\n\nab\n\n"
            + "From b@x Thu Sep 18 17:54:05 2008\nContent-Length: 3\n\nok\n";
    List<RawMessage> ms =
        readAll(write(dir.resolve("cl"), s.getBytes(StandardCharsets.US_ASCII)), ArchiveFormat.MBOXCL);
    assertEquals(2, ms.size());
    assertEquals("Content-Length: 4\n\nab\n\n", text(ms.get(0).content()));
    assertEquals("Content-Length: 3\n\nok\n", text(ms.get(1).content()));
    assertTrue(ms.get(0).problems().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 30, 5000})
  void wrongContentLengthFallsBackToFromLinesWithAProblem(int claimed) throws IOException {
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\nContent-Length: "
            + claimed
            + "\n\nbody one\nmore\n\nFrom b@x Thu Sep 18 17:54:05 2008\nB: 2\n\nbody two\n\n"
            + "From c@x Thu Sep 18 17:54:06 2008\nC: 3\n\nbody three\n";
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    for (Path mbox :
        List.of(write(dir.resolve("wrong"), bytes), write(dir.resolve("wrong.gz"), gzip(bytes)))) {
      List<RawMessage> ms = readAll(mbox, ArchiveFormat.AUTO);
      assertEquals(3, ms.size(), "claimed " + claimed + " in " + mbox);
      assertEquals("Content-Length: " + claimed + "\n\nbody one\nmore\n", text(ms.get(0).content()));
      assertEquals(1, ms.get(0).problems().size());
      String problem = ms.get(0).problems().get(0);
      assertTrue(problem.startsWith("Content-Length " + claimed + " "), problem);
      assertTrue(problem.endsWith("(framed by From lines instead)"), problem);
      assertEquals("B: 2\n\nbody two\n", text(ms.get(1).content()));
      assertEquals("C: 3\n\nbody three\n", text(ms.get(2).content()));
      assertEquals(List.of(0, 1, 2), ms.stream().map(RawMessage::index).toList());
      assertReadsBack(ms, ArchiveFormat.AUTO);
    }
  }

  @Test
  void contentLengthIsIgnoredInMboxoAndMboxrd() throws IOException {
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\nContent-Length: 1\n\nbody\n\n"
            + "From b@x Thu Sep 18 17:54:05 2008\nB: 2\n\nx\n";
    Path mbox = write(dir.resolve("ign"), s.getBytes(StandardCharsets.US_ASCII));
    for (ArchiveFormat f : List.of(ArchiveFormat.MBOXO, ArchiveFormat.MBOXRD)) {
      List<RawMessage> ms = readAll(mbox, f);
      assertEquals(2, ms.size());
      assertTrue(ms.get(0).problems().isEmpty());
    }
  }

  @Test
  void textBeforeTheFirstFromLineIsAMessageWithAProblem() throws IOException {
    String s = "stray text\nmore\n\nFrom a@x Thu Sep 18 17:54:04 2008\nA: 1\n\nx\n";
    Path mbox = write(dir.resolve("lead"), s.getBytes(StandardCharsets.US_ASCII));
    List<RawMessage> ms = readAll(mbox, ArchiveFormat.MBOXRD);
    assertEquals(2, ms.size());
    assertNull(ms.get(0).envelope());
    assertEquals("stray text\nmore\n", text(ms.get(0).content()));
    assertTrue(ms.get(0).problems().get(0).startsWith("text before the first From line"));
    assertEquals(0, ms.get(0).source().offset());
    assertEquals("A: 1\n\nx\n", text(ms.get(1).content()));
    assertEquals(1, ms.get(1).index());
    assertReadsBack(ms, ArchiveFormat.MBOXRD);
  }

  @Test
  void whiteSpaceAndByteOrderMarkBeforeTheFirstFromLineAreDroppedWithAProblem()
      throws IOException {
    byte[] head = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n', ' ', '\n'};
    byte[] rest = "From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\nx\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + rest.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(rest, 0, all, head.length, rest.length);
    Path mbox = write(dir.resolve("bom"), all);
    List<RawMessage> ms = readAll(mbox, ArchiveFormat.AUTO);
    assertEquals(1, ms.size());
    assertEquals("A: 1\n\nx\n", text(ms.get(0).content()));
    assertEquals(1, ms.get(0).problems().size());
    assertTrue(ms.get(0).problems().get(0).startsWith("6 bytes of white space"));
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void fileWithoutAnyFromLineReadAsMboxIsOneMessageWithAProblem() throws IOException {
    Path f = write(dir.resolve("eml"), "A: 1\n\nx\n".getBytes(StandardCharsets.US_ASCII));
    List<RawMessage> ms = readAll(f, ArchiveFormat.MBOXO);
    assertEquals(1, ms.size());
    assertEquals("A: 1\n\nx\n", text(ms.get(0).content()));
    assertTrue(ms.get(0).problems().get(0).startsWith("no From line starts a message"));
  }

  @Test
  void emptyMessagesAndAFinalLineWithoutLineEndAreKept() throws IOException {
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\n\nFrom b@x Thu Sep 18 17:54:05 2008\nA: 1\n\nno end";
    List<RawMessage> ms =
        readAll(write(dir.resolve("e"), s.getBytes(StandardCharsets.US_ASCII)), ArchiveFormat.AUTO);
    assertEquals(2, ms.size());
    assertEquals(0, ms.get(0).content().length);
    assertTrue(ms.get(0).problems().get(0).startsWith("empty message"));
    assertEquals("A: 1\n\nno end", text(ms.get(1).content()));
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void messageLargerThanTheLimitIsFramedWholeButContentIsCut() throws IOException {
    StringBuilder big = new StringBuilder("A: 1\n\n");
    for (int i = 0; i < 20_000; i++) {
      big.append(">From line ").append(i).append(" of a long body\n");
    }
    String s =
        "From a@x Thu Sep 18 17:54:04 2008\n"
            + big
            + "\nFrom b@x Thu Sep 18 17:54:05 2008\nB: 2\n\nx\n";
    Path mbox = write(dir.resolve("big"), s.getBytes(StandardCharsets.US_ASCII));
    List<RawMessage> ms = readAll(mbox, ArchiveFormat.MBOXRD, new ReaderConfig(1000));
    assertEquals(2, ms.size());
    assertEquals(big.length(), ms.get(0).source().length());
    assertTrue(ms.get(0).content().length < 1000);
    assertTrue(text(ms.get(0).content()).startsWith("A: 1\n\nFrom line 0 of"));
    assertTrue(ms.get(0).problems().get(0).contains("longer than the content limit"));
    assertEquals("B: 2\n\nx\n", text(ms.get(1).content()));
    assertReadsBack(ms, ArchiveFormat.MBOXRD);
    assertEquals(
        big.toString().replace(">From", "From"),
        text(SourceBytes.readContent(ms.get(0).source(), ArchiveFormat.MBOXRD)));
  }

  @Test
  void linesLongerThanTheBufferAndManyMessagesStreamCorrectly() throws IOException {
    StringBuilder s = new StringBuilder();
    String longLine = "x".repeat(700_000);
    for (int i = 0; i < 40; i++) {
      s.append("From m").append(i).append("@x Thu Sep 18 17:54:04 2008\r\n");
      s.append("N: ").append(i).append("\r\n\r\n");
      s.append(i % 7 == 0 ? longLine : "short").append("\r\n\r\n");
    }
    byte[] bytes = s.toString().getBytes(StandardCharsets.US_ASCII);
    for (Path mbox :
        List.of(write(dir.resolve("long"), bytes), write(dir.resolve("long.gz"), gzip(bytes)))) {
      List<RawMessage> ms = readAll(mbox, ArchiveFormat.AUTO);
      assertEquals(40, ms.size());
      for (int i = 0; i < 40; i++) {
        String body = i % 7 == 0 ? longLine : "short";
        assertEquals("N: " + i + "\r\n\r\n" + body + "\r\n", text(ms.get(i).content()));
        assertEquals("From m" + i + "@x Thu Sep 18 17:54:04 2008", ms.get(i).envelope());
      }
      assertReadsBack(ms, ArchiveFormat.AUTO);
    }
  }

  @Test
  void gzipOffsetsCountDecompressedBytes() throws IOException {
    byte[] plain = bytes(THREE, "\n");
    List<RawMessage> a = readAll(write(dir.resolve("p.mbox"), plain), ArchiveFormat.AUTO);
    Path gz = write(dir.resolve("renamed.txt"), gzip(plain));
    List<RawMessage> b = readAll(gz, ArchiveFormat.AUTO);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).source().offset(), b.get(i).source().offset());
      assertEquals(a.get(i).source().sha256(), b.get(i).source().sha256());
      assertEquals(gz.toString(), b.get(i).source().file());
    }
    assertReadsBack(b, ArchiveFormat.AUTO);
  }

  @Test
  void readerReturnsNullAgainAfterTheEnd() throws IOException {
    Path mbox = write(dir.resolve("one"), bytes(THREE, "\n"));
    try (ArchiveReader r = ArchiveReader.open(mbox, ArchiveFormat.AUTO)) {
      int n = 0;
      while (r.next() != null) {
        n++;
      }
      assertEquals(3, n);
      assertNull(r.next());
    }
    assertSame(ArchiveFormat.AUTO, FormatDetector.fileFormat(mbox, ArchiveFormat.AUTO));
    assertTrue(Files.size(mbox) > 0);
  }

  /**
   * Random token soups (From lines, quoting, Content-Length headers, every line end) never make
   * the reader throw; every message reads back by its source, ranges increase without overlap, and
   * the content is what {@link SourceBytes#readContent} gives.
   */
  @Test
  void randomInputIsFramedConsistentlyInEveryFormat() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    java.util.Random rnd = new java.util.Random(seed);
    String[] tokens = {
      "From a@x Thu Sep 18 17:54:04 2008", "From b", ">From ", ">>From ", "Content-Length: ",
      "Content-Length: 3", "x", "yy", ":", " ", "\n", "\n", "\r", "\r\n", "\r\n", "7", "12", "\uFEFF",
    };
    try {
      for (int round = 0; round < 40; round++) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(200);
        for (int i = 0; i < n; i++) {
          sb.append(tokens[rnd.nextInt(tokens.length)]);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Path plain = write(dir.resolve("soup" + round), bytes);
        Path gz = write(dir.resolve("soup" + round + ".gz"), gzip(bytes));
        for (ArchiveFormat f : ArchiveFormat.values()) {
          for (Path p : List.of(plain, gz)) {
            List<RawMessage> ms = readAll(p, f, new ReaderConfig(64));
            long last = 0;
            for (RawMessage m : ms) {
              assertTrue(m.source().offset() >= last, "ranges increase in " + f);
              last = m.source().offset() + m.source().length();
            }
            assertTrue(last <= bytes.length);
            assertReadsBack(ms, f);
          }
        }
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("failed with -Dtests.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  @org.junit.jupiter.api.Test
  void aFileCutOrGrownWhileItIsReadGivesItsLastMessageAProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    String body = "line of a long body\n".repeat(15_000); // 300 KB a message, more than the reader's buffer
    String mbox = "From a Mon Jan  1 00:00:00 2024\nN: 1\n\n" + body + "\nFrom b Mon Jan  1 00:00:00 2024\nN: 2\n\n" + body
        + "\nFrom c Mon Jan  1 00:00:00 2024\nN: 3\n\n" + body;
    java.nio.file.Path cut = dir.resolve("cut.mbox");
    java.nio.file.Files.writeString(cut, mbox);
    java.nio.file.Path grown = dir.resolve("grown.mbox");
    java.nio.file.Files.writeString(grown, mbox);
    try (ArchiveReader r = ArchiveReader.open(cut); ArchiveReader g = ArchiveReader.open(grown)) {
      assertTrue(r.next().problems().isEmpty());
      assertTrue(g.next().problems().isEmpty());
      try (var ch = java.nio.channels.FileChannel.open(cut, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(mbox.length() - 200_000);
      }
      java.nio.file.Files.writeString(grown, "more appended\n".repeat(100), java.nio.file.StandardOpenOption.APPEND);
      assertTrue(r.next().problems().isEmpty());
      RawMessage third = r.next();
      assertEquals(null, r.next());
      assertEquals(1, third.problems().size(), third.problems().toString());
      assertTrue(third.problems().get(0).startsWith("the file was " + mbox.length() + " bytes when opened and "
          + (mbox.length() - 200_000) + " when read to its end (it changed while it was read)"), third.problems().get(0));
      g.next();
      RawMessage last = g.next();
      assertEquals(null, g.next());
      assertTrue(last.problems().get(0).contains("it changed while it was read"), last.problems().toString());
    }
  }
}
