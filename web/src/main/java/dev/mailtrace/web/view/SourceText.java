package dev.mailtrace.web.view;

import dev.mailtrace.message.Charsets;
import java.nio.charset.StandardCharsets;

/**
 * A message's stored bytes as text for reading: UTF-8 where they are valid UTF-8, else
 * windows-1252, byte for byte (the download, not this text, is the evidence).
 */
public final class SourceText {
  private SourceText() {}

  /** The whole stored message. */
  public static String of(byte[] stored) {
    return Charsets.decodeGuessing(stored, 0, stored.length, StandardCharsets.UTF_8);
  }

  /** The header section: the stored bytes up to the first empty line (RFC 5322 section 2.1). */
  public static String headerSection(byte[] stored) {
    int end = stored.length;
    for (int i = 0; i + 1 < stored.length; i++) {
      if (stored[i] == '\n' && (stored[i + 1] == '\n' || (stored[i + 1] == '\r' && i + 2 < stored.length && stored[i + 2] == '\n'))) {
        end = i + 1;
        break;
      }
    }
    return Charsets.decodeGuessing(stored, 0, end, StandardCharsets.UTF_8);
  }
}
