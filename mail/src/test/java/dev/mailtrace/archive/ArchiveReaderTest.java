package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.CORPORA;
import static dev.mailtrace.archive.ArchiveTesting.assertReadsBack;
import static dev.mailtrace.archive.ArchiveTesting.gzip;
import static dev.mailtrace.archive.ArchiveTesting.readAll;
import static dev.mailtrace.archive.ArchiveTesting.text;
import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {
  @TempDir Path dir;

  @Test
  void emlFileIsOneMessageCoveringTheWholeFile() throws IOException {
    byte[] eml = "From: a@x\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    Path f = write(dir.resolve("m.eml"), eml);
    List<RawMessage> ms = readAll(f, ArchiveFormat.AUTO);
    assertEquals(1, ms.size());
    RawMessage m = ms.get(0);
    assertArrayEquals(eml, m.content());
    assertNull(m.envelope());
    assertEquals(0, m.source().offset());
    assertEquals(eml.length, m.source().length());
    assertTrue(m.problems().isEmpty());
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void gzippedEmlIsRecognisedByMagicBytesNotName() throws IOException {
    byte[] eml = "Subject: hi\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
    Path f = write(dir.resolve("message"), gzip(eml));
    List<RawMessage> ms = readAll(f, ArchiveFormat.AUTO);
    assertEquals(1, ms.size());
    assertArrayEquals(eml, ms.get(0).content());
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void emptyFileGivesNoMessageAndTinyFileOneWithAProblem() throws IOException {
    assertEquals(0, readAll(write(dir.resolve("empty"), new byte[0]), ArchiveFormat.AUTO).size());
    for (int n = 1; n <= 3; n++) {
      byte[] tiny = "22\n".substring(0, n).getBytes(StandardCharsets.US_ASCII);
      List<RawMessage> ms = readAll(write(dir.resolve("tiny" + n), tiny), ArchiveFormat.AUTO);
      assertEquals(1, ms.size());
      assertArrayEquals(tiny, ms.get(0).content());
      assertTrue(ms.get(0).problems().get(0).startsWith("too short to be a message"));
    }
  }

  @Test
  void missingPathIsAnEnvironmentError() {
    assertThrows(
        NoSuchFileException.class, () -> ArchiveReader.open(dir.resolve("nope"), ArchiveFormat.AUTO));
  }

  @Test
  void aDeviceOrPipeIsRefusedWithAReasonNotReadOnce() {
    Path device = Path.of("/dev/null");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(device));
    var e = assertThrows(java.nio.file.FileSystemException.class, () -> ArchiveReader.open(device, ArchiveFormat.AUTO));
    assertTrue(e.getReason().startsWith("not a regular file"), e.getReason());
  }

  @Test
  void explicitEmlReadsAnMboxLookingFileAsOneMessage() throws IOException {
    byte[] s = "From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\nx\n\nFrom b@x Thu Sep 18 17:54:04 2008\n"
        .getBytes(StandardCharsets.US_ASCII);
    List<RawMessage> ms = readAll(write(dir.resolve("f"), s), ArchiveFormat.EML);
    assertEquals(1, ms.size());
    assertArrayEquals(s, ms.get(0).content());
    assertReadsBack(ms, ArchiveFormat.EML);
  }

  /**
   * mbox-0 and its 37 messages split into files (maildir/err) hold the same messages. The split
   * files were made with LF line ends (the mbox is CRLF), end with one more empty line than the
   * mbox message (whose separator line this reader drops, so two line ends in all), and in four
   * messages a Subject of raw 8-bit text was re-encoded as an RFC 2047 encoded word. Everything
   * else is identical byte for byte.
   */
  @Test
  void mboxAndItsSplitFilesGiveTheSameMessages() throws IOException {
    Path mbox = CORPORA.resolve("bounces/sisimai/mailbox/mbox-0");
    Path split = CORPORA.resolve("bounces/sisimai/maildir/err");
    Assumptions.assumeTrue(Files.isRegularFile(mbox) && Files.isDirectory(split));

    List<RawMessage> fromMbox = readAll(mbox, ArchiveFormat.AUTO);
    List<RawMessage> fromFiles = readAll(split, ArchiveFormat.AUTO);
    assertEquals(37, fromMbox.size());
    assertEquals(37, fromFiles.size());
    int identical = 0;
    int subjectReencoded = 0;
    for (int i = 0; i < 37; i++) {
      String a = text(fromMbox.get(i).content());
      String b = text(fromFiles.get(i).content());
      assertTrue(a.endsWith("\r\n") && !a.contains("\n\n"), "CRLF mbox message " + i);
      String lf = a.replace("\r\n", "\n") + "\n\n";
      if (lf.equals(b)) {
        identical++;
        continue;
      }
      String[] la = lf.split("\n", -1);
      String[] lb = b.split("\n", -1);
      assertEquals(la.length, lb.length, "line count of message " + i);
      for (int k = 0; k < la.length; k++) {
        if (!la[k].equals(lb[k])) {
          assertTrue(la[k].startsWith("Subject: ") && lb[k].startsWith("Subject: =?"), la[k]);
          assertTrue(la[k].chars().anyMatch(c -> c > 127), "8-bit subject in the mbox: " + la[k]);
        }
      }
      subjectReencoded++;
    }
    System.out.printf(
        "mbox-0 vs maildir/err: %d messages, %d identical after CRLF->LF, %d differ only in an"
            + " 8-bit Subject re-encoded%n",
        37, identical, subjectReencoded);
    for (RawMessage m : fromMbox) {
      for (String problem : m.problems()) {
        assertTrue(problem.startsWith("Content-Length "), "only a wrong Content-Length: " + problem);
      }
    }
    assertEquals(33, identical);
    assertEquals(4, subjectReencoded);
    assertReadsBack(fromMbox, ArchiveFormat.AUTO);
    assertReadsBack(fromFiles, ArchiveFormat.AUTO);
  }

  /** Every file under the corpora reads without an exception and reads back by its source. */
  @Test
  void everyCorpusFileReads() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CORPORA));
    Map<String, int[]> table = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(CORPORA)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<RawMessage> all = new ArrayList<>();
    for (Path f : files) {
      Path rel = CORPORA.relativize(f);
      String group = rel.getNameCount() == 1 ? "." : rel.subpath(0, Math.min(3, rel.getNameCount() - 1)).toString();
      int[] row = table.computeIfAbsent(group, k -> new int[3]);
      List<RawMessage> ms = readAll(f, ArchiveFormat.AUTO);
      if (Files.size(f) == 0) {
        assertEquals(0, ms.size(), "an empty file has no message: " + f);
      } else {
        assertTrue(ms.size() >= 1, "a non-empty file gives at least one message: " + f);
      }
      row[0]++;
      row[1] += ms.size();
      for (RawMessage m : ms) {
        if (!m.problems().isEmpty()) {
          row[2]++;
        }
      }
      all.addAll(ms);
    }
    System.out.printf("%-45s %6s %8s %8s%n", "corpus folder", "files", "messages", "problems");
    int[] total = new int[3];
    table.forEach(
        (k, v) -> {
          System.out.printf("%-45s %6d %8d %8d%n", k, v[0], v[1], v[2]);
          for (int i = 0; i < 3; i++) {
            total[i] += v[i];
          }
        });
    System.out.printf("%-45s %6d %8d %8d%n", "total", total[0], total[1], total[2]);
    assertReadsBack(all, ArchiveFormat.AUTO);
  }

  @Test
  void wholeCorporaFolderReadsAsOneWalk() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CORPORA));
    int n = 0;
    try (ArchiveReader r = ArchiveReader.open(CORPORA)) {
      while (r.next() != null) {
        n++;
      }
    }
    assertTrue(n > 1000, "messages: " + n);
  }
}
