package dev.mailtrace.message;

import java.util.Objects;

/**
 * One message as read from an archive, before parsing.
 *
 * @param source where its stored bytes are, with their hash
 * @param index position of the message in its source file, counted from 0
 * @param envelope the mbox {@code From } line without its line end, or null outside mbox
 * @param content the RFC 5322 message: the stored bytes with mbox quoting undone (the same array
 *     as the stored bytes when there is nothing to undo); line ends as they were in the file
 * @param problems what went wrong while framing this message (bad Content-Length, text before the
 *     first {@code From } line, a truncated file, ...), each "what: where"
 */
public record RawMessage(
    Source source, int index, String envelope, byte[] content, java.util.List<String> problems) {
  public RawMessage {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(content, "content");
    problems = java.util.List.copyOf(problems);
  }

  /** A message with no framing problems. */
  public RawMessage(Source source, int index, String envelope, byte[] content) {
    this(source, index, envelope, content, java.util.List.of());
  }
}
