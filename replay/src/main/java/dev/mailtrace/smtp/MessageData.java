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
   * an end gets a CRLF when {@code terminateLastLine}.
   */
  public void writeTo(OutputStream out, boolean dotStuff, boolean terminateLastLine) throws IOException {
    boolean lineStart = true;
    boolean cr = false;
    for (Slice s : slices) {
      byte[] a = s.bytes;
      int run = s.from;
      for (int i = s.from; i < s.to; i++) {
        byte b = a[i];
        if (b == '\n') {
          if (cr) {
            // CR already written as CRLF; this LF belongs to it.
            cr = false;
            run = i + 1;
            continue;
          }
          out.write(a, run, i - run);
          out.write(CRLF, 0, 2);
          run = i + 1;
          lineStart = true;
          continue;
        }
        cr = false;
        if (b == '\r') {
          out.write(a, run, i - run);
          out.write(CRLF, 0, 2);
          run = i + 1;
          cr = true;
          lineStart = true;
          continue;
        }
        if (lineStart && b == '.' && dotStuff) {
          // RFC 5321 section 4.5.2: a line that starts with a dot gets one more.
          out.write(a, run, i - run);
          out.write('.');
          run = i;
        }
        lineStart = false;
      }
      out.write(a, run, s.to - run);
    }
    if (!lineStart && terminateLastLine) {
      out.write(CRLF, 0, 2);
    }
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

  private static final byte[] CRLF = {'\r', '\n'};
}
