package dev.mailtrace.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.samples.Corpus;
import dev.mailtrace.search.MailSearcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRunTest {
  @TempDir static Path corpora;
  static Path first;
  static Path second;
  @TempDir Path dir;

  private static final IndexConfig TWO_THREADS = IndexConfig.DEFAULT.withThreads(2).withRamBufferMb(16);

  @BeforeAll
  static void generate() throws IOException {
    first = corpora.resolve("first.mbox");
    second = corpora.resolve("second.mbox");
    Corpus.write(Corpus.Format.MBOX, first, 5, 80, Long.MAX_VALUE, 4_000);
    Corpus.write(Corpus.Format.MBOX, second, 6, 30, Long.MAX_VALUE, 4_000);
  }

  private static Set<String> ids(Path index) throws IOException {
    Set<String> ids = new HashSet<>();
    try (var d = FSDirectory.open(index);
        DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext ctx : r.leaves()) {
        Bits live = ctx.reader().getLiveDocs();
        StoredFields sf = ctx.reader().storedFields();
        for (int i = 0; i < ctx.reader().maxDoc(); i++) {
          if (live == null || live.get(i)) {
            var doc = sf.document(i);
            String id = MessageDocument.id(doc.get(MessageFields.SHA256), doc.get(MessageFields.FILE),
                doc.getField(MessageFields.OFFSET).numericValue().longValue());
            assertTrue(ids.add(id), "one document per id");
          }
        }
      }
    }
    return ids;
  }

  private Path copy(Path source, String name) throws IOException {
    Path p = dir.resolve(name);
    Files.copy(source, p);
    return p;
  }

  @Test
  void reindexingTheSameArchiveAddsNothing() throws IOException {
    Path mbox = copy(first, "a.mbox");
    Path index = dir.resolve("idx");
    IndexStatus one = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(80, one.added());
    assertEquals(80, one.documents());
    assertTrue(one.complete());
    IndexStatus two = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(0, two.added());
    assertEquals(80, two.skipped());
    assertEquals(80, two.documents());
  }

  @Test
  void grownMboxAddsOnlyTheNewMessages() throws IOException {
    Path mbox = copy(first, "grow.mbox");
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    Files.write(mbox, Files.readAllBytes(second), StandardOpenOption.APPEND);
    IndexStatus grown = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(30, grown.added(), "only the appended messages are parsed and added");
    assertEquals(110, grown.documents());

    Path clean = dir.resolve("clean");
    new IndexRun(clean, List.of(mbox), TWO_THREADS).run();
    assertEquals(ids(clean), ids(index));
  }

  @Test
  void backgroundCommitsDuringARunLeaveTheSameDocumentsAsNone() throws IOException {
    Path mbox = copy(first, "commits.mbox");
    Path other = copy(second, "commits-other.mbox");
    Path often = dir.resolve("often");
    IndexStatus s = new IndexRun(often, List.of(mbox, other), TWO_THREADS.withCommitEvery(3)).run();
    assertTrue(s.complete());
    assertEquals(110, s.documents());
    Path once = dir.resolve("once");
    new IndexRun(once, List.of(mbox, other), TWO_THREADS.withMeasureInputs(false)).run();
    assertEquals(ids(once), ids(often));
  }

  @Test
  void aSmallBufferSplitOverManyThreadsFlushesOftenAndLosesNothing() throws IOException {
    Path mbox = copy(first, "small.mbox");
    Path small = dir.resolve("small");
    // 1 MB per thread: the 80 messages of ~4 KB and their postings fill several in-memory segments.
    IndexStatus s = new IndexRun(small, List.of(mbox), IndexConfig.DEFAULT.withThreads(4).withRamBufferMb(4)).run();
    assertTrue(s.complete());
    assertEquals(80, s.documents());
    try (var d = FSDirectory.open(small);
        DirectoryReader r = DirectoryReader.open(d)) {
      assertTrue(r.leaves().size() > 1, "segments: " + r.leaves().size());
    }
    Path usual = dir.resolve("usual");
    new IndexRun(usual, List.of(mbox), TWO_THREADS).run();
    assertEquals(ids(usual), ids(small));
  }

  @Test
  void eachParserGetsItsShareOfTheBufferWithinTheWritersLimits() {
    assertEquals(128, IndexRun.perThreadLimitMb(IndexConfig.DEFAULT.withRamBufferMb(256).withThreads(2)));
    assertEquals(1, IndexRun.perThreadLimitMb(IndexConfig.DEFAULT.withRamBufferMb(4).withThreads(8)));
    // Lucene refuses 2048 MB or more per thread.
    assertEquals(2047, IndexRun.perThreadLimitMb(IndexConfig.DEFAULT.withRamBufferMb(8192).withThreads(1)));
  }

  @Test
  void killedRunResumesToTheSameDocumentsAsACleanRun() throws IOException {
    Path mbox = copy(first, "kill.mbox");
    Path maildirLike = copy(second, "other.mbox");
    Path index = dir.resolve("idx");
    IndexStatus killed =
        new IndexRun(index, List.of(mbox, maildirLike), TWO_THREADS.withCommitEvery(12).withStopAfter(45)).run();
    assertFalse(killed.complete());
    Set<String> survived = ids(index);
    assertTrue(survived.size() > 0 && survived.size() < 110, "a partial index was committed: " + survived.size());

    IndexStatus resumed = new IndexRun(index, List.of(mbox, maildirLike), TWO_THREADS).run();
    assertTrue(resumed.complete());
    assertTrue(resumed.skipped() >= survived.size(), "committed messages are not parsed again");

    Path clean = dir.resolve("clean");
    new IndexRun(clean, List.of(mbox, maildirLike), TWO_THREADS).run();
    assertEquals(ids(clean), ids(index), "resumed index holds exactly the clean run's documents");
  }

  @Test
  void rewrittenMboxReplacesItsDocuments() throws IOException {
    Path mbox = copy(first, "rewrite.mbox");
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    Files.copy(second, mbox, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IndexStatus after = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(30, after.documents(), "no stale documents of the old content remain");
    Path clean = dir.resolve("clean");
    new IndexRun(clean, List.of(mbox), TWO_THREADS).run();
    assertEquals(ids(clean), ids(index));
  }

  private static String eml(int n) {
    return "From: a" + n + "@example.org\nTo: b@example.org\nSubject: note " + n + "\nMessage-ID: <" + n + "@example.org>\n\nbody " + n + "\n";
  }

  @Test
  void duplicatesAcrossRunsAreFlaggedAndClearedWhenTheTwinGoes() throws IOException {
    Path maildir = dir.resolve("Maildir");
    for (String sub : List.of("cur", "new", "tmp")) {
      Files.createDirectories(maildir.resolve(sub));
    }
    Files.writeString(maildir.resolve("cur/1001.M1P1.host:2,"), eml(1));
    Files.writeString(maildir.resolve("cur/1002.M1P1.host:2,"), eml(2));
    Path index = dir.resolve("idx");
    assertEquals(0, new IndexRun(index, List.of(maildir), TWO_THREADS).run().duplicates());
    // A later run (another segment) brings the same bytes again, and other bytes under a known Message-ID.
    Files.writeString(maildir.resolve("cur/1003.M1P1.host:2,"), eml(1));
    Files.writeString(maildir.resolve("cur/1004.M1P1.host:2,"), eml(2).replace("body 2", "body 2, edited"));
    IndexStatus twins = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(4, twins.duplicates());
    // The twins go: their documents are deleted, and the originals are no longer flagged.
    Files.delete(maildir.resolve("cur/1003.M1P1.host:2,"));
    Files.delete(maildir.resolve("cur/1004.M1P1.host:2,"));
    IndexStatus alone = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(2, alone.documents());
    assertEquals(0, alone.duplicates());
  }

  @Test
  void renamedAndDeletedMaildirFilesLeaveTheIndex() throws IOException {
    Path maildir = dir.resolve("Maildir");
    for (String sub : List.of("cur", "new", "tmp")) {
      Files.createDirectories(maildir.resolve(sub));
    }
    for (int i = 1; i <= 3; i++) {
      Files.writeString(maildir.resolve("cur").resolve("100" + i + ".M1P1.host:2,"), eml(i));
    }
    Path index = dir.resolve("idx");
    assertEquals(3, new IndexRun(index, List.of(maildir), TWO_THREADS).run().documents());
    // A client marks message 1 as seen (a rename) and expunges message 2.
    Files.move(maildir.resolve("cur/1001.M1P1.host:2,"), maildir.resolve("cur/1001.M1P1.host:2,S"));
    Files.delete(maildir.resolve("cur/1002.M1P1.host:2,"));
    IndexStatus after = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(1, after.added());
    assertEquals(2, after.documents());
    assertEquals(0, after.duplicates(), "the renamed message is not a duplicate of its old name");
  }

  /** A Maildir of {@code n} messages whose files were last modified an hour ago. */
  private Path oldMaildir(int n) throws IOException {
    Path maildir = dir.resolve("Maildir");
    for (String sub : List.of("cur", "new", "tmp")) {
      Files.createDirectories(maildir.resolve(sub));
    }
    for (int i = 1; i <= n; i++) {
      Path f = maildir.resolve("cur").resolve("100" + i + ".M1P1.host:2,");
      Files.writeString(f, eml(i));
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    }
    return maildir;
  }

  private static long count(Path index, String query) throws IOException {
    try (MailSearcher s = MailSearcher.open(index)) {
      return s.count(s.parse(query));
    }
  }

  /** Rewrites a file in place with other bytes of the same length, keeping its modification time. */
  private static void editKeepingStat(Path file, String from, String to) throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    String before = Files.readString(file);
    String after = before.replace(from, to);
    assertEquals(before.length(), after.length());
    Files.writeString(file, after);
    Files.setLastModifiedTime(file, modified);
  }

  @Test
  void unchangedMessageFilesAreNotReadAgain() throws IOException {
    Path maildir = oldMaildir(3);
    Path index = dir.resolve("idx");
    assertEquals(3, new IndexRun(index, List.of(maildir), TWO_THREADS).run().added());
    // Same size, same modification time, same inode: the file is taken as unchanged and not
    // opened, so the edit goes unseen (as make, rsync and git would miss it too).
    Path first = maildir.resolve("cur/1001.M1P1.host:2,");
    editKeepingStat(first, "body 1", "edit 1");
    IndexStatus again = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(0, again.added());
    assertEquals(3, again.skipped());
    assertEquals(3, again.documents());
    assertEquals(Files.size(maildir.resolve("cur/1001.M1P1.host:2,")) * 3, again.bytes());
    assertEquals(0, count(index, "body:edit"), "the index still holds the old text");
    // A new modification time is a change: the file is read and its document replaced.
    Files.setLastModifiedTime(first, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
    IndexStatus changed = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(1, changed.added());
    assertEquals(2, changed.skipped());
    assertEquals(3, changed.documents());
    assertEquals(1, count(index, "body:edit"));
    assertEquals(ids(index), ids(cleanIndex(maildir)));
  }

  @Test
  void aFileModifiedAsItWasReadIsReadAgainNextTime() throws IOException {
    Path maildir = oldMaildir(2);
    Path file = maildir.resolve("cur/1001.M1P1.host:2,");
    // Modified "just now" (here: ahead of the clock), within a coarse clock's tick of the read:
    // a change in the same tick would not move the time, so the run records no stamp.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    editKeepingStat(file, "body 1", "edit 1");
    IndexStatus again = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(1, again.added(), "the edit is found");
    assertEquals(1, count(index, "body:edit"));
    // Settled now: read once more, it gets its stamp, and from then on it is not opened.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    assertEquals(0, new IndexRun(index, List.of(maildir), TWO_THREADS).run().added());
    editKeepingStat(file, "edit 1", "body 1");
    IndexStatus settled = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(0, settled.added());
    assertEquals(2, settled.skipped());
    assertEquals(1, count(index, "body:edit"), "the stamped file was not opened");
  }

  @Test
  void aGrownMaildirReadsOnlyItsNewFiles() throws IOException {
    Path maildir = oldMaildir(3);
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    editKeepingStat(maildir.resolve("cur/1002.M1P1.host:2,"), "body 2", "edit 2");
    Files.writeString(maildir.resolve("new/1004.M1P1.host"), eml(4));
    IndexStatus grown = new IndexRun(index, List.of(maildir), TWO_THREADS).run();
    assertEquals(1, grown.added());
    assertEquals(3, grown.skipped());
    assertEquals(4, grown.documents());
    assertEquals(0, count(index, "body:edit"), "unchanged-looking files were not opened");
  }

  /** A copy of the first generated mbox, last modified an hour ago. */
  private Path oldMbox(String name) throws IOException {
    Path mbox = copy(first, name);
    Files.setLastModifiedTime(mbox, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    return mbox;
  }

  /** The Message-ID of the last message of {@code mbox}, which the edits below change. */
  private static String lastMessageId(Path mbox) throws IOException {
    String text = Files.readString(mbox, java.nio.charset.StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>").matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  @Test
  void anUnchangedMboxIsNotReadAgain() throws IOException {
    Path mbox = oldMbox("old.mbox");
    Path index = dir.resolve("idx");
    assertEquals(80, new IndexRun(index, List.of(mbox), TWO_THREADS).run().added());
    // The last message's id changes in place (same length, same time): not opened, not seen.
    String id = lastMessageId(mbox);
    String changed = id.substring(0, id.length() - 1) + (id.endsWith("x") ? "y" : "x");
    FileTime modified = Files.getLastModifiedTime(mbox);
    byte[] bytes = Files.readAllBytes(mbox);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf(id);
    byte[] edited = (text.substring(0, at) + changed + text.substring(at + id.length())).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(bytes.length, edited.length);
    Files.write(mbox, edited);
    Files.setLastModifiedTime(mbox, modified);
    IndexStatus again = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(0, again.added());
    assertEquals(80, again.skipped());
    assertEquals(80, again.documents());
    assertEquals(0, count(index, "msgid:" + changed), "the file was not opened");
    // Its time moves: read, its last message no longer matches, so its documents are made again.
    Files.setLastModifiedTime(mbox, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
    IndexStatus read = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(80, read.added());
    assertEquals(1, count(index, "msgid:" + changed));
    assertEquals(ids(cleanIndex(mbox)), ids(index));
  }

  @Test
  void anMboxLeftPartWayIsReadAgainEvenThoughItIsUnchanged() throws IOException {
    Path mbox = oldMbox("part.mbox");
    Path index = dir.resolve("idx");
    IndexStatus killed = new IndexRun(index, List.of(mbox), TWO_THREADS.withCommitEvery(12).withStopAfter(45)).run();
    assertFalse(killed.complete());
    IndexStatus resumed = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertTrue(resumed.added() > 0, "the rest of the file is indexed");
    assertEquals(80, resumed.documents());
    assertEquals(ids(cleanIndex(mbox)), ids(index));
    // Now read to its end and indexed: the next run leaves it unopened.
    IndexStatus third = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(0, third.added());
    assertEquals(80, third.skipped());
  }

  @Test
  void aGrownMboxIsReadAgainAndTakesItsNewStamp() throws IOException {
    Path mbox = oldMbox("grows.mbox");
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    Files.write(mbox, Files.readAllBytes(second), StandardOpenOption.APPEND);
    Files.setLastModifiedTime(mbox, FileTime.from(Instant.now().minus(Duration.ofMinutes(30))));
    assertEquals(30, new IndexRun(index, List.of(mbox), TWO_THREADS).run().added());
    IndexStatus again = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    assertEquals(0, again.added());
    assertEquals(110, again.skipped());
    assertEquals(110, again.documents());
  }

  private Path cleanIndex(Path input) throws IOException {
    Path clean = dir.resolve("clean");
    new IndexRun(clean, List.of(input), TWO_THREADS).run();
    return clean;
  }

  @Test
  void theSizeForProgressCountsOnlyWhatIsRead() throws IOException {
    Path maildir = dir.resolve("Maildir");
    for (String folder : List.of("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".notmuch/xapian")) {
      Files.createDirectories(maildir.resolve(folder));
    }
    Files.writeString(maildir.resolve("cur/1001.M1P1.host:2,"), eml(1));
    Files.writeString(maildir.resolve(".Sent/cur/1002.M1P1.host:2,S"), eml(2));
    // A notmuch database beside the mail is not read, so it is not part of the estimate either.
    Files.write(maildir.resolve(".notmuch/xapian/postlist.glass"), new byte[100_000]);
    IndexStatus done = new IndexRun(dir.resolve("idx"), List.of(maildir), TWO_THREADS).run();
    assertEquals(2, done.documents());
    assertEquals(done.bytes(), done.totalBytes());
  }

  @Test
  void sameBytesInTwoFilesAreKeptAndFlagged() throws IOException {
    Path a = copy(second, "one.mbox");
    Path b = copy(second, "two.mbox");
    Path index = dir.resolve("idx");
    IndexStatus s = new IndexRun(index, List.of(a, b), TWO_THREADS).run();
    assertEquals(60, s.documents());
    try (MailSearcher searcher = MailSearcher.open(index)) {
      assertEquals(60, searcher.count(searcher.parse("dup:sha256")));
      assertEquals(30, searcher.count(searcher.parse("dup:sha256 file:" + a)));
    }
  }

  @Test
  void theRunsProblemCountIsWhatHasProblemFinds() throws IOException {
    Path mbox = copy(first, "problems.mbox");
    Path index = dir.resolve("idx");
    IndexStatus s = new IndexRun(index, List.of(mbox), TWO_THREADS).run();
    try (MailSearcher searcher = MailSearcher.open(index)) {
      long flagged = searcher.count(searcher.parse("has:problem"));
      assertTrue(flagged > 0, "the generated corpus has malformed messages");
      assertEquals(flagged, s.problems());
    }
  }
}
