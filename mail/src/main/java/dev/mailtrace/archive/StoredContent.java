package dev.mailtrace.archive;

import dev.mailtrace.message.Sha256;
import dev.mailtrace.message.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * A message's content streamed from its {@link Source} instead of held in memory: what
 * {@link SourceBytes#readContent} gives, for messages too large to load (replay sends them as they
 * are read). {@link #verify()} reads the stored bytes once, checks their length and SHA-256 and
 * decides the mbox unquoting as the reader does; {@link #open()} then streams the content as often
 * as needed without hashing again.
 */
public final class StoredContent {
  private static final int BUFFER = 64 << 10;

  private final Source source;
  /** EML (nothing to undo) or the mbox variant whose rule applies. */
  private final ArchiveFormat variant;
  private boolean verified;
  private boolean unquote;

  private StoredContent(Source source, ArchiveFormat variant) {
    this.source = source;
    this.variant = variant;
  }

  /**
   * The content of a message read from an archive opened in {@code format} ({@link
   * ArchiveFormat#AUTO} looks at the file again, as {@link SourceBytes#readContent} does).
   */
  public static StoredContent of(Source source, ArchiveFormat format) throws IOException {
    return new StoredContent(source, FormatDetector.fileFormat(Path.of(source.file()), format));
  }

  /** Where the stored bytes are. */
  public Source source() {
    return source;
  }

  /**
   * Reads the stored bytes once and checks them against the source's length and SHA-256.
   *
   * @throws SourceMismatchException when the file is shorter or the bytes hash differently
   */
  public void verify() throws IOException {
    MessageDigest sha = Sha256.newDigest();
    try (Lines lines = new Lines(StoredInput.open(Path.of(source.file()), source.offset()), sha, false)) {
      byte[] sink = new byte[BUFFER];
      while (lines.read(sink, 0, sink.length) > 0) {
        // hashed and classified as read
      }
      if (lines.left > 0) {
        throw SourceBytes.mismatch(source, "file ends " + lines.left + " bytes early");
      }
      SourceBytes.verify(source, sha.digest());
      unquote = lines.strips > 0 && !(variant == ArchiveFormat.AUTO && lines.bare);
    }
    verified = true;
  }

  /**
   * The content from its first byte: the stored bytes with mbox quoting undone.
   *
   * @throws IllegalStateException before {@link #verify()}
   */
  public InputStream open() throws IOException {
    if (!verified) {
      throw new IllegalStateException("verify() first");
    }
    return new Lines(StoredInput.open(Path.of(source.file()), source.offset()), null, unquote);
  }

  /**
   * The stored bytes, line by line as far as quoting needs: at each line start the quote depth is
   * looked at (the first {@link MboxQuoting#LOOK} bytes of the line); everything else is copied in
   * bulk.
   */
  private final class Lines extends InputStream {
    private final InputStream in;
    private final MessageDigest sha;
    private final boolean strip;
    private final boolean quoted;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int end;
    private long left = source.length();
    private boolean lineStart = true;
    /** The last line ended with a CR: an LF next still belongs to that line end. */
    private boolean afterCr;
    private boolean started;
    boolean bare;
    long strips;

    Lines(InputStream in, MessageDigest sha, boolean strip) {
      this.in = in;
      this.sha = sha;
      this.strip = strip;
      this.quoted = variant != ArchiveFormat.EML;
    }

    /** At least {@code n} bytes from {@code pos} in the buffer, or all that are left; false at the end. */
    private boolean fill(int n) throws IOException {
      if (end - pos >= n || left == 0) {
        return end > pos;
      }
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
      while (end < n && left > 0) {
        int r = in.read(buf, end, (int) Math.min(buf.length - end, left));
        if (r < 0) {
          break;
        }
        if (sha != null) {
          sha.update(buf, end, r);
        }
        end += r;
        left -= r;
      }
      return end > pos;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int produced = 0;
      while (produced < len) {
        if (!fill(quoted && lineStart ? MboxQuoting.LOOK + 6 : 1)) {
          break;
        }
        if (!started) {
          started = true;
          // A byte-order mark opens the file, not the first line (as SourceBytes.readContent).
          if (source.offset() == 0 && end - pos >= 3 && (buf[pos] & 0xff) == 0xEF
              && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
            int n = Math.min(3, len - produced);
            System.arraycopy(buf, pos, out, off + produced, n);
            pos += n;
            produced += n;
            continue;
          }
        }
        if (afterCr) {
          afterCr = false;
          if (buf[pos] == '\n') {
            out[off + produced++] = '\n';
            pos++;
            continue;
          }
        }
        if (quoted && lineStart) {
          lineStart = false;
          if (MboxQuoting.startsWithFrom(buf, pos, end)) {
            bare = true;
          } else if (MboxQuoting.strips(variant, MboxQuoting.quoteDepth(buf, pos, end))) {
            strips++;
            if (strip) {
              pos++;
            }
          }
        }
        int e = MboxQuoting.lineEnd(buf, pos, end);
        int stop = e < end ? e + 1 : end;
        int n = Math.min(stop - pos, len - produced);
        System.arraycopy(buf, pos, out, off + produced, n);
        pos += n;
        produced += n;
        if (pos == stop && e < end) {
          lineStart = true;
          afterCr = buf[e] == '\r';
        }
      }
      return produced == 0 ? -1 : produced;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
