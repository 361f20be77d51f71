package dev.mailtrace.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailtrace.mime.MimeTokenizer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeTokenizerTest {

  /** Drives the tokenizer the simplest way: every body with a "multipart" field is multipart "b". */
  private static List<String> tokens(String text) {
    byte[] buf = text.getBytes(StandardCharsets.ISO_8859_1);
    List<String> problems = new ArrayList<>();
    MimeTokenizer t = new MimeTokenizer(buf, 10, problems);
    List<String> out = new ArrayList<>();
    boolean multipart = false;
    int boundary = 0;
    for (Token tok = t.next(); tok != Token.END_OF_INPUT; tok = t.next()) {
      switch (tok) {
        case FIELD -> {
          out.add(t.fieldName() + "=" + t.fieldValue(1000));
          multipart |= t.fieldValue(1000).startsWith("multipart");
        }
        case END_OF_HEADER -> {
          out.add("EOH");
          if (multipart) {
            multipart = false;
            boolean entered = t.enterMultipart(("b" + boundary++).getBytes());
            out.add(entered ? "MULTIPART" : "NO-BOUNDARY");
          }
        }
        case BODY -> out.add("BODY[" + new String(buf, t.bodyStart(), t.bodyEnd() - t.bodyStart(),
            StandardCharsets.ISO_8859_1) + "]");
        default -> out.add(tok.name());
      }
    }
    return out;
  }

  @Test
  void singlePartGivesFieldsThenBody() {
    assertEquals(List.of("A=1", "B=2 3", "EOH", "BODY[x\r\n]"), tokens("A: 1\r\nB: 2\r\n 3\r\n\r\nx\r\n"));
  }

  @Test
  void multipartGivesPartsAndEnd() {
    assertEquals(
        List.of("T=multipart", "EOH", "MULTIPART", "START_PART", "EOH", "BODY[one]", "START_PART",
            "X=y", "EOH", "BODY[]", "END_MULTIPART"),
        tokens("T: multipart\n\npre\n--b0\n\none\n--b0\nX: y\n--b0--\nepilogue\n"));
  }

  @Test
  void lineEndBeforeDelimiterBelongsToTheDelimiter() {
    assertEquals(List.of("T=multipart", "EOH", "MULTIPART", "START_PART", "EOH", "BODY[a\r\n]",
        "END_MULTIPART"), tokens("T: multipart\r\n\r\n--b0\r\n\r\na\r\n\r\n--b0--"));
  }

  @Test
  void boundaryFollowedByOtherTextIsNotADelimiter() {
    assertEquals(List.of("T=multipart", "EOH", "MULTIPART", "START_PART", "EOH",
        "BODY[--b01\n--b0x]", "END_MULTIPART"), tokens("T: multipart\n\n--b0\n\n--b01\n--b0x\n--b0--"));
  }

  @Test
  void bodyWithoutItsBoundaryIsNotMultipart() {
    assertEquals(List.of("T=multipart", "EOH", "NO-BOUNDARY", "BODY[text]"),
        tokens("T: multipart\n\ntext"));
  }

  @Test
  void outerBoundaryClosesAnOpenInnerMultipart() {
    assertEquals(
        List.of("T=multipart", "EOH", "MULTIPART", "START_PART", "T=multipart", "EOH", "MULTIPART",
            "START_PART", "EOH", "BODY[in]", "END_MULTIPART", "START_PART", "EOH", "BODY[out]",
            "END_MULTIPART"),
        tokens("T: multipart\n\n--b0\nT: multipart\n\n--b1\n\nin\n--b0\n\nout\n--b0--\n"));
  }

  private static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    MimeTokenizer t = new MimeTokenizer(text.getBytes(StandardCharsets.ISO_8859_1), 10, problems);
    while (t.next() != Token.END_OF_INPUT) {
      // Only the problems matter here.
    }
    return problems;
  }

  @Test
  void headerMixingCrlfAndLfIsFlaggedAtTheFirstOddLineEnd() {
    assertEquals(
        List.of("header section mixes line ends (CRLF, LF), it may have been edited: offset 23"),
        problems("From: a@b.c\r\nX-Added: 1\nTo: d@e.f\r\n\r\nbody\n"));
  }

  @Test
  void uniformLineEndsOfAnyKindAreNotFlagged() {
    for (String end : new String[] {"\r\n", "\n", "\r"}) {
      assertEquals(List.of(), problems("From: a@b.c" + end + "To: d@e.f" + end + end + "body" + end), end);
    }
  }

  @Test
  void bodyLineEndsDoNotCountAsHeaderMixing() {
    assertEquals(List.of(), problems("From: a@b.c\r\nTo: d@e.f\r\n\r\nline one\nline two\r\n"));
  }
}
