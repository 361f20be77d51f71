package dev.mailtrace.mime;

/**
 * Limits for the message parser. Reaching a limit is a recorded problem, never an exception.
 *
 * @param maxHeaderCount header fields kept per entity
 * @param maxHeaderBytes bytes kept of one header field
 * @param maxDepth nesting depth of multiparts and enclosed messages
 * @param maxParts entities per message
 * @param hashParts whether each leaf's {@link dev.mailtrace.message.Part#sha256()} is computed;
 *     off, it is null and a caller hashes only the parts it needs (the indexer: attachments)
 */
public record ParserConfig(int maxHeaderCount, int maxHeaderBytes, int maxDepth, int maxParts, boolean hashParts) {
  /** Limits generous enough for any real message, tight enough to bound memory on hostile input. */
  public static final ParserConfig DEFAULT = new ParserConfig(10_000, 1 << 20, 50, 10_000, true);

  public ParserConfig {
    if (maxHeaderCount < 1 || maxHeaderBytes < 1 || maxDepth < 1 || maxParts < 1) {
      throw new IllegalArgumentException("parser limits must be positive");
    }
  }

  public ParserConfig withMaxDepth(int depth) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, depth, maxParts, hashParts);
  }

  public ParserConfig withMaxParts(int parts) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, parts, hashParts);
  }

  public ParserConfig withMaxHeaderCount(int count) {
    return new ParserConfig(count, maxHeaderBytes, maxDepth, maxParts, hashParts);
  }

  public ParserConfig withMaxHeaderBytes(int bytes) {
    return new ParserConfig(maxHeaderCount, bytes, maxDepth, maxParts, hashParts);
  }

  /**
   * A copy that computes leaf hashes or not. SHA-256 over every decoded body is a large share of
   * parsing when the JIT is C1 only (no SHA intrinsics there); most callers never read it.
   */
  public ParserConfig withHashParts(boolean hash) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, maxParts, hash);
  }
}
