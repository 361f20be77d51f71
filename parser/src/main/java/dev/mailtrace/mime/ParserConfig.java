package dev.mailtrace.mime;

/**
 * Limits for the message parser. Reaching a limit is a recorded problem, never an exception.
 *
 * @param maxHeaderCount header fields kept per entity
 * @param maxHeaderBytes bytes kept of one header field
 * @param maxDepth nesting depth of multiparts and enclosed messages
 * @param maxParts entities per message
 */
public record ParserConfig(int maxHeaderCount, int maxHeaderBytes, int maxDepth, int maxParts) {
  /** Limits generous enough for any real message, tight enough to bound memory on hostile input. */
  public static final ParserConfig DEFAULT = new ParserConfig(10_000, 1 << 20, 50, 10_000);

  public ParserConfig {
    if (maxHeaderCount < 1 || maxHeaderBytes < 1 || maxDepth < 1 || maxParts < 1) {
      throw new IllegalArgumentException("parser limits must be positive");
    }
  }

  public ParserConfig withMaxDepth(int depth) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, depth, maxParts);
  }

  public ParserConfig withMaxParts(int parts) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, parts);
  }

  public ParserConfig withMaxHeaderCount(int count) {
    return new ParserConfig(count, maxHeaderBytes, maxDepth, maxParts);
  }

  public ParserConfig withMaxHeaderBytes(int bytes) {
    return new ParserConfig(maxHeaderCount, bytes, maxDepth, maxParts);
  }
}
