package dev.mailtrace.archive;

import java.io.IOException;

/**
 * The bytes at a {@link dev.mailtrace.message.Source} are no longer the bytes that were read: the
 * file was changed, truncated or replaced since. The message says which file and range, and that
 * the archive should be read (indexed) again.
 */
public class SourceMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A mismatch described by {@code message}: which file and range, and what to do. */
  public SourceMismatchException(String message) {
    super(message);
  }
}
