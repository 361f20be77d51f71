package dev.mailtrace.archive;

import dev.mailtrace.message.RawMessage;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes messages as an mboxrd file: a {@code From } line, the content with every line matching
 * {@code ^>*From } given one more {@code >}, and an empty separator line.
 *
 * <p>Reading the result with {@link ArchiveReader} (as {@link ArchiveFormat#AUTO} or {@link
 * ArchiveFormat#MBOXRD}) gives back each content exactly, provided it ends with a line end; a
 * content without a final line end gets one, since mbox cannot store that. Line ends of the From
 * and separator lines follow the content's first line end (LF, CRLF or CR), so a CRLF message stays
 * CRLF.
 */
public final class MboxWriter implements Closeable, Flushable {
  /** Used when a message has no usable envelope line (RFC 4155 asks for one on every message). */
  public static final String DEFAULT_FROM_LINE = "From MAILER-DAEMON Thu Jan  1 00:00:00 1970";

  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final OutputStream out;

  /** Writes to {@code out}, which {@link #close()} closes. */
  public MboxWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, 64 << 10);
  }

  /**
   * An RFC 4155 {@code From } line: the sender (blanks replaced, {@code MAILER-DAEMON} when null or
   * empty) and the time in UTC asctime() form.
   */
  public static String fromLine(String sender, Instant when) {
    String s = sender == null || sender.isBlank() ? "MAILER-DAEMON" : sender.strip();
    s = s.replace(' ', '_').replace('\t', '_').replace('\r', '_').replace('\n', '_');
    return "From " + s + " " + ASCTIME.format(when == null ? Instant.EPOCH : when);
  }

  /** Writes a message read from an archive, keeping its envelope line when it has a usable one. */
  public void write(RawMessage message) throws IOException {
    write(message.envelope(), message.content());
  }

  /**
   * Writes one message.
   *
   * @param fromLine the whole {@code From } line without line end; null or a line that readers
   *     would not take as a separator is replaced by {@link #DEFAULT_FROM_LINE}
   * @param content the RFC 5322 message, unquoted
   */
  public void write(String fromLine, byte[] content) throws IOException {
    byte[] eol = lineEnd(content);
    byte[] from = usable(fromLine).getBytes(StandardCharsets.UTF_8);
    out.write(from);
    out.write(eol);
    int n = content.length;
    int copied = 0;
    for (int line = 0; line < n; line = MboxQuoting.nextLine(content, line, n)) {
      if (content[line] == '>' ? MboxQuoting.quoteDepth(content, line, n) > 0
          : MboxQuoting.startsWithFrom(content, line, n)) {
        out.write(content, copied, line - copied);
        out.write('>');
        copied = line;
      }
    }
    out.write(content, copied, n - copied);
    if (n > 0 && content[n - 1] != '\n' && content[n - 1] != '\r') {
      out.write(eol);
    }
    // The separator repeats the last line end, so a lone CR cannot pair with an LF after it.
    if (n > 0 && content[n - 1] == '\r') {
      out.write('\r');
    } else if (n > 1 && content[n - 1] == '\n' && content[n - 2] == '\r') {
      out.write(CRLF);
    } else if (n > 0 && content[n - 1] == '\n') {
      out.write('\n');
    } else {
      out.write(eol);
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private static String usable(String fromLine) {
    if (fromLine == null) {
      return DEFAULT_FROM_LINE;
    }
    byte[] b = fromLine.getBytes(StandardCharsets.UTF_8);
    for (byte c : b) {
      if (c == '\r' || c == '\n') {
        return DEFAULT_FROM_LINE;
      }
    }
    return Envelope.looksLikeFromLine(b, 0, b.length) ? fromLine : DEFAULT_FROM_LINE;
  }

  private static byte[] lineEnd(byte[] content) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        return new byte[] {'\n'};
      }
      if (content[i] == '\r') {
        return i + 1 < content.length && content[i + 1] == '\n'
            ? new byte[] {'\r', '\n'}
            : new byte[] {'\r'};
      }
    }
    return new byte[] {'\n'};
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
