package dev.mailtrace.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Opens a file's stored bytes at an offset: gzip files (recognised by their magic bytes, RFC 1952
 * section 2.3.1, not by name) are decompressed and offsets count decompressed bytes.
 */
final class StoredInput {
  /** Files up to this size are read whole at once, whatever they turn out to hold. */
  private static final long SMALL = 256 << 10;

  private StoredInput() {}

  /** True when the file starts with the gzip magic bytes 1f 8b. */
  static boolean isGzip(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return isGzip(ch);
    }
  }

  private static boolean isGzip(FileChannel ch) throws IOException {
    ByteBuffer two = ByteBuffer.allocate(2);
    while (two.hasRemaining() && ch.read(two) >= 0) {
      // a channel may return fewer bytes than asked
    }
    return isGzip(two.array(), two.position());
  }

  /** RFC 1952 section 2.3.1: ID1 0x1f, ID2 0x8b among the first {@code n} bytes of {@code b}. */
  private static boolean isGzip(byte[] b, int n) {
    return n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  /** A stream of the file's (decompressed) bytes starting at {@code offset}. */
  static InputStream open(Path path, long offset) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      if (isGzip(ch)) {
        ch.position(0);
        InputStream in =
            new GZIPInputStream(
                new BufferedInputStream(Channels.newInputStream(ch), 64 << 10), 64 << 10);
        try {
          in.skipNBytes(offset);
        } catch (java.io.EOFException shorter) {
          // Positioned past the end: the caller sees an empty stream, as with a plain file.
        }
        return in;
      }
      ch.position(offset);
      return Channels.newInputStream(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * The whole content of a plain (not gzip) file of at most {@code limit} bytes, read with one
   * open and one copy; null for gzip, larger or empty files (and pipes, whose size is 0), and with
   * {@code streamMbox} for a file whose head looks like an mbox (read as a stream, message by
   * message), which are all streamed instead. A Maildir holds thousands of small files:
   * reading each once instead of opening it twice (format check, then content) through a growing
   * buffer saves about a third of the reading work besides hashing.
   */
  static byte[] readPlain(Path path, long limit, boolean streamMbox) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0 || size > limit || size >= Integer.MAX_VALUE) {
        return null;
      }
      // The size taken now is the snapshot read: a file that grows meanwhile is read as it was
      // (as a later stream would be read up to where it then ended).
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      // The head first: an mbox of tens of megabytes must not be read whole only to be streamed.
      // A small file is read in one call (one system call per Maildir message, not two).
      buf.limit((int) (size <= SMALL ? size : Math.min(size, FormatDetector.HEAD)));
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // a channel may return fewer bytes than asked
      }
      byte[] bytes = buf.array();
      if (isGzip(bytes, buf.position())
          || streamMbox && FormatDetector.looksLikeMbox(bytes, buf.position())) {
        return null;
      }
      buf.limit((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // a channel may return fewer bytes than asked
      }
      // Cut while it was read: streamed instead, where the reader says so.
      return buf.position() == bytes.length ? bytes : null;
    }
  }

  /** Up to {@code n} first (decompressed) bytes of the file. */
  static byte[] head(Path path, int n) throws IOException {
    try (InputStream in = open(path, 0)) {
      return in.readNBytes(n);
    }
  }

  /**
   * The file's size, or for gzip an estimate of its decompressed size: the compressed size times
   * the ratio met over the first megabyte of compressed bytes (exact when that is the whole file).
   * Progress counts decompressed bytes; against the compressed size a 5 GB archive of 0.5 GB
   * compressed showed an estimate of 0:00 left for most of its read.
   */
  static long estimatedSize(Path path) throws IOException {
    long size = java.nio.file.Files.size(path);
    if (!isGzip(path)) {
      return size;
    }
    long[] compressed = {0};
    try (InputStream file = new java.io.FilterInputStream(java.nio.file.Files.newInputStream(path)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            compressed[0] += Math.max(0, n);
            return n;
          }
        };
        InputStream in = new GZIPInputStream(file, 8192)) {
      byte[] chunk = new byte[64 << 10];
      long decompressed = 0;
      int n;
      while (compressed[0] < (1 << 20) && (n = in.read(chunk)) >= 0) {
        decompressed += n;
      }
      if (compressed[0] < (1 << 20)) {
        return decompressed; // read to its end: exact
      }
      return (long) ((double) size * decompressed / compressed[0]);
    } catch (IOException damaged) {
      return size; // the read will say what is wrong with it
    }
  }

  /** The size of a plain file, or -1 for gzip where the decompressed size is unknown. */
  static long plainSize(Path path) throws IOException {
    return isGzip(path) ? -1 : java.nio.file.Files.size(path);
  }
}
