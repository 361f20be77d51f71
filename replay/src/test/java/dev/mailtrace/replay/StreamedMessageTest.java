package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.smtp.FakeSmtpServer;
import dev.mailtrace.smtp.MessageData;
import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages longer than the in-memory limit are streamed from their file, byte for byte as if held. */
class StreamedMessageTest {
  private static final int LIMIT = 64 * 1024;

  /** An mbox of three messages, the middle one about 600 KB with LF ends, dots and quoted From lines. */
  private static Path mbox(Path dir, long seed) throws IOException {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int m = 0; m < 3; m++) {
      out.writeBytes(("From a@example.test Tue Mar  3 10:00:00 2026\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(("From: a@example.test\nTo: b@example.test\nBcc: secret@example.test\nSubject: m" + m + "\n\n")
          .getBytes(StandardCharsets.US_ASCII));
      int lines = m == 1 ? 8000 : 3;
      for (int i = 0; i < lines; i++) {
        int kind = random.nextInt(20);
        String line = switch (kind) {
          case 0 -> ".starts with a dot";
          case 1 -> ">From quoted once";
          case 2 -> ">>From quoted twice";
          case 3 -> "caf\u00e9 " + i;
          case 4 -> "";
          default -> "line " + i + " " + "x".repeat(random.nextInt(90));
        };
        out.writeBytes((line + (kind == 5 ? "\r\n" : "\n")).getBytes(StandardCharsets.UTF_8));
      }
      out.write('\n');
    }
    Path file = dir.resolve("big.mbox");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static List<RawMessage> all(Path file) throws IOException {
    List<RawMessage> list = new ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(file)) {
      RawMessage m;
      while ((m = r.next()) != null) {
        list.add(m);
      }
    }
    return list;
  }

  @Test
  void aMessageOverTheLimitIsSentAsIfItWereHeld(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Path file = mbox(dir, seed);
    ReplayConfig held = ReplayConfig.builder("127.0.0.1", 25).policy(RecipientPolicy.fixed(List.of("sink@example.test"))).build();
    List<byte[]> expected = new ArrayList<>();
    for (RawMessage m : all(file)) {
      expected.add(new ReplayPlanner(held).plan(m).data().toByteArray());
    }
    assertTrue(expected.get(1).length > 4 * LIMIT, "the middle message is large");
    try (FakeSmtpServer server = new FakeSmtpServer()) {
      for (boolean chunking : new boolean[] {false, true}) {
        server.received.clear();
        server.extensions = new ArrayList<>(List.of("PIPELINING", "8BITMIME", "SIZE 100000000"));
        if (chunking) {
          server.extensions.add("CHUNKING");
        }
        ReplayConfig c = ReplayConfig.builder("127.0.0.1", server.port())
            .client(SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(10))).withChunking(true, 100_000))
            .policy(RecipientPolicy.fixed(List.of("sink@example.test"))).inMemoryLimit(LIMIT).build();
        ReplayerTest.Collected log = new ReplayerTest.Collected();
        ReplaySummary s = new Replayer(c).run(MessageSource.archives(List.of(file), LIMIT), log, null);
        assertEquals(3, s.count(Outcome.ACCEPTED), "seed " + seed + " " + log.results);
        for (int i = 0; i < 3; i++) {
          assertArrayEquals(expected.get(i), server.received.get(i).content(), "seed " + seed + ", message " + i + ", chunking " + chunking);
        }
        assertTrue(server.received.get(1).mailLine().contains("SIZE=" + expected.get(1).length), server.received.get(1).mailLine());
      }
    }
  }

  @Test
  void aMessageChangedOnDiskIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
    Path file = mbox(dir, 1);
    List<RawMessage> messages = all(file);
    long offset = messages.get(1).source().offset() + 200_000;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write('#');
    }
    ReplayConfig c = ReplayConfig.builder("127.0.0.1", 25).policy(RecipientPolicy.fixed(List.of("sink@example.test")))
        .inMemoryLimit(LIMIT).build();
    PlannedMessage p = new ReplayPlanner(c).plan(messages.get(1));
    assertTrue(p.refusal() != null && p.refusal().contains("SHA-256"), String.valueOf(p.refusal()));
    MessageData small = new ReplayPlanner(c).plan(messages.get(0)).data();
    assertTrue(!small.isStreamed());
  }
}
