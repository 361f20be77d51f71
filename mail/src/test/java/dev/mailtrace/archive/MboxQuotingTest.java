package dev.mailtrace.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MboxQuotingTest {
  private static String unquote(String s, ArchiveFormat f) {
    return new String(
        MboxQuoting.unquote(s.getBytes(StandardCharsets.ISO_8859_1), f), StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"MBOXRD, From|>From|>>From", "AUTO, From|>From|>>From", "MBOXO, From|>>From|>>>From",
    "MBOXCL, From|>>From|>>>From", "MBOXCL2, >From|>>From|>>>From"})
  void eachVariantRemovesItsQuoting(ArchiveFormat f, String expected) {
    String in = ">From a\r>>From b\r\n>>>From c\n";
    String[] e = expected.split("\\|");
    assertEquals(e[0] + " a\r" + e[1] + " b\r\n" + e[2] + " c\n", unquote(in, f));
  }

  @Test
  void autoLeavesQuotingWhenAnUnquotedFromLineShowsAWriterThatDoesNotQuote() {
    assertEquals("x\nFrom me\n>From you\n", unquote("x\nFrom me\n>From you\n", ArchiveFormat.AUTO));
  }

  @Test
  void nothingToUndoGivesTheSameArray() {
    byte[] b = "A: 1\n\n> From\n>Fro\n".getBytes(StandardCharsets.US_ASCII);
    assertSame(b, MboxQuoting.unquote(b, ArchiveFormat.MBOXRD));
  }
}
