package dev.mailtrace.mime;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import java.nio.charset.StandardCharsets;

/** Builds raw messages from text for tests, as an archive reader would. */
final class Messages {
  private Messages() {}

  static RawMessage raw(byte[] content) {
    return new RawMessage(
        new Source("test.eml", 0, content.length, dev.mailtrace.message.Sha256.of(content)), 0, null, content);
  }

  /** The text with LF line ends replaced by {@code eol}. */
  static byte[] bytes(String text, String eol) {
    return text.replace("\n", eol).getBytes(StandardCharsets.UTF_8);
  }

  static Message parse(String text) {
    return new MessageParser().parse(raw(bytes(text, "\n")));
  }

  static Message parse(String text, String eol) {
    return new MessageParser().parse(raw(bytes(text, eol)));
  }

  /** Converts every line end (CRLF, LF, CR) to {@code eol}. */
  static byte[] convertLineEnds(byte[] in, String eol) {
    byte[] e = eol.getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length + in.length / 20);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '\r') {
        if (i + 1 < in.length && in[i + 1] == '\n') {
          i++;
        }
        out.write(e, 0, e.length);
      } else if (b == '\n') {
        out.write(e, 0, e.length);
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
