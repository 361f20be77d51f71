package dev.mailtrace.search;

import static dev.mailtrace.index.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mailtrace.index.IndexRun;
import dev.mailtrace.message.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenIndexesTest {
  @TempDir Path dir;

  private static List<Message> messages(String subject, int n) {
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(message().at("/a/" + subject + ".mbox", i * 100L, 100).subject(subject + " " + i)
          .from("Alice", "alice@example.com").messageId(subject + i + "@example.com").build());
    }
    return out;
  }

  private static long count(OpenIndexes indexes, Path idx) throws IOException {
    try (MailSearcher s = indexes.acquire(idx)) {
      return s.count(new MatchAllDocsQuery());
    }
  }

  @Test
  void anIndexGrownBetweenTwoSearchesIsSeen() throws IOException {
    Path idx = dir.resolve("idx");
    IndexRun.addAll(idx, messages("first", 3));
    try (OpenIndexes indexes = new OpenIndexes(4)) {
      assertEquals(3, count(indexes, idx));
      IndexRun.addAll(idx, messages("second", 2));
      assertEquals(5, count(indexes, idx));
      assertEquals(5, count(indexes, idx));
      assertEquals(1, indexes.size());
    }
  }

  @Test
  void aCommitToAFolderUnchangedForAWhileIsSeen() throws IOException {
    // An index folder last changed an hour ago: its time is trusted, and the reader is reused
    // without reading the commit point, until a commit changes the folder again.
    Path idx = dir.resolve("idx");
    IndexRun.addAll(idx, messages("first", 3));
    Files.setLastModifiedTime(idx, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    try (OpenIndexes indexes = new OpenIndexes(4)) {
      assertEquals(3, count(indexes, idx));
      assertEquals(3, count(indexes, idx));
      IndexRun.addAll(idx, messages("second", 2));
      assertEquals(5, count(indexes, idx));
      Files.setLastModifiedTime(idx, FileTime.fromMillis(System.currentTimeMillis() - 1_800_000));
      assertEquals(5, count(indexes, idx));
      IndexRun.addAll(idx, messages("third", 1));
      assertEquals(6, count(indexes, idx));
    }
  }

  @Test
  void anIndexDeletedAndBuiltAgainIsReadAfresh() throws IOException {
    Path idx = dir.resolve("idx");
    IndexRun.addAll(idx, messages("first", 3));
    try (OpenIndexes indexes = new OpenIndexes(4)) {
      assertEquals(3, count(indexes, idx));
      delete(idx);
      IndexRun.addAll(idx, messages("other", 3));
      try (MailSearcher s = indexes.acquire(idx)) {
        assertEquals(3, s.count(s.parse("subject:other")));
        assertEquals(0, s.count(s.parse("subject:first")));
      }
    }
  }

  @Test
  void aSearcherInUseOutlivesEvictionAndClose() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    IndexRun.addAll(a, messages("first", 2));
    IndexRun.addAll(b, messages("second", 4));
    OpenIndexes indexes = new OpenIndexes(1);
    try (MailSearcher onA = indexes.acquire(a)) {
      assertEquals(4, count(indexes, b));
      assertEquals(1, indexes.size());
      indexes.close();
      assertEquals(2, onA.count(new MatchAllDocsQuery()));
    }
  }

  @Test
  void aMissingIndexFailsAndIsNotKept() throws IOException {
    try (OpenIndexes indexes = new OpenIndexes(2)) {
      assertThrows(IOException.class, () -> indexes.acquire(dir.resolve("none")));
      assertEquals(0, indexes.size());
      assertFalse(Files.exists(dir.resolve("none")), "a search created the folder");
    }
  }

  private static void delete(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
