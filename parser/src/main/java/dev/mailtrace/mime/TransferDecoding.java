package dev.mailtrace.mime;

import java.util.Arrays;

/**
 * Content-Transfer-Encoding decoders (RFC 2045 section 6), table-driven and tolerant: they decode
 * what real mail contains instead of rejecting it, and say what they had to tolerate.
 */
final class TransferDecoding {

  /** The encodings {@link #decode} knows; anything else is kept raw. */
  enum Encoding {
    IDENTITY,
    BASE64,
    QUOTED_PRINTABLE,
    UNKNOWN;

    /** The encoding for a lower-case, trimmed Content-Transfer-Encoding value. */
    static Encoding of(String cte) {
      return switch (cte) {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "7bits", "8bits", "none" -> IDENTITY;
        case "base64", "base-64" -> BASE64;
        case "quoted-printable", "quoted_printable", "quotedprintable" -> QUOTED_PRINTABLE;
        default -> UNKNOWN;
      };
    }
  }

  /** Base64 alphabet value of each byte, -1 for white space and line ends, -2 for anything else. */
  private static final byte[] BASE64 = new byte[256];

  /** Bytes quoted-printable decoding must look at: '=', space and tab. */
  private static final boolean[] QP_SPECIAL = new boolean[256];

  /** Hex digit value of each byte, -1 for non-hex. */
  private static final byte[] HEX = new byte[256];

  static {
    Arrays.fill(BASE64, (byte) -2);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
    // The URL-safe alphabet turns up in mail from web services; it does not clash.
    BASE64['-'] = 62;
    BASE64['_'] = 63;
    BASE64[' '] = -1;
    BASE64['\t'] = -1;
    BASE64['\r'] = -1;
    BASE64['\n'] = -1;
    BASE64['\f'] = -1;
    BASE64[0x0b] = -1;
    QP_SPECIAL['='] = true;
    QP_SPECIAL[' '] = true;
    QP_SPECIAL['\t'] = true;
    Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['A' + i] = (byte) (10 + i);
      HEX['a' + i] = (byte) (10 + i);
    }
  }

  private TransferDecoding() {}

  /**
   * Decodes base64 from {@code buf[start, end)}: white space and line breaks skipped, other
   * non-alphabet bytes skipped and counted, "=" ending a quantum wherever it appears (so
   * concatenated padded blocks decode), missing padding tolerated. Returns the decoded bytes;
   * {@code junk[0]} receives the number of skipped non-alphabet bytes and {@code junk[1]} is set
   * to 1 when a dangling single character (6 bits, no byte) was dropped.
   */
  static byte[] base64(byte[] buf, int start, int end, int[] junk) {
    byte[] out = new byte[(end - start) / 4 * 3 + 3];
    int n = 0;
    int acc = 0;
    int bits = 0;
    int invalid = 0;
    byte[] table = BASE64;
    for (int i = start; i < end; i++) {
      int b = buf[i] & 0xff;
      int v = table[b];
      if (v >= 0) {
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[n++] = (byte) (acc >> bits);
        }
      } else if (b == '=') {
        if (bits == 6) {
          junk[1] = 1;
        }
        acc = 0;
        bits = 0;
      } else if (v == -2) {
        invalid++;
      }
    }
    if (bits == 6) {
      junk[1] = 1;
    }
    junk[0] = invalid;
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * Decodes quoted-printable from {@code buf[start, end)} (RFC 2045 section 6.7): "=XX" (either
   * case), soft line breaks with any line end and white space before it, trailing white space of a
   * line removed; a malformed "=" escape is kept literally and counted in {@code bad[0]}.
   */
  static byte[] quotedPrintable(byte[] buf, int start, int end, int[] bad) {
    byte[] out = new byte[end - start];
    byte[] hex = HEX;
    int n = 0;
    int malformed = 0;
    int i = start;
    while (i < end) {
      // Copy the run of ordinary bytes up to the next '=' or white space in one go.
      int run = i;
      while (run < end && !QP_SPECIAL[buf[run] & 0xff]) {
        run++;
      }
      if (run > i) {
        System.arraycopy(buf, i, out, n, run - i);
        n += run - i;
        i = run;
        if (i >= end) {
          break;
        }
      }
      byte b = buf[i];
      if (b == '=') {
        if (i + 2 < end) {
          int h = hex[buf[i + 1] & 0xff];
          int l = hex[buf[i + 2] & 0xff];
          if (h >= 0 && l >= 0) {
            out[n++] = (byte) ((h << 4) | l);
            i += 3;
            continue;
          }
        }
        // soft line break: "=" then optional white space then a line end or the end
        int j = i + 1;
        while (j < end && (buf[j] == ' ' || buf[j] == '\t')) {
          j++;
        }
        if (j >= end) {
          i = end;
          continue;
        }
        if (buf[j] == '\r') {
          i = j + 1 < end && buf[j + 1] == '\n' ? j + 2 : j + 1;
          continue;
        }
        if (buf[j] == '\n') {
          i = j + 1;
          continue;
        }
        malformed++;
        out[n++] = b;
        i++;
      } else if (b == ' ' || b == '\t') {
        // Trailing white space was added in transport: drop it before a line end or the end.
        int j = i + 1;
        while (j < end && (buf[j] == ' ' || buf[j] == '\t')) {
          j++;
        }
        if (j >= end || buf[j] == '\r' || buf[j] == '\n') {
          i = j;
        } else {
          while (i < j) {
            out[n++] = buf[i++];
          }
        }
      } else {
        out[n++] = b;
        i++;
      }
    }
    bad[0] = malformed;
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  /** Lower-case hex of a digest. */
  static String hex(byte[] digest) {
    char[] c = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      c[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      c[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
    return new String(c);
  }
}
