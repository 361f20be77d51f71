package dev.mailtrace.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Told of each file or folder that a read passes over because it cannot be read (no permission,
 * an I/O error, a damaged gzip stream): the walk goes on with the rest, and no message is made of
 * what could not be read.
 */
@FunctionalInterface
public interface Unreadable {
  /** Stops the read at the first file or folder that cannot be read, by throwing its failure. */
  Unreadable FAIL = (path, why) -> {
    throw why;
  };

  /**
   * Called once for a file or folder passed over, on the reading thread.
   *
   * @param path the file or folder
   * @param why what went wrong; its message says what and where
   * @throws IOException to stop the read instead
   */
  void skip(Path path, IOException why) throws IOException;

  /** What a person reads about a failure: its message, or its kind when it has none. */
  static String reason(IOException why) {
    if (why instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (why instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
  }
}
