package dev.mailtrace.samples;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The encodings a mail writer needs: base64 and quoted-printable bodies, RFC 2047 and 2231 words. */
final class MimeEncoding {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64_LINES =
      Base64.getMimeEncoder(76, new byte[] {'\n'});

  private MimeEncoding() {}

  /** RFC 2045 section 6.8: base64 in lines of 76 characters, with a final line end. */
  static void base64(byte[] data, Bytes out) {
    if (data.length == 0) {
      return;
    }
    out.append(BASE64_LINES.encode(data));
    out.newline();
  }

  /**
   * RFC 2045 section 6.7: quoted-printable with soft breaks so no line exceeds 76 characters. Input
   * lines are separated by LF; trailing white space is encoded.
   */
  static void quotedPrintable(byte[] data, Bytes out) {
    int col = 0;
    for (int i = 0; i < data.length; i++) {
      int b = data[i] & 0xff;
      if (b == '\n') {
        out.newline();
        col = 0;
        continue;
      }
      boolean lineEndFollows = i + 1 == data.length || data[i + 1] == '\n';
      boolean literal =
          (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndFollows);
      int width = literal ? 1 : 3;
      if (col + width > 75) {
        out.append((byte) '=');
        out.newline();
        col = 0;
      }
      if (literal) {
        out.append((byte) b);
      } else {
        out.append((byte) '=');
        out.append(HEX[b >> 4]);
        out.append(HEX[b & 15]);
      }
      col += width;
    }
  }

  /** True when the text needs no encoding in a header. */
  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c < 0x20 && c != '\t')) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 2047 encoded words for a header value, split into words of at most about 20 characters of
   * text joined by folding white space so each stays well under 75 characters. Each chunk is encoded
   * on its own, so stateful charsets (ISO-2022-JP) return to ASCII inside every word.
   */
  static String encodedWords(String text, Charset charset, boolean base64) {
    StringBuilder sb = new StringBuilder(text.length() * 3);
    int i = 0;
    int chunk = base64 ? 12 : 18;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + chunk);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      if (sb.length() > 0) {
        sb.append("\n ");
      }
      sb.append(encodedWord(text.substring(i, end), charset, base64));
      i = end;
    }
    return sb.toString();
  }

  /** One RFC 2047 encoded word. */
  static String encodedWord(String text, Charset charset, boolean base64) {
    byte[] bytes = text.getBytes(charset);
    StringBuilder sb = new StringBuilder(bytes.length * 3 + 20);
    sb.append("=?").append(charset.name()).append(base64 ? "?B?" : "?Q?");
    if (base64) {
      sb.append(Base64.getEncoder().encodeToString(bytes));
    } else {
      for (byte x : bytes) {
        int b = x & 0xff;
        // RFC 2047 section 5 (3): in a phrase only letters, digits and !*+-/ stay literal.
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
            || b == '!' || b == '*' || b == '+' || b == '-' || b == '/') {
          sb.append((char) b);
        } else if (b == ' ') {
          sb.append('_');
        } else {
          sb.append('=').append((char) HEX[b >> 4]).append((char) HEX[b & 15]);
        }
      }
    }
    return sb.append("?=").toString();
  }

  /** RFC 2231 section 4: {@code charset''percent-encoded} extended parameter value. */
  static String extendedValue(String text, Charset charset) {
    StringBuilder sb = new StringBuilder(charset.name()).append("''");
    for (byte x : text.getBytes(charset)) {
      int b = x & 0xff;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '.' || b == '-' || b == '_') {
        sb.append((char) b);
      } else {
        sb.append('%').append((char) HEX[b >> 4]).append((char) HEX[b & 15]);
      }
    }
    return sb.toString();
  }
}
