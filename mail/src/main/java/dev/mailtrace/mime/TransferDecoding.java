package dev.mailtrace.mime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

  /**
   * A base64 byte's value already shifted to its place in a four-character quantum (18, 12, 6 and
   * 0 bits), or a negative number for anything outside the alphabet: four lookups OR-ed together
   * give the three bytes, and the sign says whether the fast path applies.
   */
  private static final int[] QUAD0 = new int[256];

  private static final int[] QUAD1 = new int[256];
  private static final int[] QUAD2 = new int[256];
  private static final int[] QUAD3 = new int[256];

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
    for (int c = 0; c < 256; c++) {
      int v = BASE64[c];
      QUAD0[c] = v >= 0 ? v << 18 : -1;
      QUAD1[c] = v >= 0 ? v << 12 : -1;
      QUAD2[c] = v >= 0 ? v << 6 : -1;
      QUAD3[c] = v >= 0 ? v : -1;
    }
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
    int[] state = new int[4];
    int n = base64(buf, start, end, out, 0, state);
    junk[0] = state[2];
    junk[1] = state[3] != 0 || state[1] == 6 ? 1 : 0;
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * Decodes one slice of a base64 body into {@code out} from {@code n}, which must have room for
   * {@code (end - start) / 4 * 3 + 3} bytes; returns the new end of the output. {@code state}
   * carries a quantum across slices: {@code [0]} bits pending, {@code [1]} their count, {@code [2]}
   * non-alphabet bytes skipped so far, {@code [3]} set when a dangling character was dropped at an
   * "=" (a dangling character at the very end shows as {@code state[1] == 6}).
   */
  static int base64(byte[] buf, int start, int end, byte[] out, int n, int[] state) {
    int acc = state[0];
    int bits = state[1];
    int invalid = state[2];
    byte[] table = BASE64;
    int[] q0 = QUAD0;
    int[] q1 = QUAD1;
    int[] q2 = QUAD2;
    int[] q3 = QUAD3;
    int i = start;
    while (i < end) {
      if (bits == 0) {
        // Whole quanta of alphabet characters, the bulk of every line, four at a time.
        while (i + 4 <= end) {
          int x = q0[buf[i] & 0xff] | q1[buf[i + 1] & 0xff] | q2[buf[i + 2] & 0xff]
              | q3[buf[i + 3] & 0xff];
          if (x < 0) {
            break;
          }
          // Three byte stores: a big-endian VarHandle store is a call per quantum under C1.
          out[n] = (byte) (x >> 16);
          out[n + 1] = (byte) (x >> 8);
          out[n + 2] = (byte) x;
          n += 3;
          i += 4;
        }
        if (i >= end) {
          break;
        }
      }
      int b = buf[i++] & 0xff;
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
          state[3] = 1;
        }
        acc = 0;
        bits = 0;
      } else if (v == -2) {
        invalid++;
      }
    }
    state[0] = acc & 0xff;
    state[1] = bits;
    state[2] = invalid;
    return n;
  }

  /**
   * Decodes quoted-printable from {@code buf[start, end)} (RFC 2045 section 6.7): "=XX" (either
   * case), soft line breaks with any line end and white space before it, trailing white space of a
   * line removed; a malformed "=" escape is kept literally and counted in {@code bad[0]}.
   */
  static byte[] quotedPrintable(byte[] buf, int start, int end, int[] bad) {
    byte[] out = new byte[end - start];
    int n = quotedPrintable(buf, start, end, out, 0, bad, true);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * Decodes one slice of a quoted-printable body into {@code out} from {@code n} (room for {@code
   * end - start} bytes needed), adding malformed escapes to {@code bad[0]}; returns the new end of
   * the output. A slice must end after a line end or, inside a long line, where no escape and no
   * white space is cut ({@link #qpSliceEnd}); trailing white space is dropped at its end only when
   * it is the {@code last}.
   */
  static int quotedPrintable(byte[] buf, int start, int end, byte[] out, int n, int[] bad, boolean last) {
    byte[] hex = HEX;
    int malformed = 0;
    // Literal bytes written since the last escape, soft break or line end start at floor: only
    // they can be trailing white space to drop when the line ends.
    int floor = n;
    int i = start;
    while (i < end) {
      // Copy the run of ordinary bytes (white space included) up to '=' or a line end in one go.
      int run = qpSpecial(buf, i, end);
      if (run > i) {
        System.arraycopy(buf, i, out, n, run - i);
        n += run - i;
        i = run;
      }
      if (i >= end) {
        break;
      }
      byte b = buf[i];
      if (b == '=') {
        if (i + 2 < end) {
          int h = hex[buf[i + 1] & 0xff];
          int l = hex[buf[i + 2] & 0xff];
          if (h >= 0 && l >= 0) {
            out[n++] = (byte) ((h << 4) | l);
            floor = n;
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
          floor = n;
          continue;
        }
        if (buf[j] == '\r') {
          i = j + 1 < end && buf[j + 1] == '\n' ? j + 2 : j + 1;
          floor = n;
          continue;
        }
        if (buf[j] == '\n') {
          i = j + 1;
          floor = n;
          continue;
        }
        malformed++;
        out[n++] = b;
        floor = n;
        i++;
      } else {
        // A line end: white space before it was added in transport, drop it (RFC 2045 6.7 (3)).
        while (n > floor && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
          n--;
        }
        out[n++] = b;
        floor = n;
        i++;
      }
    }
    // Trailing white space at the very end is dropped as before a line end.
    while (last && n > floor && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
      n--;
    }
    bad[0] += malformed;
    return n;
  }

  /**
   * Where a slice of a quoted-printable body that should end near {@code want} may end: after the
   * last line end before it, or inside a line longer than the slice, before a run of white space
   * and not within an escape. Returns a position in {@code (start, want]}.
   */
  static int qpSliceEnd(byte[] buf, int start, int want) {
    for (int i = want; i > start; i--) {
      if (buf[i - 1] == '\n') {
        return i;
      }
    }
    int e = want;
    while (e > start + 3 && (buf[e - 1] == ' ' || buf[e - 1] == '\t' || buf[e - 1] == '=' || buf[e - 2] == '='
        || buf[e - 1] == '\r')) {
      e--;
    }
    return e;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long EQUALS = ONES * '=';
  private static final long CRS = ONES * '\r';
  private static final long LFS = ONES * '\n';

  /** The index of the first '=', CR or LF in {@code [from, to)}, or {@code to}; 8 bytes a step. */
  private static int qpSpecial(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long eq = w ^ EQUALS;
      long cr = w ^ CRS;
      long lf = w ^ LFS;
      long hit = ((eq - ONES) & ~eq | (cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGHS;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '=' || c == '\r' || c == '\n') {
        return i;
      }
    }
    return to;
  }
}
