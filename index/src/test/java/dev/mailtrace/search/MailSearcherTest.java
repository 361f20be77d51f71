package dev.mailtrace.search;

import static dev.mailtrace.index.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.index.IndexRun;
import dev.mailtrace.message.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSearcherTest {
  @TempDir static Path dir;
  static MailSearcher searcher;
  static final String SHA1 = "a1".repeat(32);

  @BeforeAll
  static void buildIndex() throws IOException {
    List<Message> messages =
        List.of(
            message().at("/a/inbox.mbox", 0, 5000).sha256(SHA1)
                .from("Alice", "alice@example.com").to("bob@corp.org")
                .subject("Quarterly report").date("2024-01-10T09:00:00+01:00")
                .messageId("m1@example.com").header("X-Mailer", "Thunderbird 115")
                .attachment("Report.pdf", "application/pdf", 2000).text("Numbers attached.").build(),
            message().at("/a/inbox.mbox", 5000, 1200)
                .from("Carol", "carol@example.com").to("bob@corp.org").cc("dave@other.net")
                .subject("Re: Quarterly report").date("2024-01-11T10:00:00Z")
                .messageId("m2@example.com").inReplyTo("m1@example.com").references("m1@example.com")
                .text("Thanks for the numbers").build(),
            message().at("/a/inbox.mbox", 6200, 3_000_000)
                .from(null, "eve@spam.biz").to("bob@corp.org")
                .subject("Cheap pills").date("2024-03-05T00:00:00Z").messageId("spam1@spam.biz")
                .problem("bad header: line 3").text("buy now").build(),
            message().at("/b/copy.mbox", 0, 5000).sha256(SHA1)
                .from("Alice", "alice@example.com").to("bob@corp.org")
                .subject("Quarterly report").date("2024-01-10T09:00:00+01:00")
                .messageId("m1@example.com").build(),
            message().at("/b/copy.mbox", 5000, 1300)
                .from("Carol", "carol@example.com").to("bob@corp.org")
                .subject("Re: Quarterly report (edited)").date("2024-01-11T10:05:00Z")
                .messageId("m2@example.com").inReplyTo("m1@example.com").references("m1@example.com")
                .build(),
            message().at("/c/maildir/cur/1", 0, 800)
                .from("Jörg Müller", "jm@example.de").to("anna@corp.org")
                .subject("Grüße aus Köln").text("Schöne Grüße").build());
    IndexRun.addAll(dir, messages);
    searcher = MailSearcher.open(dir);
  }

  @AfterAll
  static void close() throws IOException {
    searcher.close();
  }

  private long count(String q) throws IOException {
    return searcher.count(searcher.parse(q));
  }

  @Test
  void countsBySenderDomainAndAddress() throws IOException {
    assertEquals(4, count("from:example.com"));
    assertEquals(2, count("from:alice@example.com"));
    assertEquals(2, count("from:alice"));
    assertEquals(1, count("from:*@spam.biz"));
    assertEquals(1, count("cc:dave@other.net"));
    assertEquals(6, count("rcpt:corp.org"));
  }

  @Test
  void datesSizesAndFlags() throws IOException {
    assertEquals(4, count("date:2024-01"));
    assertEquals(1, count("date:>2024-01-31"));
    assertEquals(1, count("size:>1M"));
    assertEquals(1, count("has:attachment"));
    assertEquals(1, count("attachment:*.pdf"));
    assertEquals(1, count("attachment:report.pdf"));
    assertEquals(1, count("attachment.type:application/*"));
    assertEquals(1, count("has:problem"));
    assertEquals(1, count("problem:header"));
    assertEquals(1, count("header.X-Mailer:thunderbird"));
    assertEquals(2, count("is:reply"));
  }

  @Test
  void headerPhrasesMatchMessagesWithAllTheirWords() throws IOException {
    assertEquals(1, count("header.X-Mailer:\"Thunderbird 115\""));
    assertEquals(0, count("header.X-Mailer:\"Thunderbird 116\""));
    assertEquals(1, count("lucene:(header.x-mailer:\"thunderbird 115\")"));
    assertEquals(count("subject:quarterly"), count("header.Subject:quarterly"));
    assertEquals(count("from:alice"), count("header.From:alice"));
  }

  @Test
  void textIsFoldedAndCaseless() throws IOException {
    assertEquals(1, count("grusse"));
    assertEquals(1, count("muller"));
    assertEquals(1, count("subject:KÖLN"));
    assertEquals(3, count("subject:\"quarterly report\" -subject:edited"));
  }

  @Test
  void duplicatesAreFlaggedNotDropped() throws IOException {
    assertEquals(6, searcher.documents());
    assertEquals(2, count("dup:sha256"));
    assertEquals(2, count("dup:msgid"));
    assertEquals(4, count("is:duplicate"));
  }

  @Test
  void threadGathersRepliesInDateOrder() throws IOException {
    List<Hit> thread = searcher.thread("m2@example.com", 100);
    assertEquals(4, thread.size());
    assertEquals("m1@example.com", thread.get(0).messageId());
    assertEquals(thread.get(0).thread(), thread.get(3).thread());
  }

  @Test
  void threadFollowsRepliesThatNameOnlyAMiddleMessage(@TempDir Path own) throws IOException {
    // c and f carry only In-Reply-To (no References), so each message alone gives another thread id.
    IndexRun.addAll(own, List.of(
        message().at("/t/box", 0, 100).subject("Plan").date("2024-05-01T09:00:00Z").messageId("a@x").build(),
        message().at("/t/box", 100, 100).subject("Re: Plan").date("2024-05-01T10:00:00Z").messageId("b@x")
            .inReplyTo("a@x").references("a@x").build(),
        message().at("/t/box", 200, 100).subject("Re: Plan").date("2024-05-01T11:00:00Z").messageId("c@x")
            .inReplyTo("b@x").build(),
        message().at("/t/box", 300, 100).subject("Re: Plan").date("2024-05-01T12:00:00Z").messageId("f@x")
            .inReplyTo("c@x").build(),
        message().at("/t/box", 400, 100).subject("Other").date("2024-05-01T13:00:00Z").messageId("g@x").build()));
    try (MailSearcher s = MailSearcher.open(own)) {
      for (String start : new String[] {"a@x", "<c@x>", "f@x"}) {
        List<Hit> thread = s.thread(start, 100);
        assertEquals(List.of("a@x", "b@x", "c@x", "f@x"), thread.stream().map(Hit::messageId).toList(), start);
      }
      assertEquals(List.of("g@x"), s.thread("g@x", 100).stream().map(Hit::messageId).toList());
    }
  }

  @Test
  void findsByShaPrefixAndMessageId() throws IOException {
    assertEquals(2, searcher.find(SHA1.substring(0, 8)).size());
    List<Hit> hits = searcher.find("<spam1@spam.biz>");
    assertEquals(1, hits.size());
    assertEquals(6200, hits.get(0).offset());
    assertEquals("/a/inbox.mbox", hits.get(0).file());
  }

  @Test
  void findsByDocumentIdOneCopyOfBytesHeldTwice() throws IOException {
    // SHA1's bytes are in two files; the id names one of them.
    List<Hit> hits = searcher.find(SHA1 + ":/b/copy.mbox:0");
    assertEquals(1, hits.size());
    assertEquals("/b/copy.mbox", hits.get(0).file());
    assertEquals(SHA1 + ":/b/copy.mbox:0", hits.get(0).id());
    assertTrue(searcher.find(SHA1 + ":/b/copy.mbox:5000").isEmpty());
  }

  @Test
  void newestFirstPutsUndatedLast() throws IOException {
    SearchPage page = searcher.search(searcher.parse("-from:nobody@x.y"), SortOrder.NEWEST, 0, 10);
    assertEquals(6, page.total());
    assertEquals("Cheap pills", page.hits().get(0).subject());
    assertNull(page.hits().get(5).date());
    SearchPage second = searcher.search(searcher.parse("-from:nobody@x.y"), SortOrder.NEWEST, 1, 2);
    assertEquals(2, second.hits().size());
    assertEquals(page.hits().get(1).id(), second.hits().get(0).id());
  }

  @Test
  void statsCountByDomainAndMonth() throws IOException {
    List<Bucket> domains = searcher.stats(searcher.parse("-from:nobody@x.y"), StatsField.SENDER_DOMAIN, 10);
    assertEquals(new Bucket("example.com", 4), domains.get(0));
    assertEquals(3, domains.size());
    List<Bucket> months = searcher.stats(searcher.parse("from:example.com"), StatsField.MONTH, 10);
    assertEquals(List.of(new Bucket("2024-01", 4)), months);
    List<Bucket> types = searcher.stats(searcher.parse("has:attachment"), StatsField.ATTACHMENT_TYPE, 10);
    assertEquals(List.of(new Bucket("application/pdf", 1)), types);
  }

  @Test
  void searchesWithoutMatchesAreEmpty() throws IOException {
    assertEquals(0, count("from:nobody@nowhere.example"));
    assertFalse(searcher.search(searcher.parse("subject:quarterly"), SortOrder.RELEVANCE, 0, 5).hits().isEmpty());
    assertTrue(searcher.find("<none@none>").isEmpty());
  }
}
