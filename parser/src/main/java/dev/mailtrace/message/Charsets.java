package dev.mailtrace.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lenient charset lookup and decoding for mail: labels as real mail writes them, never an exception.
 *
 * <p>Unknown labels and undecodable bytes fall back to UTF-8 when the bytes are valid UTF-8, else
 * windows-1252, the charset most often mislabelled as ISO-8859-1 or US-ASCII in the wild.
 */
public final class Charsets {
  private static final Charset WINDOWS_1252 = lookup("windows-1252");

  private Charsets() {}

  /** The charset for a MIME label, or null when Java does not know it under any usual spelling. */
  public static Charset forLabel(String label) {
    if (label == null) {
      return null;
    }
    String l = label.trim().toLowerCase(Locale.ROOT);
    if (l.length() >= 2 && l.charAt(0) == '"' && l.charAt(l.length() - 1) == '"') {
      l = l.substring(1, l.length() - 1).trim();
    }
    // WHATWG encoding rules: these labels mean windows-1252 in practice.
    switch (l) {
      case "", "us-ascii", "ascii", "iso-8859-1", "latin1", "iso8859-1", "iso_8859-1", "ansi_x3.4-1968":
        return l.isEmpty() ? null : WINDOWS_1252;
      case "utf8", "utf-8", "unicode-1-1-utf-8":
        return StandardCharsets.UTF_8;
      case "ks_c_5601-1987", "ks_c_5601", "ksc5601":
        return lookup("x-windows-949");
      case "gb2312", "gbk", "x-gbk", "cp936":
        return lookup("GBK");
      case "iso-2022-jp-ms", "iso-2022-jp-3":
        return lookup("ISO-2022-JP");
      default:
        Charset c = lookup(l);
        if (c == null && l.startsWith("x-")) {
          c = lookup(l.substring(2));
        }
        if (c == null && l.startsWith("cp")) {
          c = lookup("windows-" + l.substring(2));
        }
        return c;
    }
  }

  /** Decodes bytes with the labelled charset, falling back as the class describes. */
  public static String decode(byte[] bytes, String label) {
    return decode(bytes, 0, bytes.length, label);
  }

  /** Decodes a range of bytes with the labelled charset, falling back as the class describes. */
  public static String decode(byte[] bytes, int offset, int length, String label) {
    return decode(bytes, offset, length, forLabel(label));
  }

  /** Decodes a range of bytes with a known charset, with the same fallback for UTF-8 and Latin. */
  public static String decode(byte[] bytes, int offset, int length, Charset cs) {
    if (cs == null || cs == WINDOWS_1252 || cs == StandardCharsets.UTF_8) {
      return decodeGuessing(bytes, offset, length, cs);
    }
    return new String(bytes, offset, length, cs);
  }

  /** UTF-8 when the bytes are valid UTF-8 (which pure ASCII is), else the given charset or windows-1252. */
  public static String decodeGuessing(byte[] bytes, int offset, int length, Charset otherwise) {
    boolean ascii = true;
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      Charset fallback =
          otherwise == null || otherwise == StandardCharsets.UTF_8 ? WINDOWS_1252 : otherwise;
      return new String(bytes, offset, length, fallback);
    }
  }

  private static Charset lookup(String name) {
    try {
      return Charset.forName(name);
    } catch (RuntimeException unknown) {
      return null;
    }
  }
}
