package dev.mailtrace.archive;

import dev.mailtrace.message.Charsets;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames one mbox file (plain or gzip) into messages, streaming: a fixed buffer, one message in
 * memory at a time, one pass over the bytes except when a wrong Content-Length sends it back.
 *
 * <p>The loop works a line at a time; a line's first {@link MboxQuoting#LOOK} bytes are looked at
 * to classify it, the rest is only scanned for its end. Bytes reach the current message's {@link
 * MessageAccumulator} in bulk when the buffer is compacted or the message ends. An empty line is
 * held back until the next line shows it is not the separator before a {@code From } line.
 */
final class MboxReader implements ArchiveReader {
  private static final int BUFFER = 256 << 10;
  private static final int LOOK = MboxQuoting.LOOK;
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final String file;
  private final ArchiveFormat variant;
  private final int cap;
  private final boolean framesByLength;
  private final boolean quotesEveryFrom;
  private final long plainSize;

  private InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private long base;
  private int pos;
  private int limit;
  private int mark;
  private boolean eof;

  private long dataStart;
  private Frame frame;
  private boolean pendingBlank;
  private long pendingStart;
  private int index;
  private RawMessage ready;
  private boolean done;
  private final List<String> carried = new ArrayList<>(1);
  /** A finished message's accumulator buffer, reused by the next one. */
  private byte[] spare;

  /** A finished message's digest (reset when its hash was taken), reused by the next one. */
  private MessageDigest spareDigest;

  private MessageDigest takeSpareDigest() {
    MessageDigest d = spareDigest;
    spareDigest = null;
    return d;
  }

  private byte[] takeSpare() {
    byte[] b = spare;
    spare = null;
    return b;
  }

  /** The message being collected, or the text before the first {@code From } line. */
  private final class Frame {
    final long start;
    final String envelope;
    final boolean leading;
    final List<String> problems = new ArrayList<>(0);
    final MessageAccumulator acc = new MessageAccumulator(cap, takeSpare(), takeSpareDigest());
    int[] quoted = new int[0];
    int quotedCount;
    boolean bareFrom;
    boolean blankOnly = true;
    boolean inHeaders = true;
    long contentLength = -1;
    long lengthEnd = -1;
    boolean blankAtLengthEnd;
    boolean changedWhileRead;
    Candidate candidate;

    Frame(long start, String envelope, boolean leading) {
      this.start = start;
      this.envelope = envelope;
      this.leading = leading;
    }
  }

  /** Where the message would have ended by From_ framing, kept while Content-Length is trusted. */
  private record Candidate(
      long fromLine, MessageAccumulator.Mark mark, int quotedCount, boolean bareFrom, boolean blankOnly) {}

