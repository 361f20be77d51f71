package dev.mailtrace.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  private static final long SEED = Long.getLong("tests.seed", 7L);
  private static final int COUNT = 2000;
  private static List<Sample> samples;
  private static Map<Kind, Integer> kinds;

  @BeforeAll
  static void generate() {
    SampleGenerator gen = new SampleGenerator(SEED);
    samples = new ArrayList<>(COUNT);
    kinds = new EnumMap<>(Kind.class);
    for (int i = 0; i < COUNT; i++) {
      Sample s = gen.next();
      samples.add(s);
      kinds.merge(s.kind(), 1, Integer::sum);
    }
    System.out.println("seed " + SEED + ": " + kinds);
  }

  private static String text(Sample s) {
    return new String(s.content(), StandardCharsets.ISO_8859_1);
  }

  private static long count(String needle) {
    return samples.stream().filter(s -> text(s).contains(needle)).count();
  }

  @Test
  void sameSeedGivesSameBytes() {
    SampleGenerator a = new SampleGenerator(SEED);
    for (int i = 0; i < 300; i++) {
      Sample s = a.next();
      assertArrayEquals(samples.get(i).content(), s.content(), "message " + i + ", seed " + SEED);
      assertEquals(samples.get(i).kind(), s.kind());
    }
  }

  @Test
  void otherSeedGivesOtherBytes() {
    SampleGenerator b = new SampleGenerator(SEED + 1);
    int same = 0;
    for (int i = 0; i < 50; i++) {
      if (Arrays.equals(samples.get(i).content(), b.next().content())) {
        same++;
      }
    }
    assertEquals(0, same);
  }

  @Test
  void everyKindAppearsInRoughlyTheAdvertisedShare() {
    double[] expected = {43, 27, 14, 2, 5, 2, 3, 1, 3};
    for (Kind k : Kind.values()) {
      double share = 100.0 * kinds.getOrDefault(k, 0) / COUNT;
      double want = expected[k.ordinal()];
      assertTrue(share > want * 0.5 && share < want * 1.6 + 0.5, k + ": " + share + "% (want ~" + want + "%)");
    }
  }

  @Test
  void everyMalformationAppears() {
    EnumMap<Malformation, Integer> seen = new EnumMap<>(Malformation.class);
    for (Sample s : samples) {
      if (s.malformation() != null) {
        seen.merge(s.malformation(), 1, Integer::sum);
      }
    }
    assertEquals(Malformation.values().length, seen.size(), seen.toString());
  }

  @Test
  void repliesCarryThreadFields() {
    long replies = samples.stream().filter(Sample::reply).count();
    assertTrue(replies > COUNT / 5, "replies: " + replies);
    for (Sample s : samples) {
      if (s.reply() && s.kind() != Kind.DUPLICATE && s.kind() != Kind.MALFORMED) {
        String t = text(s);
        assertTrue(t.contains("\nIn-Reply-To: <"), "message " + s.index());
        if (s.kind() != Kind.AUTO_REPLY) {
          assertTrue(t.contains("\nReferences: <"), "message " + s.index());
          assertTrue(Pattern.compile("^Subject: (Re|RE|AW): ", Pattern.MULTILINE).matcher(t).find(), "message " + s.index());
        }
      }
    }
  }

  @Test
  void receivedChainsHaveTwoToSixHopsInSeveralStyles() {
    Pattern received = Pattern.compile("^Received: ", Pattern.MULTILINE);
    for (Sample s : samples) {
      if (s.kind() == Kind.PLAIN || s.kind() == Kind.ALTERNATIVE) {
        String t = text(s);
        String header = t.substring(0, t.indexOf("\nMessage-ID:"));
        Matcher m = received.matcher(header);
        int hops = 0;
        while (m.find()) {
          hops++;
        }
        assertTrue(hops >= 2 && hops <= 6, "message " + s.index() + ": " + hops + " hops");
      }
    }
    for (String style :
        new String[] {"(Postfix)", "(Exim 4.97)", "(8.17.1/8.17.1)", "Microsoft SMTP Server", "with SMTP id", "(qmail "}) {
      assertTrue(count(style) > 20, style);
    }
    assertTrue(count("[2001:db8:") > 50, "IPv6 hops");
    assertTrue(count("(using TLSv1.3") > 50, "TLS clauses");
  }

  @Test
  void headersUseSeveralCharsetsAndEncodings() {
    for (String word : new String[] {"=?UTF-8?B?", "=?UTF-8?Q?", "=?ISO-8859-1?Q?", "=?ISO-2022-JP?B?", "=?windows-1252?Q?"}) {
      assertTrue(count(word) > 10, word);
    }
    for (String cte : new String[] {"7bit", "8bit", "quoted-printable", "base64"}) {
      assertTrue(count("Content-Transfer-Encoding: " + cte) > 20, cte);
    }
    assertTrue(count("filename*=UTF-8''") > 5, "RFC 2231 file names");
    assertTrue(count("filename*0=") > 0, "RFC 2231 continuations");
  }

  @Test
  void bouncesAndAutoRepliesLookTheirPart() {
    for (Sample s : samples) {
      String t = text(s);
      switch (s.kind()) {
        case DSN -> {
          assertTrue(t.contains("multipart/report; report-type=delivery-status"), "message " + s.index());
          assertTrue(t.contains("Content-Type: message/delivery-status") && t.contains("\nStatus: ")
              && t.contains("\nFinal-Recipient: rfc822; "), "message " + s.index());
        }
        case NONSTANDARD_BOUNCE -> assertFalse(t.contains("message/delivery-status"), "message " + s.index());
        case AUTO_REPLY -> assertTrue(t.contains("\nAuto-Submitted: auto-replied"), "message " + s.index());
        default -> {}
      }
    }
    assertTrue(count("Diagnostic-Code: smtp; 550 5.1.1") > 3, "user unknown");
    assertTrue(count("X-Failed-Recipients: ") > 3, "Exim bounces");
    assertTrue(count("qmail-send program") > 3, "qmail bounces");
  }

  /** Minimal RFC 2047 decoding, enough to check what the generator wrote. */
  private static String decodeWords(String value) {
    Matcher m = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=(?:\\s+(?==\\?))?").matcher(value);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(value, last, m.start());
      java.nio.charset.Charset cs = java.nio.charset.Charset.forName(m.group(1));
      byte[] bytes;
      if (m.group(2).equalsIgnoreCase("B")) {
        bytes = java.util.Base64.getDecoder().decode(m.group(3));
      } else {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String q = m.group(3);
        for (int i = 0; i < q.length(); i++) {
          char c = q.charAt(i);
          if (c == '_') {
            out.write(' ');
          } else if (c == '=') {
            out.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
            i += 2;
          } else {
            out.write(c);
          }
        }
        bytes = out.toByteArray();
      }
      sb.append(new String(bytes, cs));
      last = m.end();
    }
    return sb.append(value.substring(last)).toString();
  }

  @Test
  void encodedSubjectsDecodeToTheIntendedText() {
    Pattern subject = Pattern.compile("^Subject: (.*(?:\n[ \t].*)*)", Pattern.MULTILINE);
    int checked = 0;
    for (Sample s : samples) {
      if (s.malformation() != null || s.kind() == Kind.DSN || s.kind() == Kind.NONSTANDARD_BOUNCE) {
        continue;
      }
      String t = new String(s.content(), StandardCharsets.UTF_8).replace("\r\n", "\n");
      Matcher m = subject.matcher(t);
      assertTrue(m.find(), "message " + s.index());
      String raw = m.group(1).replaceAll("\r?\n[ \t]", " ").replace("\r", "");
      if (!raw.contains("=?")) {
        continue;
      }
      String decoded = decodeWords(raw);
      assertTrue(decoded.endsWith(s.facts().get("subject")),
          "message " + s.index() + ": " + decoded + " vs " + s.facts().get("subject"));
      checked++;
    }
    assertTrue(checked > 100, "encoded subjects checked: " + checked);
  }

  @Test
  void duplicatesRepeatAnEarlierMessage() {
    for (Sample s : samples) {
      if (s.kind() == Kind.DUPLICATE) {
        assertTrue(samples.subList(0, s.index()).stream().anyMatch(o -> Arrays.equals(o.content(), s.content())),
            "message " + s.index());
      }
    }
  }

  @Test
  void sizesAreRealistic() {
    long total = samples.stream().mapToLong(s -> s.content().length).sum();
    double average = (double) total / COUNT;
    long small = samples.stream().filter(s -> s.content().length >= 2_000 && s.content().length <= 20_000).count();
    long large = samples.stream().filter(s -> s.content().length >= 100_000).count();
    System.out.printf("average %.0f bytes, %d of %d in 2-20 KB, %d over 100 KB%n", average, small, COUNT, large);
    assertTrue(average > 6_000 && average < 20_000, "average " + average);
    assertTrue(small > COUNT * 0.6, "2-20 KB: " + small);
    assertTrue(large > 0, "no large messages");
  }

  @Test
  void lineEndsAreLfOrCrlfAsAnnounced() {
    for (Sample s : samples) {
      byte[] c = s.content();
      int bare = 0;
      int crlf = 0;
      for (int i = 0; i < c.length; i++) {
        if (c[i] == '\n') {
          if (i > 0 && c[i - 1] == '\r') {
            crlf++;
          } else {
            bare++;
          }
        }
      }
      if (s.malformation() == Malformation.BARE_LF_IN_CRLF) {
        assertTrue(crlf > 0 && bare > 0, "message " + s.index());
      } else if (s.crlf()) {
        assertEquals(0, bare, "message " + s.index());
      } else {
        assertEquals(0, crlf, "message " + s.index());
      }
    }
  }
}
