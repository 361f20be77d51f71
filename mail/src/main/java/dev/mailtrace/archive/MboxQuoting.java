package dev.mailtrace.archive;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The {@code >From } quoting rules of the mbox variants (RFC 4155 appendix; the mboxo, mboxrd,
 * mboxcl and mboxcl2 descriptions of qmail's mbox(5)), applied the same way by the reader and by
 * {@link SourceBytes#readContent}.
 */
final class MboxQuoting {
  /** Bytes of a line looked at to recognise a quoted or separator line. */
  static final int LOOK = 1024;

  private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

  private MboxQuoting() {}

  /** True when the bytes at {@code off} begin {@code "From "} before {@code end}. */
  static boolean startsWithFrom(byte[] b, int off, int end) {
    if (end - off < 5) {
      return false;
    }
    for (int i = 0; i < 5; i++) {
      if (b[off + i] != FROM[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The number of {@code >} before {@code From } at the start of a line, or -1 when the line is not
   * a quoted From line. Only the first {@link #LOOK} bytes of the line are examined.
   */
  static int quoteDepth(byte[] b, int off, int end) {
    end = Math.min(end, off + LOOK);
    int i = off;
    while (i < end && b[i] == '>') {
      i++;
    }
    return i > off && startsWithFrom(b, i, end) ? i - off : -1;
  }

  /** True when a line quoted {@code depth} deep loses one {@code >} when read in this variant. */
  static boolean strips(ArchiveFormat variant, int depth) {
    return switch (variant) {
      case AUTO, MBOXRD -> depth >= 1;
      case MBOXO, MBOXCL -> depth == 1;
      default -> false;
    };
  }

  /**
   * The content of stored mbox bytes: one {@code >} removed from each quoted line the variant
   * quotes. For {@link ArchiveFormat#AUTO}, the mboxrd rule, unless a line starts with an unquoted
   * {@code From }, which shows that its writer does not quote (mboxcl2) and nothing is undone.
   * Returns the same array when there is nothing to undo.
   */
  static byte[] unquote(byte[] stored, ArchiveFormat variant) {
    int n = stored.length;
    boolean bare = false;
    int strip = 0;
    for (int line = 0; line < n; ) {
      if (startsWithFrom(stored, line, n)) {
        bare = true;
      } else if (strips(variant, quoteDepth(stored, line, n))) {
        strip++;
      }
      line = nextLine(stored, line, n);
    }
    if (strip == 0 || (variant == ArchiveFormat.AUTO && bare)) {
      return stored;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n - strip);
    int copied = 0;
    for (int line = 0; line < n; ) {
      if (strips(variant, quoteDepth(stored, line, n))) {
        out.write(stored, copied, line - copied);
        copied = line + 1;
      }
      line = nextLine(stored, line, n);
    }
    out.write(stored, copied, n - copied);
    return out.toByteArray();
  }

  /** Removes one byte at each of the given sorted positions (each below {@code size}). */
  static byte[] strip(byte[] content, int size, int[] positions, int count) {
    byte[] out = new byte[size - count];
    int from = 0;
    int to = 0;
    for (int k = 0; k < count; k++) {
      int p = positions[k];
      System.arraycopy(content, from, out, to, p - from);
      to += p - from;
      from = p + 1;
    }
    System.arraycopy(content, from, out, to, size - from);
    return out;
  }

  /** The start of the line after the one starting at {@code i}: ends are LF, CRLF or a lone CR. */
  static int nextLine(byte[] b, int i, int end) {
    i = lineEnd(b, i, end);
    if (i == end) {
      return end;
    }
    return b[i] == '\r' && i + 1 < end && b[i + 1] == '\n' ? i + 2 : i + 1;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final long CRS = ONES * '\r';

  /**
   * The index of the first CR or LF in {@code [from, to)}, or {@code to}. Looks at eight bytes at
   * a time (the zero-byte test of "Bit Twiddling Hacks"): the lowest flagged byte is always exact.
   */
  static int lineEnd(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long lf = w ^ LFS;
      long cr = w ^ CRS;
      long hit = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return i;
      }
    }
    return to;
  }
}
