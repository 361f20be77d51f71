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
  /**
   * 64 MiB per message (more than any mail system accepts), or a sixteenth of the heap when that is
   * less: a run with {@code -Xmx256m} holds 16 MiB messages, so that the message being read, one
   * queued and one per parser fit beside the index writer's buffer.
   */
  public static final ReaderConfig DEFAULT =
      new ReaderConfig((int) Math.max(1 << 20, Math.min(64 << 20, Runtime.getRuntime().maxMemory() / 16)));

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
