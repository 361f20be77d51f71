package dev.mailtrace.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.header.Unstructured;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SevenBitDowngradeTest {
  private static final MessageParser PARSER = new MessageParser();

  private static final String ALTERNATIVE = """
      From: Alice <alice@example.test>
      To: bob@example.test
      Subject: Caf\u00e9 cr\u00e8me \u2014 r\u00e9sum\u00e9
      MIME-Version: 1.0
      Content-Type: multipart/alternative; boundary="b1"

      preamble
      --b1
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: 8bit

      Gr\u00fc\u00dfe aus K\u00f6ln, trailing space\u00e9 \t
      = sign and a line that is long enough to need a soft break somewhere \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 end
      .dot line
      --b1
      Content-Type: text/html; charset=utf-8

      <p>Gr\u00fc\u00dfe</p>
      --b1--
      epilogue
      """;

  private static final String NESTED = """
      From: alice@example.test
      To: bob@example.test
      Subject: nested
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="outer"
      Content-Transfer-Encoding: 8bit

      --outer
      Content-Type: multipart/alternative; boundary="inner"

      --inner
      Content-Type: text/plain; charset=iso-8859-1

      caf\u00e9
      --inner
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: base64

      Y2Fmw6kK
      --inner--
      --outer
      Content-Type: application/octet-stream
      Content-Disposition: attachment; filename="r\u00e9sum\u00e9 \u00fcber alles und noch mehr Text damit es lang wird.bin"

      \u00ff\u00fe binary-ish \u0080
      --outer
      Content-Type: application/pdf
      Content-Transfer-Encoding: binary

      %PDF \u00e9
      --outer--
      """;

  private static final String ENCLOSED = """
      From: alice@example.test
      To: bob@example.test
      Subject: fwd
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="m"

      --m
      Content-Type: text/plain

      see attached
      --m
      Content-Type: message/rfc822
      Content-Transfer-Encoding: 8bit

      From: carol@example.test
      Subject: =?UTF-8?Q?caf=C3=A9?= cr\u00e8me br\u00fbl\u00e9e =?UTF-8?Q?=C3=A0?= la carte
      Content-Type: text/plain; charset=utf-8

      inner caf\u00e9
      --m--
      """;

  private static byte[] bytes(String text, String eol) {
    return text.replace("\n", eol).getBytes(StandardCharsets.UTF_8);
  }

  private static Message parse(byte[] content) {
    return PARSER.parse(new RawMessage(new Source("t.eml", 0, content.length, "0"), 0, null, content));
  }

  private static byte[] downgraded(byte[] in) {
    SevenBitDowngrade.Result r = SevenBitDowngrade.downgrade(in);
    SevenBitDowngrade.Downgraded d = assertInstanceOf(SevenBitDowngrade.Downgraded.class, r, r.toString());
    return d.content();
  }

  /** Every leaf's decoded body, type and file name, with the subject: what a reader sees. */
  private static List<String> decoded(Message m) {
    List<String> out = new ArrayList<>();
    out.add("subject=" + m.subject());
    out.add("from=" + m.from() + " to=" + m.to() + " cc=" + m.cc());
    collect(m.root(), out);
    return out;
  }

  private static void collect(Part p, List<String> out) {
    for (var h : p.headers()) {
      if (h.name().equalsIgnoreCase("subject")) {
        out.add(p.path() + " subject=" + Unstructured.decode(h.value(), null));
      }
    }
    if (p.isLeaf()) {
      out.add(p.path() + " " + p.contentType() + " " + p.filename() + " " + p.sha256() + " " + p.size());
    }
    for (Part c : p.children()) {
      collect(c, out);
    }
  }

  private static void assertSevenBit(byte[] b) {
    int col = 0;
    for (int i = 0; i < b.length; i++) {
      assertTrue(b[i] >= 0, "8-bit byte at " + i);
      if (b[i] == '\n' || b[i] == '\r') {
        col = 0;
      } else {
        col++;
        assertTrue(col <= 998, "line longer than 998 at " + i);
      }
    }
  }

  private static void assertSameForReaders(byte[] in) {
    byte[] out = downgraded(in);
    assertSevenBit(out);
    assertEquals(decoded(parse(in)), decoded(parse(out)), new String(out, StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n"})
  void multipartAlternativeWithEightBitTextAndHtmlDecodesTheSame(String eol) {
    byte[] in = bytes(ALTERNATIVE, eol);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertTrue(out.contains("Content-Transfer-Encoding: quoted-printable" + eol + eol + "Gr=C3=BC=C3=9Fe"), out);
    assertTrue(out.contains("<p>Gr=C3=BC=C3=9Fe</p>"), out);
    assertTrue(out.contains("preamble" + eol + "--b1" + eol), out);
    assertTrue(out.contains("--b1--" + eol + "epilogue"), out);
    assertTrue(out.contains("Subject: =?UTF-8?B?"), out);
    assertFalse(out.contains("Content-Transfer-Encoding: 8bit"), out);
    for (String line : out.split(eol)) {
      if (line.contains("=C3") || line.startsWith("Subject") || line.startsWith(" =?")) {
        assertTrue(line.length() <= 76, line);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n"})
  void nestedMultipartLeavesAreReencodedAndBase64PartsStay(String eol) {
    byte[] in = bytes(NESTED, eol);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertTrue(out.contains("Content-Transfer-Encoding: 7bit" + eol), "outer multipart relabelled: " + out);
    assertTrue(out.contains("Y2Fmw6kK"), out);
    assertTrue(out.contains("filename*0*=utf-8''r%C3%A9sum%C3%A9"), out);
    assertEquals(2, out.split("Content-Transfer-Encoding: base64", -1).length - 2, "octet-stream and binary pdf: " + out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n"})
  void enclosedMessageIsDowngradedAndLabelledSevenBit(String eol) {
    byte[] in = bytes(ENCLOSED, eol);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertTrue(out.contains("Content-Type: message/rfc822" + eol + "Content-Transfer-Encoding: 7bit" + eol), out);
    assertTrue(out.contains("inner caf=C3=A9"), out);
    assertTrue(decoded(parse(downgraded(in))).contains("2.1 subject=caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte"),
        decoded(parse(downgraded(in))).toString());
  }

  @Test
  void latin1SubjectIsEncodedAsWindows1252() {
    byte[] in = "Subject: caf\u00e9 au lait\n\nbody\n".getBytes(StandardCharsets.ISO_8859_1);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertTrue(out.startsWith("Subject: =?windows-1252?B?"), out);
    assertTrue(out.endsWith("\n\nbody\n"), "body without 8-bit stays: " + out);
    assertEquals("caf\u00e9 au lait", parse(downgraded(in)).subject());
  }

  @Test
  void longSubjectIsFoldedIntoShortEncodedWords() {
    String subject = "\u00c4rger ".repeat(30).trim();
    byte[] in = ("Subject: " + subject + "\r\n\r\nx\r\n").getBytes(StandardCharsets.UTF_8);
    assertSameForReaders(in);
    for (String line : new String(downgraded(in), StandardCharsets.US_ASCII).split("\r\n")) {
      assertTrue(line.length() <= 76, line);
    }
    assertEquals(subject, parse(downgraded(in)).subject());
  }

  @Test
  void messageWithoutMimeGetsMimeVersionAndQuotedPrintable() {
    byte[] in = "From: a@example.test\nSubject: plain\n\nna\u00efve body\n".getBytes(StandardCharsets.UTF_8);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertEquals("From: a@example.test\nSubject: plain\nMIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable\n\nna=C3=AFve body\n", out);
  }

  @Test
  void binaryBodyBecomesBase64() {
    byte[] in = "Content-Type: image/png\r\nContent-Transfer-Encoding: binary\r\n\r\n\u0089PNG\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertTrue(out.contains("Content-Transfer-Encoding: base64\r\n\r\niVBORwD/\r\n"), out);
  }

  @Test
  void eightBitAddressIsRefusedBecauseItNeedsSmtpUtf8() {
    byte[] in = "From: J\u00fcrgen <j@example.test>\nSubject: hi\n\ncaf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    SevenBitDowngrade.Result r = SevenBitDowngrade.downgrade(in);
    SevenBitDowngrade.Refused refused = assertInstanceOf(SevenBitDowngrade.Refused.class, r);
    assertTrue(refused.reason().contains("From") && refused.reason().contains("SMTPUTF8"), refused.reason());
  }

  @Test
  void eightBitAddressInEnclosedMessageIsRefusedToo() {
    byte[] in = ENCLOSED.replace("carol@", "c\u00e4rol@").getBytes(StandardCharsets.UTF_8);
    assertInstanceOf(SevenBitDowngrade.Refused.class, SevenBitDowngrade.downgrade(in));
  }

  @Test
  void sevenBitMessagePassesUnchanged() {
    byte[] in = bytes(ALTERNATIVE, "\r\n");
    String seven = new String(in, StandardCharsets.UTF_8).replaceAll("[^\\x00-\\x7f]", "e");
    byte[] ascii = seven.getBytes(StandardCharsets.US_ASCII);
    SevenBitDowngrade.Downgraded d = assertInstanceOf(SevenBitDowngrade.Downgraded.class, SevenBitDowngrade.downgrade(ascii));
    assertSame(ascii, d.content());
    assertFalse(d.isChanged());
    assertArrayEquals(seven.getBytes(StandardCharsets.US_ASCII), d.content());
  }

  @Test
  void strayEightBitBytesInPreambleAndEncodedBodiesAreMadeSevenBit() {
    String text = """
        Content-Type: multipart/mixed; boundary=x

        pr\u00e9amble
        --x
        Content-Type: text/plain
        Content-Transfer-Encoding: quoted-printable

        caf=C3=A9 and raw \u00e9
        --x
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64

        Y2Fm\u00e9w6kK
        --x--
        """;
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    assertSameForReaders(in);
    String out = new String(downgraded(in), StandardCharsets.US_ASCII);
    assertTrue(out.contains("pr??amble"), out);
    assertTrue(out.contains("caf=C3=A9 and raw =C3=A9"), out);
  }

  @Test
  void damagedMessagesNeverThrowAndNeverLeaveEightBitBytes() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    byte[][] bases = {bytes(ALTERNATIVE, "\r\n"), bytes(NESTED, "\n"), bytes(ENCLOSED, "\r\n")};
    byte[] noise = {(byte) 0xe9, (byte) 0xc3, (byte) 0x80, '\r', '\n', ' ', '-', ':', '=', '"', ';', '\t'};
    for (int round = 0; round < 300; round++) {
      byte[] b = bases[random.nextInt(bases.length)].clone();
      for (int k = random.nextInt(12); k >= 0; k--) {
        b[random.nextInt(b.length)] = noise[random.nextInt(noise.length)];
      }
      if (random.nextBoolean()) {
        b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
      }
      SevenBitDowngrade.Result r;
      try {
        r = SevenBitDowngrade.downgrade(b);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", round " + round + ": " + e, e);
      }
      if (r instanceof SevenBitDowngrade.Downgraded d) {
        for (byte x : d.content()) {
          assertTrue(x >= 0, "seed " + seed + ", round " + round + ": 8-bit byte left in " + new String(d.content(), StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /**
   * Every corpus message with 8-bit bytes: downgraded to 7-bit with the same reader view (subjects,
   * leaf types, file names, decoded bodies), or refused with a reason.
   */
  @Test
  void corpusMessagesWithEightBitBytesReadTheSameAfterTheDowngrade() throws java.io.IOException {
    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("mailtrace.root", ".")).resolve("../shared/corpora");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(root));
    List<java.nio.file.Path> files;
    try (var walk = java.nio.file.Files.walk(root)) {
      files = walk.filter(java.nio.file.Files::isRegularFile).filter(f -> {
        String n = f.getFileName().toString();
        return (n.endsWith(".eml") || n.endsWith(".msg") || !n.contains(".")) && !n.startsWith("mbox");
      }).sorted().toList();
    }
    int eight = 0;
    int same = 0;
    int refused = 0;
    List<String> differ = new ArrayList<>();
    java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
    for (java.nio.file.Path f : files) {
      byte[] in = java.nio.file.Files.readAllBytes(f);
      if (!SevenBitDowngrade.hasEightBit(in, 0, in.length)) {
        continue;
      }
      eight++;
      SevenBitDowngrade.Result r = SevenBitDowngrade.downgrade(in);
      if (r instanceof SevenBitDowngrade.Refused x) {
        refused++;
        reasons.merge(x.reason().substring(0, Math.max(0, x.reason().indexOf(';'))), 1, Integer::sum);
        continue;
      }
      byte[] out = ((SevenBitDowngrade.Downgraded) r).content();
      assertSevenBit(out);
      // Bare CR line ends become CRLF on the wire whatever the downgrade does.
      byte[] wire = SevenBitDowngrade.hasBareCr(in) ? MessageData.of(in).toByteArray() : in;
      if (decoded(parse(wire)).equals(decoded(parse(out)))) {
        same++;
      } else {
        differ.add(root.relativize(f).toString());
      }
    }
    System.out.printf("7-bit downgrade over the corpora: %d files, %d with 8-bit bytes: %d read the same,"
        + " %d differ %s, %d refused %s%n", files.size(), eight, same, differ.size(), differ, refused, reasons);
    assertEquals(eight, same + refused, "messages that read differently after the downgrade: " + differ);
  }

  @Test
  void deepNestingIsRefusedNotOverflowed() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
    }
    b.append("Content-Type: text/plain\n\ncaf\u00e9\n");
    SevenBitDowngrade.Result r = SevenBitDowngrade.downgrade(b.toString().getBytes(StandardCharsets.UTF_8));
    assertTrue(assertInstanceOf(SevenBitDowngrade.Refused.class, r).reason().contains("nesting"));
  }
}
