package dev.mailtrace.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetsTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "UTF-8 # UTF-8",
        "\"utf-8\" # UTF-8",
        "utf8mb4 # UTF-8",
        "UTF_8 # UTF-8",
        "US-ASCII*EN # windows-1252",
        "iso-8859-1 # windows-1252",
        "latin-1 # windows-1252",
        "unknown-8bit # windows-1252",
        "iso-8859-8-i # ISO-8859-8",
        "iso_8859-2 # ISO-8859-2",
        "cp1251 # windows-1251",
        "win-1251 # windows-1251",
        "windows1250 # windows-1250",
        "cp850 # IBM850",
        "ks_c_5601-1987 # x-windows-949",
        "gb2312 # GBK",
        "shift_jis # windows-31j",
        "x-mac-roman # x-MacRoman",
        "koi8-r # KOI8-R",
      })
  void resolvesLabelsAsMailWritesThem(String label, String expected) {
    assertEquals(expected, Charsets.forLabel(label).name());
  }

  @Test
  void utf7IsDecoded() {
    byte[] b = "Fr+APY-sche +- 1+-2 +ZeVnLIqe-".getBytes(StandardCharsets.US_ASCII);
    assertEquals("Frösche + 1+2 日本語", Charsets.decode(b, "UTF-7"));
  }

  @Test
  void unknownLabelsGiveNull() {
    assertNull(Charsets.forLabel("x-klingon"));
    assertNull(Charsets.forLabel(""));
    assertNull(Charsets.forLabel(null));
  }

  @Test
  void latinLabelledUtf8IsReadAsUtf8() {
    byte[] utf8 = "Grüße".getBytes(StandardCharsets.UTF_8);
    assertEquals("Grüße", Charsets.decode(utf8, "iso-8859-1"));
    byte[] latin = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("Grüße", Charsets.decode(latin, "utf-8"));
    assertEquals("€", Charsets.decode(new byte[] {(byte) 0x80}, "us-ascii"));
  }

  @Test
  void malformedUtf8FallsBackToTheLabelledCharset() {
    // Overlong "/", a UTF-16 surrogate, a code point above U+10FFFF, a cut sequence: none is
    // UTF-8 (Unicode table 3-7), so the bytes are read as windows-1252.
    for (byte[] bad : new byte[][] {
        {'a', (byte) 0xC0, (byte) 0xAF},
        {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {'x', (byte) 0xE2, (byte) 0x82}}) {
      assertEquals(new String(bad, Charset.forName("windows-1252")), Charsets.decode(bad, "utf-8"));
    }
    byte[] ok = "long ASCII prefix then 𝄞 and € and é".getBytes(StandardCharsets.UTF_8);
    assertEquals("long ASCII prefix then 𝄞 and € and é", Charsets.decode(ok, "utf-8"));
  }
}
