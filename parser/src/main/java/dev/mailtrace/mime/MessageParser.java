package dev.mailtrace.mime;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;

/**
 * Parses one message's bytes into the {@link Message} model: RFC 5322 header section, MIME tree
 * (RFC 2045-2049), RFC 2047/2231 decoding. Never throws on bad input. Thread-safe.
 */
public final class MessageParser {
  private final ParserConfig config;

  public MessageParser() {
    this(ParserConfig.DEFAULT);
  }

  public MessageParser(ParserConfig config) {
    this.config = config;
  }

  /** Parses a message read from an archive. */
  public Message parse(RawMessage raw) {
    throw new UnsupportedOperationException("not yet");
  }
}
