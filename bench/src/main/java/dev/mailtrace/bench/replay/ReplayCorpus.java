package dev.mailtrace.bench.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes an mbox of {@code COUNT} messages of exactly {@code SIZE} bytes each (header and body,
 * CRLF line ends, 76-character body lines) for the replay benchmark. Runs without a build:
 * {@code java bench/src/main/java/dev/mailtrace/bench/replay/ReplayCorpus.java OUT COUNT SIZE}.
 */
public final class ReplayCorpus {
  private ReplayCorpus() {}

  /** Writes the mbox; exits with 2 on bad usage. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ReplayCorpus OUT.mbox COUNT SIZE");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]);
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      for (int i = 0; i < count; i++) {
        o.write(("From bench@origin.test Tue Mar  3 10:00:00 2026\n").getBytes(StandardCharsets.US_ASCII));
        o.write(message(i, size));
        o.write('\n');
      }
    }
  }

  /** One message of exactly {@code size} bytes (at least the header's size). */
  static byte[] message(int i, int size) {
    String header = String.format(Locale.ROOT,
        "Return-Path: <bench@origin.test>\r\n"
            + "From: Bench <bench@origin.test>\r\n"
            + "To: user%d@real.test\r\n"
            + "Subject: replay benchmark message %d\r\n"
            + "Date: Tue, 3 Mar 2026 10:00:00 +0000\r\n"
            + "Message-ID: <%d.bench@origin.test>\r\n"
            + "\r\n", i, i, i);
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] m = new byte[Math.max(size, h.length)];
    System.arraycopy(h, 0, m, 0, h.length);
    int p = h.length;
    int column = 0;
    long x = i * 2654435761L + 1;
    while (p < m.length) {
      int left = m.length - p;
      if (left <= 2 || column == 76) {
        // End the line (the last line too, so the message ends with CRLF).
        if (left >= 2) {
          m[p++] = '\r';
          m[p++] = '\n';
        } else {
          m[p++] = 'x';
        }
        column = 0;
        continue;
      }
      x = x * 6364136223846793005L + 1442695040888963407L;
      int r = (int) ((x >>> 33) % 28);
      m[p++] = (byte) (r < 26 ? 'a' + r : ' ');
      column++;
    }
    return m;
  }
}
