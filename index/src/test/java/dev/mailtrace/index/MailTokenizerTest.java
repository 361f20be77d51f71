package dev.mailtrace.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class MailTokenizerTest {
  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    try (MailAnalyzer a = new MailAnalyzer();
        TokenStream ts = a.tokenStream("body", text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      TermToBytesRefAttribute indexed = ts.addAttribute(TermToBytesRefAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        // The bytes Lucene indexes are the term's characters in UTF-8, whichever way they were made.
        assertEquals(new BytesRef(t), indexed.getBytesRef(), t.toString());
        out.add(t.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void wordsAreLowerCasedAndSplitOnPunctuation() {
    assertEquals(List.of("hello", "world", "42"), tokens("Hello, WORLD! (42)"));
  }

  @Test
  void dotsAndApostrophesBetweenLettersJoin() {
    assertEquals(List.of("mail", "example.com", "don't", "end"), tokens("mail@Example.COM don't end."));
  }

  @Test
  void numbersKeepTheirSeparators() {
    assertEquals(List.of("3.14", "1,000", "v2", "a", "1"), tokens("3.14 1,000 v2 a,1"));
  }

  @Test
  void accentsAreFoldedToAscii() {
    assertEquals(List.of("muller", "strasse", "cafe"), tokens("Müller Straße café"));
  }

  @Test
  void chineseAndThaiGiveOneTokenPerCharacter() {
    assertEquals(List.of("中", "文", "abc", "ไ", "ท", "ย"), tokens("中文abc ไทย"));
  }

  @Test
  void cyrillicAndGreekStayWords() {
    assertEquals(List.of("привет", "мир", "αβγ"), tokens("Привет мир ΑΒΓ"));
  }

  @Test
  void supplementaryLettersAreKept() {
    assertEquals(List.of("𝒜bc"), tokens("𝒜bc"));
  }

  @Test
  void longRunsAreCutIntoPieces() {
    String run = "x".repeat(300);
    assertEquals(List.of("x".repeat(128), "x".repeat(128), "x".repeat(44)), tokens(run));
  }

  @Test
  void tokensSpanningTheReadBufferAreWhole() {
    String text = "a ".repeat(2047) + "example.com " + "word ".repeat(1000);
    List<String> t = tokens(text);
    assertEquals("example.com", t.get(2047));
    assertEquals(2047 + 1 + 1000, t.size());
  }

  @Test
  void asciiWordsAfterOthersAreIndexedAsTheirOwnBytes() {
    assertEquals(
        List.of("muller", "cafe_x", "don’t", "3,14", "日", "本", "e", "ab", "ωmega", "x.y", "z"),
        tokens("Müller café_x don’t 3,14 日本 É AB ωmega x.y z"));
  }

  @Test
  void aCopiedTermKeepsItsBytes() throws IOException {
    try (MailAnalyzer a = new MailAnalyzer();
        TokenStream ts = a.tokenStream("body", "first second")) {
      TermToBytesRefAttribute indexed = ts.addAttribute(TermToBytesRefAttribute.class);
      ts.reset();
      ts.incrementToken();
      org.apache.lucene.util.AttributeSource.State first = ts.captureState();
      ts.incrementToken();
      assertEquals(new BytesRef("second"), indexed.getBytesRef());
      ts.restoreState(first);
      assertEquals(new BytesRef("first"), indexed.getBytesRef());
      ts.end();
    }
  }
}
