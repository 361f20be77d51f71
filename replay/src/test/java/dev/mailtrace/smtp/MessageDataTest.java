package dev.mailtrace.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageDataTest {

  private static String wire(String content, boolean stuff) throws Exception {
    var out = new ByteArrayOutputStream();
    MessageData.of(content.getBytes(StandardCharsets.ISO_8859_1)).writeTo(out, stuff, true);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyKindOfLineEndBecomesCrlf() throws Exception {
    assertEquals("a\r\nb\r\nc\r\nd\r\n\r\ne\r\n", wire("a\nb\rc\r\nd\n\re", false));
  }

  @Test
  void linesStartingWithADotGetAnother() throws Exception {
    assertEquals("..a\r\nb.c\r\n...\r\n..\r\n", wire(".a\nb.c\n..\r\n.", true));
  }

  @Test
  void bdatModeDoesNotStuff() throws Exception {
    assertEquals(".a\r\n", wire(".a\n", false));
  }

  @Test
  void sizeCountsNormalisedLineEnds() {
    assertEquals(12, MessageData.of("a\nb\rc\r\nd\n".getBytes(StandardCharsets.ISO_8859_1)).size());
  }

  @Test
  void omittedRangesAndPrefixAreRespected() {
    byte[] c = "To: a\nBcc: x,\n y\nSubject: s\n\nbody\n".getBytes(StandardCharsets.ISO_8859_1);
    MessageData d = MessageData.of(c).omit(c, 6, 17).prepend("X-Stamp: 1\r\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("X-Stamp: 1\r\nTo: a\r\nSubject: s\r\n\r\nbody\r\n", new String(d.toByteArray(), StandardCharsets.ISO_8859_1));
    assertEquals(d.toByteArray().length, d.size());
  }

  @Test
  void eightBitIsFoundInHeaderAndBody() {
    assertTrue(MessageData.of("S: \u00e9\n\nx\n".getBytes(StandardCharsets.UTF_8)).hasEightBitHeader());
    MessageData body = MessageData.of("S: x\n\n\u00e9\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(body.hasEightBit());
    assertFalse(body.hasEightBitHeader());
  }

  @Test
  void sizeMatchesWrittenBytesForRandomLineEnds() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    byte[] alphabet = {'a', '.', '\r', '\n', ' ', (byte) 0xe9};
    for (int round = 0; round < 200; round++) {
      byte[] c = new byte[random.nextInt(64)];
      for (int i = 0; i < c.length; i++) {
        c[i] = alphabet[random.nextInt(alphabet.length)];
      }
      MessageData d = MessageData.of(c);
      byte[] written = d.toByteArray();
      assertEquals(written.length, d.size(), "seed " + seed);
      // The same content cut into pieces (slices, then a tail) gives the same bytes and size.
      int cut = c.length == 0 ? 0 : random.nextInt(c.length + 1);
      MessageData pieces = MessageData.of(c, cut, cut);
      for (int i = cut; i > 0; ) {
        int from = Math.max(0, i - 1 - random.nextInt(3));
        pieces = pieces.prepend(java.util.Arrays.copyOfRange(c, from, i));
        i = from;
      }
      byte[] rest = java.util.Arrays.copyOfRange(c, cut, c.length);
      pieces = pieces.followedBy(() -> new java.io.ByteArrayInputStream(rest));
      var whole = new ByteArrayOutputStream();
      var cutUp = new ByteArrayOutputStream();
      assertEquals(d.writeTo(whole, true, true), pieces.writeTo(cutUp, true, true), "seed " + seed);
      assertEquals(whole.toString(StandardCharsets.ISO_8859_1), cutUp.toString(StandardCharsets.ISO_8859_1), "seed " + seed);
      assertEquals(d.size(), pieces.size(), "seed " + seed);
      assertEquals(d.hasEightBit(), pieces.hasEightBit(), "seed " + seed);
      for (int i = 0; i < written.length; i++) {
        if (written[i] == '\r') {
          assertEquals('\n', written[i + 1], "seed " + seed);
        } else if (written[i] == '\n') {
          assertEquals('\r', written[i - 1], "seed " + seed);
        }
      }
    }
  }
}