  MboxReader(Path path, ArchiveFormat variant, ReaderConfig config) throws IOException {
    this.path = path;
    this.file = path.toString();
    this.variant = variant;
    this.cap = config.maxMessageBytes();
    this.framesByLength =
        variant == ArchiveFormat.AUTO
            || variant == ArchiveFormat.MBOXCL
            || variant == ArchiveFormat.MBOXCL2;
    this.quotesEveryFrom =
        variant == ArchiveFormat.MBOXO
            || variant == ArchiveFormat.MBOXRD
            || variant == ArchiveFormat.MBOXCL;
    this.plainSize = StoredInput.plainSize(path);
    this.in = StoredInput.open(path, 0);
    this.frame = new Frame(0, null, true);
    ensure(3);
    if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
      pos = 3; // a UTF-8 byte-order mark goes to the leading text, the first line starts after it
    }
    dataStart = pos;
  }

  @Override
  public RawMessage next() throws IOException {
    while (ready == null && !done) {
      step();
    }
    RawMessage r = ready;
    ready = null;
    return r;
  }

  @Override
  public void close() throws IOException {
    done = true;
    in.close();
  }

  // ---- buffer ---------------------------------------------------------------------------------

  /** Hands the bytes that surely belong to the current message to its accumulator. */
  private void flushCommitted() {
    int safe = pendingBlank ? (int) (pendingStart - base) : pos;
    if (safe > mark) {
      add(mark, safe);
      mark = safe;
    }
  }

  private void add(int from, int to) {
    if (frame.leading && frame.blankOnly) {
      for (int i = from; i < to; i++) {
        byte c = buf[i];
        boolean blank = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        boolean bom = i + base < 3 && dataStart == 3;
        if (!blank && !bom) {
          frame.blankOnly = false;
          break;
        }
      }
    }
    frame.acc.add(buf, from, to - from);
  }

  /** Makes at least {@code n} bytes available from {@code pos}, unless the input ends first. */
  private void ensure(int n) throws IOException {
    while (limit - pos < n && !eof) {
      if (limit == buf.length) {
        flushCommitted();
        int keep = mark;
        System.arraycopy(buf, keep, buf, 0, limit - keep);
        base += keep;
        pos -= keep;
        limit -= keep;
        mark = 0;
      }
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
  }

  private void seek(long offset) throws IOException {
    in.close();
    in = StoredInput.open(path, offset);
    base = offset;
    pos = 0;
    limit = 0;
    mark = 0;
    eof = false;
  }

  // ---- framing --------------------------------------------------------------------------------

  private void step() throws IOException {
    ensure(LOOK + 2);
    if (pos == limit) {
      finishAtEnd();
      return;
    }
    long at = base + pos;
    int window = Math.min(limit, pos + LOOK + 1);
    int e = MboxQuoting.lineEnd(buf, pos, window);
    boolean complete = e < window || (e == limit && eof);
    int eol = 0;
    if (complete && e < limit) {
      eol = buf[e] == '\r' && e + 1 < limit && buf[e + 1] == '\n' ? 2 : 1;
    }
    boolean blank = complete && e == pos;
    boolean fromLine = complete && Envelope.looksLikeFromLine(buf, pos, e - pos);

    if (frame == null) {
      // Repositioned onto a From line after a wrong Content-Length.
      startMessage(e, eol);
      return;
    }
    if (frame.lengthEnd >= 0) {
      if (frame.blankAtLengthEnd) {
        if (fromLine) {
          endMessage(pendingStart);
          startMessage(e, eol);
          return;
        }
        if (lengthMismatch()) {
          return;
        }
      } else if (at == frame.lengthEnd) {
        if (fromLine) {
          pendingBlank = false;
          endMessage(at);
          startMessage(e, eol);
          return;
        }
        if (blank) {
          pendingBlank = true;
          pendingStart = at;
          frame.blankAtLengthEnd = true;
          pos = e + eol;
          return;
        }
        if (lengthMismatch()) {
          return;
        }
      } else if (at > frame.lengthEnd) {
        if (lengthMismatch()) {
          return;
        }
      } else {
        if (fromLine && frame.candidate == null && (pendingBlank || quotesEveryFrom)) {
          flushCommitted();
          frame.candidate =
              new Candidate(at, frame.acc.mark(), frame.quotedCount, frame.bareFrom, frame.blankOnly);
        }
        bodyLine(at, e, eol, blank, complete);
        return;
      }
    }
    boolean separator =
        fromLine && (frame.leading || pendingBlank || at == dataStart || quotesEveryFrom);
    if (separator) {
      endMessage(pendingBlank ? pendingStart : at);
      startMessage(e, eol);
      return;
    }
    bodyLine(at, e, eol, blank, complete);
  }

  private void bodyLine(long at, int e, int eol, boolean blank, boolean complete) throws IOException {
    pendingBlank = false;
    Frame f = frame;
    if (f.inHeaders && !f.leading) {
      if (blank) {
        f.inHeaders = false;
        if (framesByLength && f.contentLength >= 0) {
          f.lengthEnd = at + eol + f.contentLength;
          if (plainSize >= 0 && f.lengthEnd > plainSize) {
            f.problems.add(
                "Content-Length "
                    + f.contentLength
                    + " runs past the end of the file: message at offset "
                    + f.start
                    + " (framed by From lines instead)");
            f.lengthEnd = -1;
          }
        }
      } else if (complete && f.contentLength < 0 && startsWithIgnoreCase(pos, e, CONTENT_LENGTH)) {
        f.contentLength = parseLength(pos + CONTENT_LENGTH.length, e);
        if (f.contentLength < 0 && framesByLength) {
          f.problems.add("unreadable Content-Length: message at offset " + f.start);
        }
      }
    }
    if (blank) {
      pendingBlank = true;
      pendingStart = at;
      pos = e + eol;
      return;
    }
    int lineEnd = Math.min(e, limit);
    if (MboxQuoting.startsWithFrom(buf, pos, lineEnd)) {
      f.bareFrom = true;
    } else if (buf[pos] == '>') {
      int depth = MboxQuoting.quoteDepth(buf, pos, lineEnd);
      long rel = at - f.start;
      if (depth > 0 && MboxQuoting.strips(variant, depth) && rel < cap) {
        if (f.quotedCount == f.quoted.length) {
          f.quoted = Arrays.copyOf(f.quoted, Math.max(16, f.quotedCount * 2));
        }
        f.quoted[f.quotedCount++] = (int) rel;
      }
    }
    if (complete) {
      pos = e + eol;
      skipPlainLines(f);
      return;
    }
    // A long line: scan on for its end, letting the buffer roll over.
    pos = e;
    while (true) {
      pos = MboxQuoting.lineEnd(buf, pos, limit);
      if (pos < limit) {
        if (buf[pos] == '\r') {
          ensure(2);
          pos += pos + 1 < limit && buf[pos + 1] == '\n' ? 2 : 1;
        } else {
          pos++;
        }
        skipPlainLines(f);
        return;
      }
      ensure(1);
      if (pos == limit) {
        return; // end of input inside the line
      }
    }
  }

  /**
   * Moves past the body lines that can change nothing: inside a body framed by From lines, a line
   * that starts with none of 'F' (a From line), '>' (quoting) or a line end (a blank line) is only
   * stepped over, so it is found with the line-end scan alone. Stops at the first line that needs
   * {@link #step()}, or where its end is not yet in the buffer.
   */
  private void skipPlainLines(Frame f) {
    if (f.inHeaders || f.leading || f.lengthEnd >= 0) {
      return;
    }
    byte[] b = buf;
    int p = pos;
    int n = limit;
    while (p < n) {
      byte c = b[p];
      if (c == 'F' || c == '>' || c == '\r' || c == '\n') {
        break;
      }
      int e = MboxQuoting.lineEnd(b, p, n);
      if (e >= n - 1) {
        break; // the line end or what follows a CR is not read yet: step() makes room
      }
      p = b[e] == '\r' && b[e + 1] == '\n' ? e + 2 : e + 1;
    }
    pos = p;
  }

  /**
   * Content-Length did not lead to a From line or the end of the input: go back to the first
   * separator seen inside the claimed body, or, when there was none, carry on with From_ framing.
   *
   * @return true when the current line must not be processed further
   */
  private boolean lengthMismatch() throws IOException {
    Frame f = frame;
    f.problems.add(lengthProblem(f) + " (framed by From lines instead)");
    f.lengthEnd = -1;
    f.blankAtLengthEnd = false;
    Candidate c = f.candidate;
    if (c == null) {
      return false;
    }
    f.acc.reset(c.mark());
    f.quotedCount = c.quotedCount();
    f.bareFrom = c.bareFrom();
    f.blankOnly = c.blankOnly();
    pendingBlank = false;
    ready = finish(f);
    frame = null;
    seek(c.fromLine());
    return true;
  }

  private static String lengthProblem(Frame f) {
    return "Content-Length "
        + f.contentLength
        + " does not end at a From line or the end of the file: message at offset "
        + f.start;
  }

  private void finishAtEnd() throws IOException {
    long end = base + pos;
    Frame f = frame;
    if (f == null) {
      done = true;
      return;
    }
    if (plainSize >= 0 && end != plainSize && !f.changedWhileRead) {
      // Appended to or cut while it was read: the last message may be part of one; the next read
      // (a later index run) sees it as it is then.
      f.changedWhileRead = true;
      f.problems.add("the file was " + plainSize + " bytes when opened and " + end + " when read to its end"
          + " (it changed while it was read): this last message may be cut; read the file again: offset " + f.start);
    }
    if (f.lengthEnd >= 0) {
      if (f.blankAtLengthEnd) {
        endMessage(pendingStart);
      } else if (end == f.lengthEnd) {
        pendingBlank = false;
        endMessage(end);
      } else if (!lengthMismatch()) {
        endMessage(pendingBlank ? pendingStart : end);
      } else {
        return; // went back to a From line inside the claimed body
      }
    } else {
      endMessage(pendingBlank ? pendingStart : end);
    }
    done = true;
  }

  /** Ends the current message (or leading text) at absolute offset {@code end}. */
  private void endMessage(long end) {
    int to = (int) (end - base);
    if (to > mark) {
      add(mark, to);
    }
    mark = Math.max(mark, to);
    pendingBlank = false;
    Frame f = frame;
    if (f.leading) {
      long n = f.acc.length();
      if (n == 0) {
        return;
      }
      boolean messageFollows = !(pos == limit && eof);
      if (f.blankOnly && messageFollows) {
        carried.add(n + " bytes of white space before the first From line: offset 0");
        return;
      }
      f.problems.add(
          messageFollows
              ? "text before the first From line: " + n + " bytes at offset 0"
              : "no From line starts a message, the whole file is one: offset 0");
    }
    ready = finish(f);
  }

  private RawMessage finish(Frame f) {
    MessageAccumulator acc = f.acc;
    List<String> problems = f.problems;
    if (!f.leading && acc.length() == 0) {
      problems.add("empty message: offset " + f.start);
    }
    acc.reportTruncation(problems, f.start);
    byte[] content;
    boolean undo = f.quotedCount > 0 && !(variant == ArchiveFormat.AUTO && f.bareFrom);
    if (undo) {
      int n = 0;
      while (n < f.quotedCount && f.quoted[n] < acc.size()) {
        n++;
      }
      content = MboxQuoting.strip(acc.buffer(), acc.size(), f.quoted, n);
    } else {
      content = acc.content();
    }
    spare = acc.spare();
    Source source = new Source(file, f.start, acc.length(), acc.sha256Hex());
    spareDigest = acc.spareDigest();
    return new RawMessage(source, index++, f.envelope, content, problems);
  }

  private void startMessage(int e, int eol) {
    String envelope = Charsets.decodeGuessing(buf, pos, Math.min(e, limit) - pos, null);
    pos = e + eol;
    mark = pos;
    pendingBlank = false;
    frame = new Frame(base + pos, envelope, false);
    if (!carried.isEmpty()) {
      frame.problems.addAll(carried);
      carried.clear();
    }
  }

  // ---- header bytes ---------------------------------------------------------------------------

  private boolean startsWithIgnoreCase(int from, int end, byte[] lowerPrefix) {
    if (end - from < lowerPrefix.length) {
      return false;
    }
    for (int i = 0; i < lowerPrefix.length; i++) {
      int c = buf[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerPrefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The decimal value between {@code from} and {@code end} (blanks around it allowed), or -1. */
  private long parseLength(int from, int end) {
    while (from < end && (buf[from] == ' ' || buf[from] == '\t')) {
      from++;
    }
    while (end > from && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
      end--;
    }
    if (from == end || end - from > 15) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < end; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        return -1;
      }
      v = v * 10 + (buf[i] - '0');
    }
    return v;
  }
}
