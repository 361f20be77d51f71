package dev.mailtrace.archive;

import dev.mailtrace.message.RawMessage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
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

  /**
   * The bytes on disk a read of {@code path} goes through, for progress estimates: a file's size,
   * or for a folder the sizes of the files its walk reads (dot-names, a Maildir's {@code tmp} and
   * its metadata files left out); a gzip file by an estimate of its decompressed size, which is
   * what a read counts (its compression ratio over its first megabyte); 0 for anything else. The folder is
   * listed as a read lists it, and no file is opened.
   */
  static long sizeOf(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return FolderReader.sizeOf(path);
    }
    return Files.isRegularFile(path) ? StoredInput.estimatedSize(path) : 0;
  }

  /** Opens a file or folder, detecting its format, with gzip undone for {@code .gz} files. */
  static ArchiveReader open(Path path) throws IOException {
    return open(path, ArchiveFormat.AUTO);
  }

  /** Opens a file or folder in the given format ({@link ArchiveFormat#AUTO} to detect it). */
  static ArchiveReader open(Path path, ArchiveFormat format) throws IOException {
    return open(path, format, ReaderConfig.DEFAULT);
  }

  /**
   * Opens a file or folder in the given format with the given limits.
   *
   * <p>A folder is walked (a Maildir in Maildir order); each file in it is read by its content
   * unless {@code format} names a single-file format, which then applies to every file. gzip is
   * recognised by its magic bytes. The rules are in the package documentation.
   *
   * @throws java.nio.file.NoSuchFileException when the path does not exist
   */
  static ArchiveReader open(Path path, ArchiveFormat format, ReaderConfig config)
      throws IOException {
    return FormatDetector.open(path, format, config, FileGate.ALL, Unreadable.FAIL);
  }

  /**
   * Opens a file or folder as {@link #open(Path, ArchiveFormat, ReaderConfig)} does, reading only
   * the files {@code gate} admits: it is asked for {@code path} itself when that is a file, and for
   * each file of a folder's walk when the walk reaches it.
   */
  static ArchiveReader open(Path path, ArchiveFormat format, ReaderConfig config, FileGate gate)
      throws IOException {
    return FormatDetector.open(path, format, config, gate, Unreadable.FAIL);
  }

  /**
   * Opens a file or folder as {@link #open(Path, ArchiveFormat, ReaderConfig, FileGate)} does; a
   * file or sub-folder of a folder's walk that cannot be read is told to {@code unreadable} and
   * passed over, and the walk goes on. A file named as {@code path} that cannot be read still throws
   * from here or from {@link #next()}: the caller knows which input it was.
   */
  static ArchiveReader open(Path path, ArchiveFormat format, ReaderConfig config, FileGate gate, Unreadable unreadable)
      throws IOException {
    return FormatDetector.open(path, format, config, gate, unreadable);
  }
}
