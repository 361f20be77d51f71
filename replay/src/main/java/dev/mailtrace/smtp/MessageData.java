package dev.mailtrace.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one message to send: slices of byte arrays (no copies), so header lines can be
 * left out (Bcc) or put in front (a stamp) without copying the body, optionally followed by a
 * {@link Tail} read from elsewhere each time it is needed (a stored message too large to hold).
 *
 * <p>On the wire every line end (LF, CR or CRLF) becomes CRLF (RFC 5321 section 2.3.8) and, for
 * DATA, lines starting with a dot get another (section 4.5.2); nothing else changes. Both happen
 * in one pass that copies only what it must: runs of content that are already in wire form go out
 * as they are. {@link #size()} is the size after line-end normalisation, as announced with SIZE=.
 */
public final class MessageData {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] DOT = {'.'};
  private static final int TAIL_CHUNK = 256 * 1024;

  /**
   * Content that follows the in-memory slices and is read again each time it is needed, for
   * example the rest of a stored message from its file. Each {@link #open} must give the same
   * bytes; a read that fails (the file changed) fails the transaction.
   */
  @FunctionalInterface
  public interface Tail {
    /** A stream of the tail's bytes from its start. */
    InputStream open() throws IOException;
  }

  private record Slice(byte[] bytes, int from, int to) {}

  private final List<Slice> slices;
  private final Tail tail;
  private long size = -1;
  private boolean eightBit;
  private boolean eightBitHeader;

  private MessageData(List<Slice> slices, Tail tail) {
    this.slices = slices;
    this.tail = tail;
  }

  /** The whole array as the message. */
  public static MessageData of(byte[] content) {
    return of(content, 0, content.length);
  }

  /** Bytes {@code [from, to)} of the array as the message (or its first part, see {@link #followedBy}). */
  public static MessageData of(byte[] content, int from, int to) {
    if (from < 0 || to > content.length || from > to) {
      throw new IndexOutOfBoundsException("range " + from + ".." + to + " of " + content.length);
    }
    return new MessageData(List.of(new Slice(content, from, to)), null);
  }

  /** The same message followed by bytes read from {@code tail} whenever they are needed. */
  public MessageData followedBy(Tail more) {
    return new MessageData(slices, more);
  }

  /** Whether part of the content is read from a {@link Tail} rather than held in memory. */
  public boolean isStreamed() {
    return tail != null;
  }

  /** A message with {@code bytes} in front (for example a header field with its CRLF). */
  public MessageData prepend(byte[] bytes) {
    List<Slice> list = new ArrayList<>(slices.size() + 1);
    list.add(new Slice(bytes, 0, bytes.length));
    list.addAll(slices);
    return new MessageData(List.copyOf(list), tail);
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
    return new MessageData(List.copyOf(list), tail);
  }

  /**
   * Bytes on the wire before dot-stuffing, with every line end as CRLF. For a streamed message
   * the first call reads the tail once.
   *
   * @throws UncheckedIOException when the tail cannot be read
   */
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

  private synchronized void scan() {
    if (size >= 0) {
      return;
    }
    Scan s = new Scan();
    try {
      forEachChunk(s::chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    eightBit = s.high;
    eightBitHeader = s.highHeader;
    size = s.n;
  }

  /** Bytes {@code [from, to)} of an array: one piece of the content. */
  @FunctionalInterface
  private interface ChunkConsumer {
    void chunk(byte[] b, int from, int to) throws IOException;
  }

  /** The content in order: each slice, then the tail read in large pieces. */
  private void forEachChunk(ChunkConsumer c) throws IOException {
    for (Slice x : slices) {
      c.chunk(x.bytes, x.from, x.to);
    }
    if (tail != null) {
      try (InputStream in = tail.open()) {
        byte[] buf = new byte[TAIL_CHUNK];
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
          c.chunk(buf, 0, n);
        }
      }
    }
  }

  /** Counts wire bytes and looks for 8-bit bytes, chunk by chunk. */
  private static final class Scan {
    long n;
    boolean cr;
    boolean inHeader = true;
    boolean lineEmpty = true;
    boolean high;
    boolean highHeader;

    void chunk(byte[] a, int i, int end) {
      while (i < end) {
        if (cr) {
          cr = false;
          if (a[i] == '\n') {
            // The LF of a CRLF, already counted with its CR.
            i++;
            continue;
          }
        }
        int e = LineEnds.next(a, i, end);
        if (e > i) {
          n += e - i;
          lineEmpty = false;
          if (inHeader) {
            if (LineEnds.hasHighBit(a, i, e)) {
              high = true;
              highHeader = true;
            }
          } else if (!high) {
            high = LineEnds.hasHighBit(a, i, e);
          }
        }
        if (e == end) {
          return;
        }
        // Every line end is CRLF on the wire.
        n += 2;
        cr = a[e] == '\r';
        if (lineEmpty) {
          inHeader = false;
        }
        lineEmpty = true;
        i = e + 1;
      }
    }
  }

  /**
   * Writes the content with CRLF line ends, dot-stuffed when {@code dotStuff}; a last line without
   * an end gets a CRLF when {@code terminateLastLine}. Returns the number of bytes written.
   */
  public long writeTo(OutputStream out, boolean dotStuff, boolean terminateLastLine) throws IOException {
    WireOutput w = new WireOutput(out, 8192);
    long n = writeTo(w::write, dotStuff, terminateLastLine);
    w.drain();
    return n;
  }

  /** Where the wire form goes, in pieces. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] b, int off, int len) throws IOException;
  }

  /** As {@link #writeTo(OutputStream, boolean, boolean)}, into a sink. */
  long writeTo(Sink out, boolean dotStuff, boolean terminateLastLine) throws IOException {
    Encoder enc = new Encoder(out, dotStuff);
    forEachChunk(enc::chunk);
    if (terminateLastLine && !enc.lineStart) {
      enc.emit(CRLF, 0, 2);
    }
    return enc.total;
  }

  /**
   * The one pass from content to wire form: runs that are already right (text and CRLF line ends)
   * are passed on whole; a bare LF or CR becomes CRLF and a leading dot gets another.
   */
  private static final class Encoder {
    final Sink out;
    final boolean dotStuff;
    long total;
    boolean lineStart = true;
    /** The last byte was a CR at the end of a chunk: an LF starting the next chunk belongs to it. */
    boolean cr;

    Encoder(Sink out, boolean dotStuff) {
      this.out = out;
      this.dotStuff = dotStuff;
    }

    void emit(byte[] b, int from, int to) throws IOException {
      if (to > from) {
        out.write(b, from, to - from);
        total += to - from;
      }
    }

    void chunk(byte[] a, int i, int end) throws IOException {
      if (i >= end) {
        return;
      }
      if (cr) {
        cr = false;
        if (a[i] == '\n' && ++i == end) {
          return;
        }
      }
      if (lineStart && dotStuff && a[i] == '.') {
        // RFC 5321 section 4.5.2: a line that starts with a dot gets one more.
        emit(DOT, 0, 1);
      }
      int run = i;
      while (i < end) {
        int e = LineEnds.next(a, i, end);
        if (e == end) {
          lineStart = false;
          break;
        }
        if (a[e] == '\r' && e + 1 < end && a[e + 1] == '\n') {
          i = e + 2;
        } else {
          emit(a, run, e);
          emit(CRLF, 0, 2);
          // A CR ending the chunk may be the first half of a CRLF split between chunks.
          cr = a[e] == '\r' && e + 1 == end;
          i = e + 1;
          run = i;
        }
        lineStart = true;
        if (dotStuff && i < end && a[i] == '.') {
          emit(a, run, i);
          emit(DOT, 0, 1);
          run = i;
        }
      }
      emit(a, run, end);
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
}
