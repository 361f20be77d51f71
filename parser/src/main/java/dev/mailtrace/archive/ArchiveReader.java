package dev.mailtrace.archive;

import dev.mailtrace.message.RawMessage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads messages one at a time from a file or folder, in a bounded amount of memory.
 *
 * <p>Pull style: call {@link #next()} until it returns null. Damaged input never stops a read: a
 * message that cannot be framed well is still returned with what was there. {@link IOException} is
 * for the environment only (unreadable file, broken gzip stream).
 */
public interface ArchiveReader extends Closeable {

  /** The next message, or null when the input is exhausted. */
  RawMessage next() throws IOException;

  /** Opens a file or folder, detecting its format, with gzip undone for {@code .gz} files. */
  static ArchiveReader open(Path path) throws IOException {
    return open(path, ArchiveFormat.AUTO);
  }

  /** Opens a file or folder in the given format ({@link ArchiveFormat#AUTO} to detect it). */
  static ArchiveReader open(Path path, ArchiveFormat format) throws IOException {
    throw new UnsupportedOperationException("not yet");
  }
}
