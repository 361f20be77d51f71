package dev.mailtrace.archive;

import java.io.ByteArrayOutputStream;

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
    while (i < end) {
      byte c = b[i++];
      if (c == '\n') {
        return i;
      }
      if (c == '\r') {
        return i < end && b[i] == '\n' ? i + 1 : i;
      }
    }
    return end;
  }
}
