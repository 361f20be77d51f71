package dev.mailtrace.mime;

/**
 * Limits for the message parser. Reaching a limit is a recorded problem, never an exception.
 *
 * @param maxHeaderCount header fields kept per entity
 * @param maxHeaderBytes bytes kept of one header field
 * @param maxDepth nesting depth of multiparts and enclosed messages
 * @param maxParts entities per message
 * @param maxBodyBytes decoded bytes kept of one leaf's body, for its text and for {@link
 *     dev.mailtrace.message.Part#body()}; a larger body is still decoded to its end, measured and
 *     hashed as it streams past, and only its first bytes are kept
 * @param maxKeptBytes decoded bytes kept of all the leaves of one message together; once they are
 *     used up, later leaves keep nothing (and are still measured and hashed)
 * @param maxTextChars characters of {@link dev.mailtrace.message.Message#text()}
 */
public record ParserConfig(
    int maxHeaderCount, int maxHeaderBytes, int maxDepth, int maxParts, int maxBodyBytes, int maxKeptBytes,
    int maxTextChars) {
  /** Limits generous enough for any real message, tight enough to bound memory on hostile input. */
  public static final ParserConfig DEFAULT =
      new ParserConfig(10_000, 1 << 20, 50, 10_000, 4 << 20, 16 << 20, 4 << 20);

  public ParserConfig {
    if (maxHeaderCount < 1 || maxHeaderBytes < 1 || maxDepth < 1 || maxParts < 1 || maxBodyBytes < 0
        || maxKeptBytes < 0 || maxTextChars < 0) {
      throw new IllegalArgumentException("parser limits must be positive");
    }
  }

  public ParserConfig withMaxDepth(int depth) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, depth, maxParts, maxBodyBytes, maxKeptBytes, maxTextChars);
  }

  public ParserConfig withMaxParts(int parts) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, parts, maxBodyBytes, maxKeptBytes, maxTextChars);
  }

  public ParserConfig withMaxHeaderCount(int count) {
    return new ParserConfig(count, maxHeaderBytes, maxDepth, maxParts, maxBodyBytes, maxKeptBytes, maxTextChars);
  }

  public ParserConfig withMaxHeaderBytes(int bytes) {
    return new ParserConfig(maxHeaderCount, bytes, maxDepth, maxParts, maxBodyBytes, maxKeptBytes, maxTextChars);
  }

  /** A copy keeping this many decoded bytes of one leaf's body. */
  public ParserConfig withMaxBodyBytes(int bytes) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, maxParts, bytes, maxKeptBytes, maxTextChars);
  }

  /** A copy keeping this many decoded bytes of all leaves of a message together. */
  public ParserConfig withMaxKeptBytes(int bytes) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, maxParts, maxBodyBytes, bytes, maxTextChars);
  }

  /** A copy keeping this many characters of a message's text. */
  public ParserConfig withMaxTextChars(int chars) {
    return new ParserConfig(maxHeaderCount, maxHeaderBytes, maxDepth, maxParts, maxBodyBytes, maxKeptBytes, chars);
  }

  /**
   * This configuration: part hashes are now computed when first asked for ({@link
   * dev.mailtrace.message.Part#sha256()}), so there is nothing to turn off.
   *
   * @deprecated part hashes are lazy; drop the call
   */
  @Deprecated
  public ParserConfig withHashParts(boolean hash) {
    return this;
  }
}
