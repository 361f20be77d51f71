package dev.mailtrace.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MimeEncodingTest {

  private static byte[] decodeQuotedPrintable(String qp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < qp.length(); i++) {
      char c = qp.charAt(i);
      if (c == '=' && qp.charAt(i + 1) == '\n') {
        i++;
      } else if (c == '=') {
        out.write(Integer.parseInt(qp.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  @Test
  void quotedPrintableKeepsLinesShortAndRoundTrips() {
    SplittableRandom r = new SplittableRandom(1);
    for (int n = 0; n < 200; n++) {
      byte[] data = new byte[r.nextInt(2000)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (r.nextInt(10) == 0 ? '\n' : r.nextInt(5) == 0 ? ' ' : r.nextInt(256));
        if (data[i] == '\r') {
          data[i] = 'x';
        }
      }
      Bytes out = new Bytes(100);
      MimeEncoding.quotedPrintable(data, out);
      String qp = new String(out.toArray(false), StandardCharsets.ISO_8859_1);
      for (String line : qp.split("\n")) {
        assertTrue(line.length() <= 76, line);
        assertTrue(!line.endsWith(" ") && !line.endsWith("\t"), "trailing white space: " + line);
      }
      assertArrayEquals(data, decodeQuotedPrintable(qp));
    }
  }

  @Test
  void base64EncodedWordsDecodeToTheText() {
    for (String cs : new String[] {"UTF-8", "ISO-2022-JP"}) {
      String text = "山田 太郎 and a longer tail of words";
      String words = MimeEncoding.encodedWords(text, Charset.forName(cs), true);
      StringBuilder decoded = new StringBuilder();
      for (String w : words.split("\n ")) {
        assertTrue(w.length() <= 75, w);
        String payload = w.substring(w.indexOf("?B?") + 3, w.length() - 2);
        decoded.append(new String(Base64.getDecoder().decode(payload), Charset.forName(cs)));
      }
      assertEquals(text, decoded.toString());
    }
  }

  @Test
  void qEncodingUsesUnderscoreForSpaceAndHexForTheRest() {
    assertEquals("=?ISO-8859-1?Q?Ren=E9_M=FCller?=",
        MimeEncoding.encodedWord("René Müller", StandardCharsets.ISO_8859_1, false));
  }

  @Test
  void extendedParameterValueIsPercentEncoded() {
    assertEquals("UTF-8''%C3%9Cbersicht%20Q3.pdf", MimeEncoding.extendedValue("Übersicht Q3.pdf", StandardCharsets.UTF_8));
  }
}
