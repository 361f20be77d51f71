package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedWordsTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= | Keld Jørn Simonsen",
        "=?iso-8859-1?q?Andr=E9?= Pirard | André Pirard",
        "=?US-ASCII*EN?Q?Keith_Moore?= | Keith Moore",
        "=?utf-8?b?VGjDrXMgw61zIHbDoWzDrWQgw5pURjg=?= | Thís ís válíd ÚTF8",
        "=?UTF-8?B?VGjDrXMgw61zIHbDoWzDrWQgw5pURjg?= | Thís ís válíd ÚTF8",
        "=?utf-8?B?VGjDrXMg w61zIHbDoWzDrWQgw5pURjg=?= | Thís ís válíd ÚTF8",
        "=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?= | ab",
        "=?ISO-8859-1?Q?a?=\\r\\n =?ISO-8859-2?Q?_b?= | a b",
        "=?utf-8?B?w6k=?= =?utf-8?B?w6k=?= | éé",
        "=?utf-8?B?4oS?= =?utf-8?B?og==?= | ™",
        "=?utf-8?Q?=E2=84?= =?utf-8?Q?=A2?= | ™",
        "a =?utf-8?q?b?= c | a b c",
        "=?utf-8?q?a?=b | ab",
        "=?utf-8?q?50=25_off=?= | 50% off=",
        "=?utf-8?x?abc?= | =?utf-8?x?abc?=",
        "=? | =?",
        "=?utf-8?q?broken =?utf-8?q?ok?= | =?utf-8?q?broken ok",
        "=?windows-1252?q?=80?= | €",
        "=?iso-2022-jp?B?GyRCJUYlOSVIGyhC?= | テスト",
      })
  void decodesWords(String input, String expected) {
    List<String> problems = new ArrayList<>();
    String in = input.replace("\\r", "\r").replace("\\n", "\n");
    assertEquals(expected, EncodedWords.decode(in, problems));
    assertEquals(List.of(), problems);
  }

  @Test
  void unknownCharsetIsKeptAsWrittenWithAProblem() {
    List<String> problems = new ArrayList<>();
    assertEquals(
        "x =?x-klingon?q?abc?= y", EncodedWords.decode("x =?x-klingon?q?abc?= y", problems));
    assertEquals(List.of("unknown charset in encoded word: x-klingon"), problems);
  }

  @Test
  void plainTextIsReturnedUnchanged() {
    String plain = "Re: nothing\r\n to decode";
    assertTrue(plain == EncodedWords.decode(plain, new ArrayList<>()));
  }

  /**
   * Round trip: random text (any Unicode, emoji included) written as UTF-8 B and Q words, its bytes
   * cut into words at random places, even inside a character, decodes to the same text.
   */
  @Test
  void wordsSplitAnywhereDecodeToTheOriginal() {
    RandomText random = new RandomText("EncodedWordsTest.wordsSplitAnywhereDecodeToTheOriginal");
    java.util.Random r = random.random;
    for (int i = 0; i < 1_000; i++) {
      StringBuilder text = new StringBuilder();
      int len = 1 + r.nextInt(30);
      for (int k = 0; k < len; k++) {
        int kind = r.nextInt(4);
        int cp =
            kind == 0
                ? 0x20 + r.nextInt(0x5f)
                : kind == 1
                    ? 0xa0 + r.nextInt(0x700)
                    : kind == 2 ? 0x3040 + r.nextInt(0x60) : 0x1f600 + r.nextInt(0x40);
        text.appendCodePoint(cp);
      }
      byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      StringBuilder header = new StringBuilder();
      int pos = 0;
      while (pos < bytes.length) {
        int n = Math.min(bytes.length - pos, 1 + r.nextInt(12));
        byte[] chunk = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
        if (header.length() > 0) {
          header.append(r.nextBoolean() ? " " : "\r\n ");
        }
        if (r.nextBoolean()) {
          header.append("=?UTF-8?B?").append(java.util.Base64.getEncoder().encodeToString(chunk));
        } else {
          header.append("=?utf-8?q?");
          for (byte b : chunk) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_') {
              header.append((char) c);
            } else {
              header.append(String.format("=%02X", c));
            }
          }
        }
        header.append("?=");
        pos += n;
      }
      String in = header.toString();
      assertEquals(
          text.toString(),
          EncodedWords.decode(in, new ArrayList<>()),
          "seed " + random.seed + " " + in);
    }
  }

  @Test
  void randomInputNeverThrows() {
    RandomText random = new RandomText("EncodedWordsTest.randomInputNeverThrows");
    String[] pieces = {
      "=?",
      "?=",
      "utf-8",
      "?B?",
      "?q?",
      "?Q?",
      "=E2",
      "=8",
      "==",
      "_",
      "w6k",
      "?",
      "*en",
      "\r\n ",
      "iso-8859-1",
      "x-unknown",
      "=?utf-8?b?",
      "=?ISO-8859-1?Q?",
      "=?utf-16?b?"
    };
    random.check(5_000, i -> i % 2 == 0 ? random.fragments(pieces, "=?QBq b_ab09+/", 14) : random.next("=?Qb_ 8A", 40), s -> {
      EncodedWords.decode(s, new ArrayList<>());
      String line = Unstructured.decode(s, new ArrayList<>());
      assertTrue(line.indexOf('\r') < 0 && line.indexOf('\n') < 0, s);
      Unstructured.decodeList(s, new ArrayList<>());
    });
  }
}
