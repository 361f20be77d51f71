package dev.mailtrace.fuzz;

import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Sha256;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.mime.ParserConfig;

/** The MIME parser on any bytes, with small limits so that reaching them is common. */
public final class MessageParserFuzz {
  static final ParserConfig LIMITS = ParserConfig.DEFAULT.withMaxHeaderCount(40).withMaxHeaderBytes(300).withMaxDepth(6)
      .withMaxParts(40).withMaxBodyBytes(700).withMaxKeptBytes(2000).withMaxTextChars(1500);
  private static final MessageParser PARSER = new MessageParser(LIMITS);

  private MessageParserFuzz() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    check(parse(data));
  }

  static Message parse(byte[] data) {
    return PARSER.parse(new RawMessage(new Source("fuzz.eml", 0, data.length, Sha256.of(data)), 0, null, data));
  }

  static void check(Message m) {
    Invariants.oneLineEach(m.problems());
    for (String p : m.problems()) {
      Invariants.check(!p.startsWith("parser failure"), p);
    }
    Invariants.check(m.text().length() <= LIMITS.maxTextChars(), "text over its limit: " + m.text().length());
    long kept = 0;
    int parts = 0;
    for (Part leaf : m.leaves()) {
      parts++;
      Invariants.check(leaf.body().length <= LIMITS.maxBodyBytes(), "body over its limit: " + leaf.body().length);
      Invariants.check(leaf.size() >= leaf.body().length, "size below the kept bytes");
      kept += leaf.body().length;
      String sha = leaf.sha256();
      Invariants.check(sha != null && sha.length() == 64, "leaf without a hash: " + leaf);
      headers(leaf);
    }
    Invariants.check(kept <= LIMITS.maxKeptBytes(), "kept bytes over the message's limit: " + kept);
    Invariants.check(parts <= LIMITS.maxParts() + 1, "more parts than the limit: " + parts);
    Invariants.check(m.headers().size() <= LIMITS.maxHeaderCount(), "more fields than the limit");
  }

  private static void headers(Part p) {
    Invariants.check(p.headers().size() <= LIMITS.maxHeaderCount(), "more fields than the limit in " + p.path());
    for (Header h : p.headers()) {
      Invariants.check(h.value().length() <= LIMITS.maxHeaderBytes(), "field value over its limit");
    }
  }
}
