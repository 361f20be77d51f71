package dev.mailtrace.smtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line ends (CR or LF) and bytes with the high bit set eight bytes at a time: the zero-byte
 * test of "Bit Twiddling Hacks". Message content is mostly long runs without either, so the
 * content's wire form is made from a few bulk copies instead of a decision per byte.
 */
final class LineEnds {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final long CRS = ONES * '\r';

  private LineEnds() {}

  /** The index of the first CR or LF in {@code [from, to)}, or {@code to}. */
  static int next(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long lf = w ^ LFS;
      long cr = w ^ CRS;
      // The lowest flagged byte is always exact (borrows only run upwards).
      long hit = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return to;
  }

  /** Whether any byte of {@code [from, to)} has the high bit set. */
  static boolean hasHighBit(byte[] b, int from, int to) {
    int i = from;
    long acc = 0;
    for (; i + 8 <= to; i += 8) {
      acc |= (long) LONGS.get(b, i);
    }
    for (; i < to; i++) {
      acc |= b[i];
    }
    return (acc & HIGHS) != 0 || acc < 0;
  }
}
