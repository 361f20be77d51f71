package dev.mailtrace.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated real messages never make the parser fail. Reproducible: the seed is printed and can be
 * set with {@code -Dtests.seed=N}.
 */
class MessageParserRandomTest {
  private static final Path CORPORA =
      Path.of(System.getProperty("mailtrace.root", ".")).resolve("../shared/corpora").normalize();
  private static final String[] SNIPPETS = {
    "\r\n", "\n", "\r", "\r\n\r\n", "--", "--b", "--b--", ": ", "=?utf-8?B?", "?=", "=", "=\r\n",
    "Content-Type: multipart/mixed; boundary=b\r\n", "Content-Type: message/rfc822\r\n\r\n",
    "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\n",
    " ", "\t", "\u0000", "\u00ff", "<", "&#", ";"
  };

  private static List<byte[]> seeds() throws IOException {
    List<byte[]> out = new ArrayList<>();
    Path dir = CORPORA.resolve("mime");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".eml") || p.toString().endsWith(".msg"))
            .sorted().toList()) {
          out.add(Files.readAllBytes(f));
        }
      }
    }
    out.add("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: multipart/alternative; boundary=c

        --c
        Content-Transfer-Encoding: quoted-printable

        a=3Db
        --c
        Content-Type: text/html

        <p>x &amp; y</p>
        --c--
        --b
        Content-Type: message/rfc822

        Subject: s

        inner
        --b--
        """.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  @Test
  void mutatedMessagesNeverFail() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("MessageParserRandomTest seed: " + seed + " (set with -Dtests.seed=" + seed
        + ")");
    Random r = new Random(seed);
    List<byte[]> seeds = seeds();
    MessageParser parser = new MessageParser(ParserConfig.DEFAULT.withMaxDepth(8).withMaxParts(200));
    int runs = Integer.getInteger("tests.runs", 1500);
    for (int i = 0; i < runs; i++) {
      byte[] input = seeds.get(r.nextInt(seeds.size()));
      int mutations = 1 + r.nextInt(6);
      for (int k = 0; k < mutations; k++) {
        input = mutate(input, r);
      }
      Message m = parser.parse(Messages.raw(input));
      final int run = i;
      assertNotNull(m.root(), () -> "seed " + seed + " run " + run);
      assertFalse(m.problems().stream().anyMatch(p -> p.startsWith("parser failure")),
          () -> "seed " + seed + " run " + run + ": " + m.problems());
      for (Part p : m.leaves()) {
        assertEquals(p.body().length, p.size(), () -> "seed " + seed + " run " + run);
      }
    }
  }

  private static byte[] mutate(byte[] in, Random r) {
    int n = in.length;
    int at = n == 0 ? 0 : r.nextInt(n + 1);
    switch (r.nextInt(6)) {
      case 0 -> { // delete a range
        int len = Math.min(n - at, r.nextInt(64));
        return concat(slice(in, 0, at), slice(in, at + len, n));
      }
      case 1 -> { // duplicate a range
        int len = Math.min(n - at, r.nextInt(256));
        return concat(slice(in, 0, at + len), slice(in, at, n));
      }
      case 2 -> { // insert a snippet
        byte[] s = SNIPPETS[r.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
        return concat(concat(slice(in, 0, at), s), slice(in, at, n));
      }
      case 3 -> { // flip bytes
        byte[] out = in.clone();
        for (int k = 0; k < 1 + r.nextInt(8) && n > 0; k++) {
          out[r.nextInt(n)] = (byte) r.nextInt(256);
        }
        return out;
      }
      case 4 -> { // truncate
        return slice(in, 0, at);
      }
      default -> { // random bytes
        byte[] junk = new byte[r.nextInt(32)];
        r.nextBytes(junk);
        return concat(concat(slice(in, 0, at), junk), slice(in, at, n));
      }
    }
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, Math.min(from, b.length), Math.min(Math.max(from, to), b.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
