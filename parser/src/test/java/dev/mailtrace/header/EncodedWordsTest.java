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
    for (int i = 0; i < 20_000; i++) {
      String s =
          i % 2 == 0 ? random.fragments(pieces, "=?QBq b_ab09+/", 14) : random.next("=?Qb_ 8A", 40);
      try {
        EncodedWords.decode(s, new ArrayList<>());
        Unstructured.decode(s, new ArrayList<>());
        Unstructured.decodeList(s, new ArrayList<>());
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + random.seed + " input " + s, e);
      }
    }
  }
}
