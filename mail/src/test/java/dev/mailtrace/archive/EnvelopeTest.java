package dev.mailtrace.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "From MAILER-DAEMON Thu Sep 18 17:54:04 2008 | true",
        "From MAILER-DAEMON  Wed Sep 17 22:25:40 2008 | true",
        "From - Mon Jan  1 00:00:00 2001 | true",
        "From user@example.com Sat, 03 Jan 1996 01:05:34 +0000 | true",
        "From 1234@xxx Mon Jun 20 17:37:44 +0000 2011 | true",
        "From \"a b\"@example.com Thu Sep 18 17:54:04 2008 | true",
        "From sender Thu Sep 18 17:54:04 2008 remote from host | true",
        "From the start of 2009 we did | false",
        "From here on | false",
        "From  | false",
        "From user@example.com | false",
        "From: a@example.com Thu Sep 18 17:54:04 2008 | false",
        ">From a@x Thu Sep 18 17:54:04 2008 | false",
        "from a@x Thu Sep 18 17:54:04 2008 | false",
        "From 10:30 | false",
      })
  void fromLinesAreRecognisedTolerantlyButNotBodyText(String line, boolean expected) {
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    assertEquals(expected, Envelope.looksLikeFromLine(b, 0, b.length));
  }
}
