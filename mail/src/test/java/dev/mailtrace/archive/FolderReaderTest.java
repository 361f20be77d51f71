package dev.mailtrace.archive;

import static dev.mailtrace.archive.ArchiveTesting.CORPORA;
import static dev.mailtrace.archive.ArchiveTesting.assertReadsBack;
import static dev.mailtrace.archive.ArchiveTesting.gzip;
import static dev.mailtrace.archive.ArchiveTesting.readAll;
import static dev.mailtrace.archive.ArchiveTesting.text;
import static dev.mailtrace.archive.ArchiveTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderReaderTest {
  @TempDir Path dir;

  private static byte[] msg(String subject) {
    return ("Subject: " + subject + "\n\nbody\n").getBytes(StandardCharsets.US_ASCII);
  }

  private List<String> names(List<RawMessage> ms) {
    return ms.stream().map(m -> dir.relativize(Path.of(m.source().file())).toString()).toList();
  }

  @Test
  void folderIsWalkedDepthFirstInNameOrderSkippingDotNames() throws IOException {
    write(dir.resolve("b.eml"), msg("b"));
    write(dir.resolve("a/z.eml"), msg("a/z"));
    write(dir.resolve("a/nested/deeper/m.eml"), msg("deep"));
    write(dir.resolve("a/b.eml"), msg("a/b"));
    write(dir.resolve(".DS_Store"), new byte[] {0, 1, 2, 3, 4});
    write(dir.resolve(".git/config"), msg("hidden"));
    write(dir.resolve("c/.hidden.eml"), msg("hidden"));
    write(dir.resolve("c/empty"), new byte[0]);
    List<RawMessage> ms = readAll(dir, ArchiveFormat.AUTO);
    assertEquals(List.of("a/b.eml", "a/nested/deeper/m.eml", "a/z.eml", "b.eml"), names(ms));
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void theGateSeesEachFileWithItsSizeAndFilesItTurnsAwayAreNotRead() throws IOException {
    write(dir.resolve("a.eml"), msg("a"));
    write(dir.resolve("b.eml"), msg("bb"));
    write(dir.resolve("c.eml"), msg("ccc"));
    List<String> asked = new java.util.ArrayList<>();
    List<RawMessage> ms = new java.util.ArrayList<>();
    FileGate gate = (file, attributes) -> {
      asked.add(dir.relativize(file) + "=" + attributes.size());
      return !file.getFileName().toString().equals("b.eml");
    };
    try (ArchiveReader r = ArchiveReader.open(dir, ArchiveFormat.AUTO, ReaderConfig.DEFAULT, gate)) {
      for (RawMessage m = r.next(); m != null; m = r.next()) {
        ms.add(m);
      }
    }
    assertEquals(List.of("a.eml=" + msg("a").length, "b.eml=" + msg("bb").length, "c.eml=" + msg("ccc").length), asked);
    assertEquals(List.of("a.eml", "c.eml"), names(ms));
    // A single file is asked about too.
    try (ArchiveReader r = ArchiveReader.open(dir.resolve("b.eml"), ArchiveFormat.AUTO, ReaderConfig.DEFAULT, (f, a) -> false)) {
      assertEquals(null, r.next());
    }
  }

  @Test
  void filesInAFolderAreReadByTheirContent() throws IOException {
    write(
        dir.resolve("box.mbox"),
        "From a@x Thu Sep 18 17:54:04 2008\nA: 1\n\nx\n\nFrom b@x Thu Sep 18 17:54:04 2008\nB: 2\n\ny\n"
            .getBytes(StandardCharsets.US_ASCII));
    write(dir.resolve("one.eml.gz"), gzip(msg("gz")));
    List<RawMessage> ms = readAll(dir, ArchiveFormat.AUTO);
    assertEquals(3, ms.size());
    assertEquals(List.of(0, 1, 0), ms.stream().map(RawMessage::index).toList());
    assertEquals("Subject: gz\n\nbody\n", text(ms.get(2).content()));
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void maildirReadsCurNewAndPlusPlusFoldersButNotTmp() throws IOException {
    Path md = dir.resolve("Maildir");
    write(md.resolve("cur/1000.M1P1.host:2,S"), msg("cur"));
    write(md.resolve("new/1001.M2P1.host"), msg("new"));
    write(md.resolve("tmp/1002.M3P1.host"), msg("unfinished"));
    write(md.resolve("dovecot-uidlist"), msg("metadata"));
    write(md.resolve(".Sent/cur/2000.M1P1.host:2,S"), msg("sent"));
    write(md.resolve(".Sent/maildirfolder"), new byte[0]);
    write(md.resolve(".Archive.2024/new/3000.M1P1.host"), msg("archive 2024"));
    write(md.resolve(".Archive/cur/.DS_Store"), msg("hidden"));
    write(md.resolve(".Archive/cur/2500.M1P1.host:2,"), msg("archive"));
    write(md.resolve("courierimapkeywords/:list"), msg("keywords"));
    List<RawMessage> ms = readAll(md, ArchiveFormat.AUTO);
    assertEquals(
        List.of(
            "Maildir/cur/1000.M1P1.host:2,S",
            "Maildir/new/1001.M2P1.host",
            "Maildir/.Archive/cur/2500.M1P1.host:2,",
            "Maildir/.Archive.2024/new/3000.M1P1.host",
            "Maildir/.Sent/cur/2000.M1P1.host:2,S"),
        names(ms));
    assertEquals(names(ms), names(readAll(md, ArchiveFormat.MAILDIR)));
    assertReadsBack(ms, ArchiveFormat.MAILDIR);
    // The size for progress is that of the files read: not tmp, metadata or dot-names.
    assertEquals(ms.stream().mapToLong(m -> m.source().length()).sum(), ArchiveReader.sizeOf(md));
  }

  @Test
  void maildirInsideAPlainFolderIsReadAsAMaildir() throws IOException {
    write(dir.resolve("export/readme.eml"), msg("plain"));
    write(dir.resolve("export/user/cur/1.host:2,"), msg("cur"));
    write(dir.resolve("export/user/tmp/2.host"), msg("tmp"));
    write(dir.resolve("export/user/.Junk/new/3.host"), msg("junk"));
    List<RawMessage> ms = readAll(dir.resolve("export"), ArchiveFormat.AUTO);
    assertEquals(
        List.of("export/readme.eml", "export/user/cur/1.host:2,", "export/user/.Junk/new/3.host"),
        names(ms));
  }

  @Test
  void stalwartMaildirTreeIsReadInFolderOrder() throws IOException {
    Path md = CORPORA.resolve("mime/stalwart/maildir");
    Assumptions.assumeTrue(Files.isDirectory(md));
    List<RawMessage> ms = readAll(md, ArchiveFormat.AUTO);
    List<String> folders =
        ms.stream()
            .map(m -> md.relativize(Path.of(m.source().file())).getParent().toString())
            .toList();
    System.out.println("stalwart maildir: " + ms.size() + " messages in " + folders);
    assertEquals(
        List.of(
            "cur",
            "new",
            ".My Folder/cur",
            ".My Folder/new",
            ".My Folder.Nested Folder/cur",
            ".My Folder.Nested Folder/new"),
        folders);
    assertReadsBack(ms, ArchiveFormat.AUTO);
  }

  @Test
  void aTruncatedGzipInAFolderIsToldAndPassedOverAndTheWalkGoesOn() throws IOException {
    write(dir.resolve("a.eml"), msg("a"));
    // gzip magic and a header, then nothing: the stream ends early.
    write(dir.resolve("b.eml.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1});
    write(dir.resolve("c.eml"), msg("c"));
    List<String> told = new java.util.ArrayList<>();

    List<RawMessage> read = new java.util.ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(dir, ArchiveFormat.AUTO, ReaderConfig.DEFAULT, FileGate.ALL,
        (path, why) -> told.add(dir.relativize(path) + ": " + Unreadable.reason(why)))) {
      for (RawMessage m; (m = r.next()) != null; ) {
        read.add(m);
      }
    }

    assertEquals(List.of("a.eml", "c.eml"), read.stream().map(m -> Path.of(m.source().file()).getFileName().toString()).toList(),
        "an unreadable file is never a message");
    assertEquals(List.of("b.eml.gz: Unexpected end of ZLIB input stream"), told);
  }

  @Test
  void aSubFolderThatCannotBeListedIsToldAndPassedOver() throws IOException {
    write(dir.resolve("a.eml"), msg("a"));
    java.nio.file.Files.createDirectories(dir.resolve("b/inner"));
    write(dir.resolve("b/inner/x.eml"), msg("x"));
    write(dir.resolve("c.eml"), msg("c"));
    List<String> told = new java.util.ArrayList<>();
    List<RawMessage> read = new java.util.ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(dir, ArchiveFormat.AUTO, ReaderConfig.DEFAULT, FileGate.ALL,
        (path, why) -> told.add(dir.relativize(path) + ": " + why.getClass().getSimpleName()))) {
      read.add(r.next());
      // Gone between the listing of its parent and its own: as unlistable as a folder without permission, even for root.
      java.nio.file.Files.delete(dir.resolve("b/inner/x.eml"));
      java.nio.file.Files.delete(dir.resolve("b/inner"));
      java.nio.file.Files.delete(dir.resolve("b"));
      for (RawMessage m; (m = r.next()) != null; ) {
        read.add(m);
      }
    }
    assertEquals(List.of("a.eml", "c.eml"), read.stream().map(m -> Path.of(m.source().file()).getFileName().toString()).toList());
    assertEquals(List.of("b: NoSuchFileException"), told);
  }
}
