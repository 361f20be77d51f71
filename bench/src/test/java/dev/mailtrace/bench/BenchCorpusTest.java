package dev.mailtrace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCorpusTest {

  @Test
  void boundaryScanCountsEveryGeneratedMessage() {
    BenchCorpus corpus = BenchCorpus.generate(5, 300);
    assertEquals(300, corpus.messages().size());
    assertEquals(300, BenchCorpus.countMboxMessages(corpus.mbox(), 0, corpus.mbox().length, true));
  }

  @Test
  void quotedFromLinesAreNotBoundaries() {
    byte[] mbox = "From a@example.com Mon Jan  5 08:00:00 2026\nSubject: x\n\n>From here\n\n"
        .getBytes(StandardCharsets.US_ASCII);
    assertEquals(1, BenchCorpus.countMboxMessages(mbox, 0, mbox.length, true));
  }
}
