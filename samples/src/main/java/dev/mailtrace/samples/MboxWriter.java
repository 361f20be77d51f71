package dev.mailtrace.samples;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Appends messages to an mbox in the mboxrd variant: each message follows a {@code From } line,
 * body lines matching {@code >*From } get one more {@code >}, and an empty line ends the message
 * (RFC 4155 and the mboxrd convention), so the quoting can be undone exactly.
 */
public final class MboxWriter implements Closeable {
  private final OutputStream out;
  private long bytes;
  private int messages;

  /** Writes to {@code out} (buffered here; closed by {@link #close()}). */
  public MboxWriter(OutputStream out) {
    this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
  }

  /** Appends one message with its {@code From } line. */
  public void write(Sample sample) throws IOException {
    byte[] envelope =
        ("From " + sample.envelopeSender() + " " + MailDates.asctime(sample.envelopeTime()) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    out.write(envelope);
    bytes += envelope.length;
    byte[] c = sample.content();
    int lineStart = 0;
    for (int i = 0; i <= c.length; i++) {
      if (i == c.length || c[i] == '\n') {
        int end = i == c.length ? c.length : i + 1;
        if (end > lineStart) {
          if (needsQuote(c, lineStart, end)) {
            out.write('>');
            bytes++;
          }
          out.write(c, lineStart, end - lineStart);
          bytes += end - lineStart;
        }
        lineStart = end;
      }
    }
    if (c.length == 0 || c[c.length - 1] != '\n') {
      out.write('\n');
      bytes++;
    }
    out.write('\n');
    bytes++;
    messages++;
  }

  /** True for a line that is {@code From } after any number of {@code >}. */
  static boolean needsQuote(byte[] c, int start, int end) {
    int i = start;
    while (i < end && c[i] == '>') {
      i++;
    }
    return end - i >= 5 && c[i] == 'F' && c[i + 1] == 'r' && c[i + 2] == 'o' && c[i + 3] == 'm'
        && c[i + 4] == ' ';
  }

  /** Bytes written so far, separators and quoting included. */
  public long bytesWritten() {
    return bytes;
  }

  /** Messages written so far. */
  public int messagesWritten() {
    return messages;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
