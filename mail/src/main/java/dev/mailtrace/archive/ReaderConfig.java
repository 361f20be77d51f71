package dev.mailtrace.archive;

/**
 * Limits for archive readers. Reaching a limit is a recorded problem on the message, never an
 * exception.
 *
 * @param maxMessageBytes content bytes kept per message; a longer message is still framed and hashed
 *     over its whole stored range, but its {@code content} holds only the first {@code
 *     maxMessageBytes} bytes and it carries a problem saying so
 */
public record ReaderConfig(int maxMessageBytes) {
  /** 64 MiB per message: more than any mail system accepts, little enough to bound memory. */
  public static final ReaderConfig DEFAULT = new ReaderConfig(64 << 20);

  public ReaderConfig {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
    }
  }

  /** A copy with another content limit. */
  public ReaderConfig withMaxMessageBytes(int bytes) {
    return new ReaderConfig(bytes);
  }
}
