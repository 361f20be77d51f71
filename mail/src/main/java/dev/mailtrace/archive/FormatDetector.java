package dev.mailtrace.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Decides how a path is read and opens the matching reader.
 *
 * <p>A folder is a Maildir when it has at least two of {@code cur}, {@code new}, {@code tmp}, else a
 * plain folder walked recursively. A file is an mbox when its (decompressed) content starts with
 * {@code "From "} after an optional UTF-8 byte-order mark and white-space-only lines; otherwise it
 * holds one message.
 */
final class FormatDetector {
  /** How much of a file is looked at to decide whether it is an mbox. */
  static final int HEAD = 4096;

  private FormatDetector() {}

  static ArchiveReader open(Path path, ArchiveFormat format, ReaderConfig config, FileGate gate, Unreadable unreadable)
      throws IOException {
    if (Files.isDirectory(path)) {
      return new FolderReader(path, format, config, gate, unreadable);
    }
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(
          path.toString(), null, "no such file or folder: check the path");
    }
    if (!Files.isRegularFile(path)) {
      // A pipe or a device (/dev/stdin) can be read only once: its messages could not be read back
      // by offset and checked against their SHA-256, which everything after reading relies on.
      throw new java.nio.file.FileSystemException(path.toString(), null,
          "not a regular file (a pipe or a device): messages are re-read by offset later, so save the input to a file first (gzip is read as it is)");
    }
    if (!gate.admit(path, Files.readAttributes(path, BasicFileAttributes.class))) {
      return new ArchiveReader() {
        @Override
        public dev.mailtrace.message.RawMessage next() {
          return null;
        }

        @Override
        public void close() {}
      };
    }
    return openFile(path, format, config);
  }

  /** A reader for one file; folder-level formats read each file by its content. */
  static ArchiveReader openFile(Path path, ArchiveFormat format, ReaderConfig config)
      throws IOException {
    if (format == ArchiveFormat.AUTO || format == ArchiveFormat.MAILDIR || format == ArchiveFormat.EML) {
      // A small plain file (every Maildir message) is read once: its head decides the format and,
      // when it holds one message, the same bytes are that message.
      byte[] whole = StoredInput.readPlain(path, config.maxMessageBytes(), format != ArchiveFormat.EML);
      if (whole != null) {
        return new EmlReader(path, whole, config);
      }
    }
    return switch (fileFormat(path, format)) {
      case EML -> new EmlReader(path, config);
      case AUTO, MAILDIR -> new MboxReader(path, ArchiveFormat.AUTO, config);
      default -> new MboxReader(path, format, config);
    };
  }

  /**
   * How one file is read: {@link ArchiveFormat#EML}, an mbox variant, or {@link ArchiveFormat#AUTO}
   * for an mbox whose variant is left open (Content-Length framing when consistent, mboxrd
   * un-quoting unless the file shows unquoted From lines).
   */
  static ArchiveFormat fileFormat(Path path, ArchiveFormat requested) throws IOException {
    return switch (requested) {
      case AUTO, MAILDIR -> looksLikeMbox(StoredInput.head(path, HEAD)) ? ArchiveFormat.AUTO
          : ArchiveFormat.EML;
      default -> requested;
    };
  }

  static boolean looksLikeMbox(byte[] head) {
    return looksLikeMbox(head, head.length);
  }

  /** As {@link #looksLikeMbox(byte[])} over the first {@code n} bytes. */
  static boolean looksLikeMbox(byte[] head, int n) {
    int i = 0;
    if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (true) {
      int line = i;
      while (i < n && (head[i] == ' ' || head[i] == '\t')) {
        i++;
      }
      if (i < n && (head[i] == '\r' || head[i] == '\n')) {
        i = MboxQuoting.nextLine(head, i, n);
        continue;
      }
      return MboxQuoting.startsWithFrom(head, line, n);
    }
  }

  static boolean isMaildir(Path dir) {
    int found = 0;
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      if (Files.isDirectory(dir.resolve(sub), LinkOption.NOFOLLOW_LINKS)) {
        found++;
      }
    }
    return found >= 2;
  }

  /** A Maildir, or a Maildir++ folder ({@code .Name}) that has at least {@code cur} or {@code new}. */
  static boolean isMaildirOrPlusFolder(Path dir) {
    if (isMaildir(dir)) {
      return true;
    }
    return dir.getFileName().toString().startsWith(".")
        && (Files.isDirectory(dir.resolve("cur"), LinkOption.NOFOLLOW_LINKS)
            || Files.isDirectory(dir.resolve("new"), LinkOption.NOFOLLOW_LINKS));
  }
}
