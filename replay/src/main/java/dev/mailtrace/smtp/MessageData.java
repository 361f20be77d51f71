package dev.mailtrace.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one message to send: slices of byte arrays (no copies), so header lines can be
 * left out (Bcc) or put in front (a stamp) without copying the body.
 *
 * <p>On the wire every line end (LF, CR or CRLF) becomes CRLF (RFC 5321 section 2.3.8) and, for
 * DATA, lines starting with a dot get another (section 4.5.2); nothing else changes.
 * {@link #size()} is the size after line-end normalisation, as announced with SIZE=.
 */
public final class MessageData {
  private record Slice(byte[] bytes, int from, int to) {}

  private final List<Slice> slices;
  private long size = -1;
  private boolean eightBit;
  private boolean eightBitHeader;

  private MessageData(List<Slice> slices) {
    this.slices = slices;
  }

  /** The whole array as the message. */
  public static MessageData of(byte[] content) {
    return new MessageData(List.of(new Slice(content, 0, content.length)));
  }

  /** A message with {@code bytes} in front (for example a header field with its CRLF). */
  public MessageData prepend(byte[] bytes) {
    List<Slice> list = new ArrayList<>(slices.size() + 1);
    list.add(new Slice(bytes, 0, bytes.length));
    list.addAll(slices);
    return new MessageData(List.copyOf(list));
  }

  /**
   * The message without the bytes {@code [from, to)} of {@code array} (one of the arrays it is made
   * of, usually the archived content).
   */
  public MessageData omit(byte[] array, int from, int to) {
    List<Slice> list = new ArrayList<>(slices.size() + 1);
    for (Slice s : slices) {
      if (s.bytes != array || to <= s.from || from >= s.to) {
        list.add(s);
        continue;
      }
      if (s.from < from) {
        list.add(new Slice(s.bytes, s.from, from));
      }
      if (to < s.to) {
        list.add(new Slice(s.bytes, to, s.to));
      }
    }
    return new MessageData(List.copyOf(list));
  }

  /** Bytes on the wire before dot-stuffing, with every line end as CRLF. */
  public long size() {
    scan();
    return size;
  }

  /** Whether any byte has the high bit set (needs BODY=8BITMIME, RFC 6152). */
  public boolean hasEightBit() {
    scan();
    return eightBit;
  }

  /** Whether the header section has a byte with the high bit set (needs SMTPUTF8, RFC 6531). */
  public boolean hasEightBitHeader() {
    scan();
    return eightBitHeader;
  }

  private void scan() {
    if (size >= 0) {
      return;
    }
    long n = 0;
    boolean cr = false;
    boolean inHeader = true;
    boolean lineEmpty = true;
    boolean high = false;
    boolean highHeader = false;
    for (Slice s : slices) {
      byte[] a = s.bytes;
      for (int i = s.from; i < s.to; i++) {
        byte b = a[i];
        if (b == '\n') {
          n += cr ? 1 : 2;
          cr = false;
          if (lineEmpty) {
            inHeader = false;
          }
          lineEmpty = true;
          continue;
        }
        if (cr) {
          // A bare CR ended a line: it becomes CRLF.
          n += 1;
          if (lineEmpty) {
            inHeader = false;
          }
          lineEmpty = true;
          cr = false;
        }
        if (b == '\r') {
          cr = true;
          n++;
          continue;
        }
        n++;
        lineEmpty = false;
        if (b < 0) {
          high = true;
          if (inHeader) {
            highHeader = true;
          }
        }
      }
    }
    if (cr) {
      n++;
    }
    eightBit = high;
    eightBitHeader = highHeader;
    size = n;
  }

  /**
   * Writes the content with CRLF line ends, dot-stuffed when {@code dotStuff}; a last line without
   * an end gets a CRLF when {@code terminateLastLine}. Returns the number of bytes written.
   */
  public long writeTo(OutputStream out, boolean dotStuff, boolean terminateLastLine) throws IOException {
    return writeTo(out, dotStuff, terminateLastLine, new byte[8192]);
  }

  /**
   * As {@link #writeTo(OutputStream, boolean, boolean)}, staging the output in {@code scratch}
   * (at least 16 bytes) so the stream sees a few large writes instead of two per line.
   */
  long writeTo(OutputStream out, boolean dotStuff, boolean terminateLastLine, byte[] scratch) throws IOException {
    byte[] buf = scratch;
    int limit = buf.length - 3;
    int n = 0;
    long total = 0;
    boolean lineStart = true;
    boolean cr = false;
    for (Slice s : slices) {
      byte[] a = s.bytes;
      for (int i = s.from, end = s.to; i < end; i++) {
        if (n >= limit) {
          out.write(buf, 0, n);
          total += n;
          n = 0;
        }
        byte b = a[i];
        if (b > '\r') {
          // RFC 5321 section 4.5.2: a line that starts with a dot gets one more.
          if (b == '.' && lineStart && dotStuff) {
            buf[n++] = '.';
          }
          buf[n++] = b;
          lineStart = false;
          cr = false;
        } else if (b == '\n') {
          if (!cr) {
            buf[n++] = '\r';
            buf[n++] = '\n';
          }
          cr = false;
          lineStart = true;
        } else if (b == '\r') {
          // Written as CRLF at once; an LF right after belongs to it.
          buf[n++] = '\r';
          buf[n++] = '\n';
          cr = true;
          lineStart = true;
        } else {
          buf[n++] = b;
          lineStart = false;
          cr = false;
        }
      }
    }
    if (!lineStart && terminateLastLine) {
      if (n >= limit) {
        out.write(buf, 0, n);
        total += n;
        n = 0;
      }
      buf[n++] = '\r';
      buf[n++] = '\n';
    }
    out.write(buf, 0, n);
    return total + n;
  }

  /** The content with CRLF line ends, not dot-stuffed (tests compare what a server received). */
  public byte[] toByteArray() {
    var out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, size() + 2));
    try {
      writeTo(out, false, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

}
