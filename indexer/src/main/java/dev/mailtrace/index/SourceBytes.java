package dev.mailtrace.index;

import dev.mailtrace.message.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Reads a message's stored bytes back from its source by offset and length, and hashes them.
 *
 * <p>For {@code .gz} files offsets count decompressed bytes, so the stream is decompressed up to the
 * offset. A file that became shorter gives fewer bytes than asked, which the hash then rejects.
 */
public final class SourceBytes {
  private SourceBytes() {}

  /** The bytes at the source's location (fewer when the file is now shorter). */
  public static byte[] read(Source source) throws IOException {
    return read(Path.of(source.file()), source.offset(), source.length());
  }

  /** The bytes of a file at an offset; for {@code .gz} files offset and length count decompressed bytes. */
  public static byte[] read(Path file, long offset, long length) throws IOException {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException("message too large to read back: " + file + " at " + offset);
    }
    if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
        long skipped = in.skip(offset);
        while (skipped < offset) {
          long s = in.skip(offset - skipped);
          if (s <= 0) {
            if (in.read() < 0) {
              return new byte[0];
            }
            s = 1;
          }
          skipped += s;
        }
        return in.readNBytes((int) length);
      }
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long available = Math.max(0, Math.min(length, ch.size() - offset));
      ByteBuffer buf = ByteBuffer.allocate((int) available);
      long pos = offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        pos += n;
      }
      if (buf.hasRemaining()) {
        byte[] out = new byte[buf.position()];
        System.arraycopy(buf.array(), 0, out, 0, out.length);
        return out;
      }
      return buf.array();
    }
  }

  /** Lower-case hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** True when the source's bytes are still there unchanged. */
  public static boolean isIntact(Source source) throws IOException {
    byte[] b = read(source);
    return b.length == source.length() && sha256(b).equals(source.sha256());
  }
}
