package dev.mailtrace.archive;

import dev.mailtrace.message.Sha256;
import dev.mailtrace.message.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Reads a message back from its {@link Source}, exactly and verified: the stored range is read
 * again (decompressing and skipping for gzip) and its SHA-256 compared with the recorded one.
 *
 * <p>Export and replay use this instead of keeping message bytes: the index keeps only sources.
 */
public final class SourceBytes {
  private SourceBytes() {}

  /**
   * The stored bytes of a message: {@code length} bytes at {@code offset}, with mbox quoting intact.
   *
   * @throws SourceMismatchException when the file is shorter or the bytes hash differently
   * @throws IOException when the file cannot be read, or the message does not fit in an array
   */
  public static byte[] read(Source source) throws IOException {
    if (source.length() > Integer.MAX_VALUE - 16) {
      throw new IOException(
          "message too large to load: "
              + source.length()
              + " bytes at offset "
              + source.offset()
              + " of "
              + source.file()
              + "; copy it with SourceBytes.copy instead");
    }
    byte[] bytes;
    try (InputStream in = StoredInput.open(Path.of(source.file()), source.offset())) {
      bytes = in.readNBytes((int) source.length());
    }
    if (bytes.length != source.length()) {
      throw mismatch(source, "file ends after " + bytes.length + " of the bytes");
    }
    MessageDigest sha = Sha256.newDigest();
    verify(source, sha.digest(bytes));
    return bytes;
  }

  /**
   * The message content (what {@link dev.mailtrace.message.RawMessage#content()} gave, untruncated)
   * for a message read in the given format: the stored bytes with mbox quoting undone by the same
   * rules the reader applied. {@code format} is the one the archive was opened with; for {@link
   * ArchiveFormat#AUTO} and {@link ArchiveFormat#MAILDIR} the file is looked at again to decide.
   */
  public static byte[] readContent(Source source, ArchiveFormat format) throws IOException {
    byte[] stored = read(source);
    ArchiveFormat fileFormat = FormatDetector.fileFormat(Path.of(source.file()), format);
    if (fileFormat == ArchiveFormat.EML) {
      return stored;
    }
    // A byte-order mark opens the file, not the first line: the reader looks for quoted From
    // lines after it, so read-back must too, or the two disagree on a ">From" right behind it.
    if (source.offset() == 0 && stored.length >= 3 && (stored[0] & 0xff) == 0xEF
        && (stored[1] & 0xff) == 0xBB && (stored[2] & 0xff) == 0xBF) {
      byte[] rest = MboxQuoting.unquote(java.util.Arrays.copyOfRange(stored, 3, stored.length), fileFormat);
      byte[] out = new byte[rest.length + 3];
      System.arraycopy(stored, 0, out, 0, 3);
      System.arraycopy(rest, 0, out, 3, rest.length);
      return out;
    }
    return MboxQuoting.unquote(stored, fileFormat);
  }

  /**
   * Copies the stored bytes of a message to {@code out} without holding them in memory, verifying
   * the hash at the end (after the bytes were written: discard the output on an exception).
   */
  public static void copy(Source source, OutputStream out) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    byte[] chunk = new byte[64 << 10];
    long left = source.length();
    try (InputStream in = StoredInput.open(Path.of(source.file()), source.offset())) {
      while (left > 0) {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
        if (n < 0) {
          throw mismatch(source, "file ends " + left + " bytes early");
        }
        sha.update(chunk, 0, n);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
    verify(source, sha.digest());
  }

  static void verify(Source source, byte[] hash) throws SourceMismatchException {
    String actual = Sha256.hex(hash);
    if (!actual.equals(source.sha256())) {
      throw mismatch(source, "SHA-256 is " + actual + ", expected " + source.sha256());
    }
  }

  static SourceMismatchException mismatch(Source source, String what) {
    return new SourceMismatchException(
        "stored message changed: "
            + source.file()
            + " offset "
            + source.offset()
            + " length "
            + source.length()
            + ": "
            + what
            + "; the file was modified since it was read, read (index) it again");
  }
}
