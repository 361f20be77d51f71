package dev.mailtrace.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectorTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "From a@x Thu Sep 18 17:54:04 2008\\n | true",
        "\\n\\n  \\nFrom a@x Thu Sep 18 17:54:04 2008\\n | true",
        "\\r\\n\\tFrom x | false",
        "\\uFEFFFrom a@x Thu Sep 18 17:54:04 2008\\n | true",
        "From: a@x\\n | false",
        "Received: from x\\nFrom x\\n | false",
        "Fro | false",
        "'' | false",
      })
  void mboxIsAFileStartingWithFromAfterOptionalBlankLinesAndByteOrderMark(
      String head, boolean mbox) {
    String s =
        head.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\uFEFF", "\uFEFF");
    assertEquals(mbox, FormatDetector.looksLikeMbox(s.getBytes(StandardCharsets.UTF_8)));
  }
}
