package dev.mailtrace.mime;

import static dev.mailtrace.mime.Messages.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageParserTest {

  private static List<String> paths(Message m) {
    return m.leaves().stream().map(Part::path).toList();
  }

  private static String body(Part p) {
    return new String(p.body(), StandardCharsets.UTF_8);
  }

  // ---- header section ----

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void foldedFieldIsUnfoldedKeepingTheWhiteSpace(String eol) {
    Message m = parse("Subject: a long\n  subject\n\tline\nX: 1\n\nbody\n", eol);
    assertEquals(List.of(new Header("Subject", "a long  subject\tline"), new Header("X", "1")),
        m.headers());
    assertEquals("body" + eol, m.text());
    assertTrue(m.problems().isEmpty(), m.problems()::toString);
  }

  @Test
  void mixedLineEndsAreAllLineEnds() {
    Message m = parse("A: 1\r\nB: 2\rC: 3\nD: 4\r\n\r\nbody");
    assertEquals(List.of("A", "B", "C", "D"), m.headers().stream().map(Header::name).toList());
    assertEquals("body", m.text());
  }

  @Test
  void spaceBeforeColonAndEmptyValuesAreFields() {
    Message m = parse("Subject : hi\nX-Empty:\nX-Blank:   \n\nb");
    assertEquals(List.of(new Header("Subject", "hi"), new Header("X-Empty", ""),
        new Header("X-Blank", "")), m.headers());
    assertEquals("hi", m.subject());
  }

  @Test
  void duplicateFieldsAreKeptInOrder() {
    Message m = parse("Received: a\nX: 1\nReceived: b\n\n");
    assertEquals(List.of("a", "b"), m.headers("received"));
  }

  @Test
  void eightBitHeadersAreReadAsUtf8ElseWindows1252() {
    byte[] utf8 = "Subject: Grüße\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin = "Subject: Gr\u00fc\u00dfe \u0080\n\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("Grüße", new MessageParser().parse(Messages.raw(utf8)).subject());
    assertEquals("Grüße €", new MessageParser().parse(Messages.raw(latin)).subject());
  }

  @Test
  void veryLongHeaderLinesAreKept() {
    String v = "x".repeat(5000);
    Message m = parse("X-Long: " + v + "\n\nb");
    assertEquals(v, m.header("x-long"));
  }

  @Test
  void headersWithoutBodyGiveAnEmptyBody() {
    Message m = parse("Subject: only\nFrom: a@b.c\n");
    assertEquals("only", m.subject());
    assertEquals(0, m.root().size());
    assertTrue(m.problems().isEmpty());
  }

  @Test
  void messageStartingWithAnEmptyLineHasNoHeadersAndAProblem() {
    Message m = parse("\nSubject: not a header\n");
    assertTrue(m.headers().isEmpty());
    assertEquals("Subject: not a header\n", m.text());
    assertEquals(1, m.problems().size());
  }

  @Test
  void messageStartingWithTextHasNoHeadersAndAProblem() {
    Message m = parse("Hello there\nthis is text\n");
    assertTrue(m.headers().isEmpty());
    assertEquals("Hello there\nthis is text\n", m.text());
    assertFalse(m.problems().isEmpty());
  }

  @Test
  void junkLineBetweenFieldsIsSkipped() {
    Message m = parse("From sender Sat Jan  3 01:05:34 1996\nSubject: s\nnot a field\nTo: a@b\n\nbody");
    assertEquals(List.of("Subject", "To"), m.headers().stream().map(Header::name).toList());
    assertEquals(2, m.problems().size());
    assertEquals("body", m.text());
  }

  @Test
  void textWithoutEmptyLineAfterFieldsStartsTheBody() {
    Message m = parse("Subject: s\nThis is the body\nsecond line\n");
    assertEquals(1, m.headers().size());
    assertEquals("This is the body\nsecond line\n", m.text());
    assertEquals(1, m.problems().size());
  }

  @Test
  void whiteSpaceLineEndsTheHeaderSection() {
    Message m = parse("Subject: s\n \nbody: text\n");
    assertEquals(1, m.headers().size());
    assertEquals("body: text\n", m.text());
  }

  // ---- multipart ----

  private static final String NESTED =
      """
      Content-Type: multipart/mixed; boundary="outer"

      preamble
      --outer
      Content-Type: multipart/alternative; boundary=inner

      --inner
      Content-Type: text/plain

      plain
      --inner
      Content-Type: text/html

      <p>html</p>
      --inner--
      inner epilogue
      --outer
      Content-Type: application/octet-stream; name=data.bin
      Content-Transfer-Encoding: base64

      AAEC
      --outer--
      epilogue
      """;

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void nestedMultipartGivesImapPaths(String eol) {
    Message m = parse(NESTED, eol);
    assertEquals(List.of("1.1", "1.2", "2"), paths(m));
    assertEquals("multipart/mixed", m.root().contentType());
    List<Part> leaves = m.leaves();
    assertEquals("plain", body(leaves.get(0)));
    assertEquals("<p>html</p>", body(leaves.get(1)));
    assertEquals(3, leaves.get(2).size());
    assertEquals("data.bin", leaves.get(2).filename());
    assertEquals("plain", m.text());
    assertTrue(m.problems().isEmpty(), m.problems()::toString);
  }

  @Test
  void transportPaddingAfterBoundaryIsAllowed() {
    Message m = parse("Content-Type: multipart/mixed; boundary=b\n\n--b  \n\none\n--b\t\n\ntwo\n--b-- \n");
    assertEquals(List.of("1", "2"), paths(m));
    assertEquals("one", body(m.leaves().get(0)));
  }

  @Test
  void innerPartNeverClosedIsClosedByOuterBoundary() {
    Message m = parse("""
        Content-Type: multipart/mixed; boundary=outer

        --outer
        Content-Type: multipart/related; boundary=inner

        --inner

        a
        --outer

        b
        --outer--
        """);
    assertEquals(List.of("1.1", "2"), paths(m));
    assertEquals("a", body(m.leaves().get(0)));
    assertEquals("b", body(m.leaves().get(1)));
    assertEquals(1, m.problems().size(), m.problems()::toString);
  }

  @Test
  void missingClosingBoundaryEndsAtTheEnd() {
    Message m = parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n");
    assertEquals(List.of("1", "2"), paths(m));
    assertEquals("two\n", body(m.leaves().get(1)));
    assertEquals(1, m.problems().size());
  }

  @Test
  void delimiterAsTheLastLineOpensNoPart() {
    Message m = parse("Content-Type: multipart/mixed; boundary=1\n\n--1\n\nhello\n--1\n");
    assertEquals(List.of("1"), paths(m));
    assertEquals(List.of("missing closing boundary: part (message)"), m.problems());
  }

  @Test
  void multipartWithoutItsBoundaryIsReadAsTextForSearching() {
    Message m = parse("Content-Type: multipart/mixed; boundary=x\n\nplain words\n");
    assertEquals("plain words\n", m.text());
    assertEquals(1, m.problems().size());
  }

  @Test
  void digestWithoutOwnTextUsesTheEnclosedMessagesText() {
    Message m = parse("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: a\n\none\n--d--\n");
    assertEquals("message/rfc822", m.root().children().get(0).contentType());
    assertEquals("one", m.text());
  }

  @Test
  void missingBoundaryParameterMakesALeafWithAProblem() {
    Message m = parse("Content-Type: multipart/mixed\n\n--b\n\none\n");
    assertEquals(1, m.leaves().size());
    assertEquals("multipart/mixed", m.root().contentType());
    assertEquals(1, m.problems().size());
  }

  @Test
  void enclosedMessageIsParsedWithItsParts() {
    Message m = parse("""
        Content-Type: multipart/mixed; boundary=b

        --b

        see attached
        --b
        Content-Type: message/rfc822

        Subject: inner
        Content-Type: multipart/mixed; boundary=c

        --c

        x
        --c

        y
        --c--
        --b--
        """);
    assertEquals(List.of("1", "2.1", "2.2"), paths(m));
    Part enclosed = m.root().children().get(1);
    assertEquals("message/rfc822", enclosed.contentType());
    assertEquals("inner", enclosed.children().get(0).header("subject"));
    assertEquals("see attached", m.text());
  }

  @Test
  void emptyLinesBeforeAnEnclosedHeaderAreSkipped() {
    Message m = parse("Content-Type: message/rfc822\n\n\nSubject: inner\n\nhello\n");
    assertEquals("inner", m.root().children().get(0).header("subject"));
    assertEquals(1, m.problems().size());
  }

  @Test
  void enclosedSinglePartMessageBodyIsPathDotOne() {
    Message m = parse("Content-Type: message/rfc822\n\nSubject: inner\n\nhello\n");
    assertEquals(List.of("1.1"), paths(m));
  }

  @Test
  void base64EncodedEnclosedMessageIsDecodedAndParsed() {
    String inner = java.util.Base64.getMimeEncoder().encodeToString(
        "Subject: in\r\nContent-Type: text/plain\r\n\r\nText body\r\n".getBytes());
    Message m = parse("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" + inner
        + "\n");
    assertEquals(1, m.leaves().size());
    assertEquals("Text body\r\n", body(m.leaves().get(0)));
  }

  @Test
  void deliveryStatusIsALeafWithItsBody() {
    Message m = parse("""
        Content-Type: multipart/report; report-type=delivery-status; boundary=r

        --r

        failed
        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example

        Final-Recipient: rfc822; a@b.c
        --r
        Content-Type: text/rfc822-headers

        Subject: lost
        --r--
        """);
    assertEquals(List.of("1", "2", "3"), paths(m));
    assertTrue(body(m.leaves().get(1)).contains("Final-Recipient: rfc822; a@b.c"));
    assertEquals("Subject: lost", body(m.leaves().get(2)));
  }

  // ---- limits ----

  @Test
  void depthLimitTurnsDeepPartsIntoLeaves() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i)
          .append("\n");
    }
    sb.append("\ndeep\n");
    Message m = new MessageParser(ParserConfig.DEFAULT.withMaxDepth(3))
        .parse(Messages.raw(Messages.bytes(sb.toString(), "\n")));
    assertEquals(1, m.leaves().size());
    assertTrue(m.problems().stream().anyMatch(p -> p.startsWith("nesting deeper than 3")),
        m.problems()::toString);
  }

  @Test
  void partLimitSkipsTheRest() {
    StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
    for (int i = 0; i < 10; i++) {
      sb.append("--b\n\npart ").append(i).append('\n');
    }
    sb.append("--b--\n");
    Message m = new MessageParser(ParserConfig.DEFAULT.withMaxParts(4))
        .parse(Messages.raw(Messages.bytes(sb.toString(), "\n")));
    assertEquals(3, m.leaves().size());
    assertEquals(1, m.problems().size());
  }

  @Test
  void headerLimitsAreProblems() {
    Message m = new MessageParser(ParserConfig.DEFAULT.withMaxHeaderCount(2).withMaxHeaderBytes(5))
        .parse(Messages.raw(Messages.bytes("A: 1\nB: 1234567890\nC: 3\n\n", "\n")));
    assertEquals(List.of(new Header("A", "1"), new Header("B", "12345")), m.headers());
    assertEquals(2, m.problems().size());
  }

  @Test
  void leafHashesAreComputedWhenAskedForFromTheKeptBody() {
    String text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n--b--\n";
    Message m = parse(text, "\n");
    assertEquals(dev.mailtrace.message.Sha256.of("one".getBytes(StandardCharsets.US_ASCII)), m.leaves().get(0).sha256());
    assertNull(m.root().sha256(), "a multipart has no body to hash");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base64", "quoted-printable", "8bit"})
  void aBodyLargerThanIsKeptIsMeasuredAndHashedWholeWithAProblem(String encoding) {
    byte[] decoded = new byte[3 * BodyDecoder.SLICE + 12345];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = (byte) ("abc=\n xyz".charAt(i % 9));
    }
    String body = switch (encoding) {
      case "base64" -> java.util.Base64.getMimeEncoder().encodeToString(decoded);
      case "quoted-printable" -> new String(decoded, StandardCharsets.ISO_8859_1).replace("=", "=3D");
      default -> new String(decoded, StandardCharsets.ISO_8859_1);
    };
    Message m = new MessageParser(ParserConfig.DEFAULT.withMaxBodyBytes(1000)).parse(Messages.raw(
        ("Content-Type: application/octet-stream\nContent-Transfer-Encoding: " + encoding + "\n\n" + body)
            .getBytes(StandardCharsets.ISO_8859_1)));
    Part p = m.root();
    assertEquals(decoded.length, p.size());
    assertEquals(1000, p.body().length);
    assertTrue(p.isBodyCut());
    assertEquals(dev.mailtrace.message.Sha256.of(decoded), p.sha256());
    assertEquals(new String(decoded, 0, 1000, StandardCharsets.ISO_8859_1), new String(p.body(), StandardCharsets.ISO_8859_1));
    assertEquals(List.of("body of " + decoded.length + " bytes, first 1000 kept for its text (limit 1000 per part), measured and hashed whole: part 1"),
        m.problems());
  }

  @Test
  void theMessagesKeptBytesAreSharedByItsParts() {
    String text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n" + "a".repeat(600) + "\n--b\n\n" + "b".repeat(600)
        + "\n--b\n\nc\n--b--\n";
    Message m = new MessageParser(ParserConfig.DEFAULT.withMaxKeptBytes(1000)).parse(Messages.raw(Messages.bytes(text, "\n")));
    assertEquals(List.of(600, 400, 0), m.leaves().stream().map(p -> p.body().length).toList());
    assertEquals(List.of(600L, 600L, 1L), m.leaves().stream().map(Part::size).toList());
    assertEquals(2, m.problems().size(), m.problems().toString());
    assertTrue(m.problems().get(0).contains("the message's 1000 bytes are used up"), m.problems().get(0));
  }

  @Test
  void theTextIsCutAtItsLimitWithAProblem() {
    Message m = new MessageParser(ParserConfig.DEFAULT.withMaxTextChars(10)).parse(Messages.raw(Messages.bytes("A: 1\n\n" + "x".repeat(50), "\n")));
    assertEquals("x".repeat(10), m.text());
    assertEquals(List.of("text of 50 characters cut to 10: message text"), m.problems());
  }

  @Test
  void aMessageCutOffInItsHeaderSaysSo() {
    Message m = parse("From: a@example.org\nSubject: cut off in the hea");
    assertEquals("cut off in the hea", m.subject());
    assertEquals(List.of("the message ends inside its header section, in a field without a line end (cut off?): Subject at offset 20"),
        m.problems());
    assertEquals(List.of(), parse("From: a@example.org\nSubject: header only\n").problems(), "a header-only message is whole");
  }

  // ---- decoding ----

  @Test
  void quotedPrintableSoftBreaksAndBadEscapes() {
    Message m = parse("Content-Transfer-Encoding: quoted-printable\n\nsoft=\nbreak =3D=3d =ZZ end  \nx=");
    assertEquals("softbreak == =ZZ end\nx", m.text());
    assertEquals(1, m.problems().size());
  }

  @Test
  void base64WithJunkAndBadPadding() {
    Message m = parse("Content-Transfer-Encoding: base64\n\naGVs\nbG8*\ngd29y bGQ\n");
    assertEquals("hello world", m.text());
    assertEquals(1, m.problems().size(), m.problems()::toString);
  }

  @Test
  void unknownTransferEncodingKeepsTheBodyRaw() {
    Message m = parse("Content-Transfer-Encoding: x-weird\n\nraw body");
    assertEquals("raw body", m.text());
    assertEquals(1, m.problems().size());
  }

  @Test
  void leafHasSizeAndSha256OfDecodedBody() {
    Message m = parse("Content-Transfer-Encoding: base64\n\naGVsbG8=\n");
    assertEquals(5, m.root().size());
    assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", m.root().sha256());
  }

  @Test
  void htmlOnlyMessageTextIsReduced() {
    Message m = parse("Content-Type: text/html\n\n<html><head><style>p{}</style></head><body><p>Hi &amp; bye&#33;</p></body></html>");
    assertEquals("Hi & bye!", m.text());
  }

  @Test
  void textPlainAttachmentIsNotText() {
    Message m = parse("""
        Content-Type: multipart/mixed; boundary=b

        --b

        body
        --b
        Content-Type: text/plain
        Content-Disposition: attachment; filename=a.txt

        attached
        --b--
        """);
    assertEquals("body", m.text());
    assertNull(m.leaves().get(0).filename());
  }

  @Test
  void rawMessageProblemsComeFirst() {
    byte[] c = "Subject: x\n\n".getBytes();
    var raw = new dev.mailtrace.message.RawMessage(Messages.raw(c).source(), 0, null, c,
        List.of("framing: offset 0"));
    assertEquals(List.of("framing: offset 0"), new MessageParser().parse(raw).problems());
  }
}
