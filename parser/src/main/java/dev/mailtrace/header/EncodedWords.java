package dev.mailtrace.header;

import java.util.List;

/** RFC 2047 encoded-word decoding for unstructured fields, display names and parameters. */
public final class EncodedWords {
  private EncodedWords() {}

  /**
   * Decodes every encoded word in {@code value} (B and Q, adjacent words joined); a word in an
   * unknown charset is kept as written and a problem is added to {@code problems}.
   */
  public static String decode(String value, List<String> problems) {
    return value; // stub: being implemented
  }
}
