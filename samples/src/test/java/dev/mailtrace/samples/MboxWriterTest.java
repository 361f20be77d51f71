package dev.mailtrace.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxWriterTest {

  private static Sample sample(int index, String content) {
    return new Sample(index, Kind.PLAIN, null, false, false, "alice@example.com", 1_767_600_000L,
        content.getBytes(StandardCharsets.UTF_8));
  }

  /** Splits an mboxrd file and undoes its quoting: the reader side of the writer's promise. */
  private static List<byte[]> read(byte[] mbox) {
    String all = new String(mbox, StandardCharsets.ISO_8859_1);
    List<byte[]> out = new ArrayList<>();
    StringBuilder cur = null;
    for (String line : all.split("(?<=\n)")) {
      if (line.startsWith("From ")) {
        if (cur != null) {
          out.add(strip(cur));
        }
        cur = new StringBuilder();
        continue;
      }
      String unquoted = line.matches(">+From .*(\r?\n)?") ? line.substring(1) : line;
      cur.append(unquoted);
    }
    if (cur != null) {
      out.add(strip(cur));
    }
    return out;
  }

  private static byte[] strip(StringBuilder sb) {
    // The separating empty line belongs to the mbox, not the message.
    sb.setLength(sb.length() - 1);
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void bodyLinesStartingWithFromAreQuotedOneLevelDeeper() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MboxWriter w = new MboxWriter(bytes)) {
      w.write(sample(0, "Subject: a\n\nFrom here\n>From there\n>>From far\nFrom\nFromage\n"));
    }
    String mbox = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(mbox.startsWith("From alice@example.com Mon Jan  5 08:00:00 2026\n"), mbox);
    assertTrue(mbox.endsWith("\n>From here\n>>From there\n>>>From far\nFrom\nFromage\n\n"), mbox);
  }

  @Test
  void generatedMessagesRoundTripThroughQuoting() throws IOException {
    SampleGenerator gen = new SampleGenerator(3);
    List<Sample> written = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int quoted = 0;
    try (MboxWriter w = new MboxWriter(bytes)) {
      for (int i = 0; i < 600; i++) {
        Sample s = gen.next();
        written.add(s);
        w.write(s);
        if (new String(s.content(), StandardCharsets.ISO_8859_1).contains("\nFrom ")) {
          quoted++;
        }
      }
      w.close();
      assertEquals(600, w.messagesWritten());
      assertEquals(bytes.size(), w.bytesWritten(), "bytes counted");
    }
    assertTrue(quoted > 5, "messages with a From line in the body: " + quoted);
    List<byte[]> read = read(bytes.toByteArray());
    assertEquals(written.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      assertArrayEquals(written.get(i).content(), read.get(i), "message " + i);
    }
  }
}
