package dev.mailtrace.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailtrace.mime.TransferDecoding.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {

  private static String b64(String in, int[] junk) {
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    return new String(TransferDecoding.base64(b, 0, b.length, junk), StandardCharsets.ISO_8859_1);
  }

  private static String qp(String in, int[] bad) {
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    return new String(TransferDecoding.quotedPrintable(b, 0, b.length, bad),
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void base64MatchesTheJdkOnRandomData() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random r = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] data = new byte[r.nextInt(300)];
      r.nextBytes(data);
      byte[] enc = Base64.getMimeEncoder().encode(data);
      assertArrayEquals(data, TransferDecoding.base64(enc, 0, enc.length, new int[2]),
          "seed " + seed);
    }
  }

  @Test
  void base64ToleratesMissingPaddingLineBreaksAndJunk() {
    int[] junk = new int[2];
    assertEquals("hello", b64("aGVs\r\nbG8", junk));
    assertEquals(0, junk[0]);
    assertEquals("hello", b64("aGVs*bG8=!", junk));
    assertEquals(2, junk[0]);
  }

  @Test
  void base64PaddingEndsAQuantumSoConcatenatedBlocksDecode() {
    assertEquals("AA", b64("QQ==QQ==", new int[2]));
  }

  @Test
  void base64DanglingCharacterIsReported() {
    int[] junk = new int[2];
    assertEquals("hello", b64("aGVsbG8=Q", junk));
    assertEquals(1, junk[1]);
  }

  @Test
  void quotedPrintableDecodesEscapesInEitherCase() {
    int[] bad = new int[1];
    assertEquals("a=b\u00e9\u00e9", qp("a=3Db=E9=e9", bad));
    assertEquals(0, bad[0]);
  }

  @Test
  void quotedPrintableSoftBreaksWithAnyLineEnd() {
    assertEquals("abcdef", qp("ab=\r\ncd=\ne=  \rf", new int[1]));
  }

  @Test
  void quotedPrintableKeepsBadEscapesLiterally() {
    int[] bad = new int[1];
    assertEquals("50% =G1 x", qp("50% =G1 x=", bad));
    assertEquals(1, bad[0]);
  }

  @Test
  void quotedPrintableDropsTrailingWhiteSpace() {
    assertEquals("a\r\nb\nc", qp("a \t\r\nb  \nc  ", new int[1]));
  }

  @Test
  void quotedPrintableKeepsEncodedAndInnerWhiteSpace() {
    // "=20" is data, not transport padding; blanks before "=" or between words stay.
    assertEquals("a \r\nb c \r\nd", qp("a=20 \r\nb c =\r\n\r\nd", new int[1]));
    assertEquals("x  ", qp("x =20", new int[1]));
    assertEquals("one line of words, and more ", qp("one line of words, and more=20", new int[1]));
  }

  @Test
  void base64DecodesQuantaSplitAcrossLineBreaksAndJunk() {
    int[] junk = new int[2];
    // "Hello, world!" with a line break and junk inside quanta, the URL-safe letters mixed in.
    assertEquals("Hello, world!", b64("SGVs\r\nbG8s*IHdv\tcmxkIQ", junk));
    assertEquals(1, junk[0]);
    assertEquals("\u00fb\u00ff", b64("-_8=", new int[2]));
  }

  @Test
  void encodingNamesAreRecognised() {
    assertEquals(Encoding.IDENTITY, Encoding.of("8bit"));
    assertEquals(Encoding.BASE64, Encoding.of("base64"));
    assertEquals(Encoding.QUOTED_PRINTABLE, Encoding.of("quoted-printable"));
    assertEquals(Encoding.UNKNOWN, Encoding.of("x-uuencode"));
  }
}
