package dev.mailtrace.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A session's output buffer: commands and small pieces of content are gathered in one array and
 * written with one call; a long run of content that needs no change (already CRLF, no leading
 * dot) goes to the socket straight from the message's own array, without a copy of ours.
 */
final class WireOutput {
  /** Runs at least this long are written directly instead of being copied into the buffer. */
  static final int DIRECT = 16 * 1024;

  private final OutputStream raw;
  private final byte[] buffer;
  private int used;

  WireOutput(OutputStream raw, int size) {
    this.raw = raw;
    this.buffer = new byte[Math.max(size, 64)];
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len >= DIRECT || len > buffer.length) {
      drain();
      raw.write(b, off, len);
      return;
    }
    if (used + len > buffer.length) {
      drain();
    }
    System.arraycopy(b, off, buffer, used, len);
    used += len;
  }

  /** Writes the buffer to the stream without flushing the stream. */
  void drain() throws IOException {
    if (used > 0) {
      raw.write(buffer, 0, used);
      used = 0;
    }
  }

  /** Writes everything buffered and flushes the stream. */
  void flush() throws IOException {
    drain();
    raw.flush();
  }
}
