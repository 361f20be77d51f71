package dev.mailtrace.mime;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one message's bytes into the {@link Message} model: RFC 5322 header section, MIME tree
 * (RFC 2045-2049), RFC 2047/2231 decoding. Never throws on bad input. Thread-safe.
 *
 * <p>What the parser could not read is recorded in {@link Message#problems()} after the framing
 * problems of the {@link RawMessage}. An internal failure on some input is recorded the same way:
 * the message then comes back with its whole content as one undecoded text part.
 */
public final class MessageParser {
  private final ParserConfig config;

  /** A parser with {@link ParserConfig#DEFAULT} limits. */
  public MessageParser() {
    this(ParserConfig.DEFAULT);
  }

  /** A parser with the given limits. */
  public MessageParser(ParserConfig config) {
    this.config = config;
  }

  /** Parses a message read from an archive; never throws. */
  public Message parse(RawMessage raw) {
    List<String> problems = new ArrayList<>(raw.problems().size() + 4);
    problems.addAll(raw.problems());
    int before = problems.size();
    try {
      return new TreeBuilder(raw, config, problems).build();
    } catch (RuntimeException | StackOverflowError bug) {
      problems.subList(before, problems.size()).clear();
      problems.add("parser failure (" + bug + "): message kept as one unparsed part");
      return unparsed(raw, problems);
    }
  }

  private static Message unparsed(RawMessage raw, List<String> problems) {
    byte[] content = raw.content();
    Part root =
        new Part("1", List.of(), "text/plain", null, "7bit", null, null, List.of(), content,
            content.length, null);
    return new Message(
        raw.source(), raw.index(), raw.envelope(), List.of(), null, null, List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), null, null, List.of(), root,
        new String(content, 0, Math.min(content.length, ParserConfig.DEFAULT.maxTextChars()),
            StandardCharsets.ISO_8859_1), problems);
  }
}
